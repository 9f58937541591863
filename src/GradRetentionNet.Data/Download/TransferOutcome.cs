namespace GradRetentionNet.Data.Download;

/// <summary>What one successful HTTP attempt did to the <c>.part</c> file.</summary>
/// <param name="BytesReceived">Bytes received in this attempt.</param>
/// <param name="Appended">True when the attempt continued bytes kept from before (a 206 answer, or nothing left to fetch).</param>
internal readonly record struct TransferOutcome(long BytesReceived, bool Appended);
