namespace GradRetentionNet.Api;

/// <summary>What the sweep API needs from its host: the token it demands and where sweeps write their results.</summary>
/// <param name="Token">Bearer token every /api request must carry. Never logged.</param>
/// <param name="OutputRoot">Folder (a shared volume in a cluster) under which each submitted sweep gets its folder.</param>
public sealed record SweepApiOptions(string Token, string OutputRoot);
