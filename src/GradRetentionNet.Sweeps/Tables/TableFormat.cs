namespace GradRetentionNet.Sweeps.Tables;

/// <summary>The file formats a table is exported in.</summary>
public enum TableFormat
{
    Csv,
    Json,
    Parquet,
}

public static class TableFormats
{
    /// <summary>The format's file extension, without the dot; also its name on the command line.</summary>
    public static string Extension(this TableFormat format) => format.ToString().ToLowerInvariant();
}
