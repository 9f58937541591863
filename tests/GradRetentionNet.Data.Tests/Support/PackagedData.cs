namespace GradRetentionNet.Data.Tests.Support;

/// <summary>
/// The offline data home that build/offline-data.sh fills. Tests of the packaged real samples use
/// it and FAIL (never skip) when it was not set up, saying how to set it up.
/// </summary>
public static class PackagedData
{
    /// <summary>Options pointing at the offline home in effect ($GRN_OFFLINE_DATA or the default).</summary>
    public static DataOptions Options => new();

    /// <summary>The folder of <paramref name="dataset"/> in the offline home; fails the test if it is not set up.</summary>
    public static string Folder(string dataset)
    {
        var home = Options.ResolveOfflineDataHome();
        var folder = Path.Combine(home, dataset);
        if (!File.Exists(Path.Combine(folder, "SOURCE")))
            Assert.Fail($"the packaged data '{dataset}' is not set up in {home}: run build/offline-data.sh first (build/test.sh does)");
        return folder;
    }
}
