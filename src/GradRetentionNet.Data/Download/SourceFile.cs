namespace GradRetentionNet.Data.Download;

/// <summary>One published file of a dataset and how to install it.</summary>
/// <param name="FileName">Name in the dataset folder (for archives: the name it has while it is extracted). Also its name on a mirror.</param>
/// <param name="Urls">Where it is published, tried in order.</param>
/// <param name="Size">Exact size in bytes.</param>
/// <param name="Checksum">The digest its publisher gives.</param>
/// <param name="Kind">Keep it, or extract it as a tar / tar.gz.</param>
public sealed record SourceFile(string FileName, IReadOnlyList<Uri> Urls, long Size, Checksum Checksum, SourceFileKind Kind = SourceFileKind.Keep);
