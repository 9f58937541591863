namespace GradRetentionNet.Data.Download;

/// <summary>A dataset in place under the data root.</summary>
/// <param name="Name">The dataset's name.</param>
/// <param name="Directory">Its folder: <c>{dataRoot}/{Name}</c>.</param>
/// <param name="AlreadyPrepared">True when it was complete before the call and no request was made.</param>
/// <param name="BytesDownloaded">Bytes received over the network by this call.</param>
public sealed record PreparedDataset(string Name, string Directory, bool AlreadyPrepared, long BytesDownloaded);
