using CsvHelper;
using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Contracts.Files;

namespace GradRetentionNet.Training.Jobs;

/// <summary>A job's folder: result.json, epochs.csv, batches.csv, checkpoint.bin and images.</summary>
public sealed class JobOutput(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);
    public string ResultPath => Path.Combine(Directory, "result.json");
    public string EpochsCsvPath => Path.Combine(Directory, "epochs.csv");
    public string BatchesCsvPath => Path.Combine(Directory, "batches.csv");
    public string CheckpointPath => Path.Combine(Directory, "checkpoint.bin");
    public string GradCamDirectory => Path.Combine(Directory, "gradcam");

    /// <summary>Writes the JSON and both CSV files, each atomically.</summary>
    public void Write(JobResult result)
    {
        AtomicFile.WriteText(ResultPath, JobJson.Serialize(result));
        WriteCsv(EpochsCsvPath, result.Epochs);
        WriteCsv(BatchesCsvPath, result.Batches);
    }

    public JobResult Read() => JobJson.Deserialize(File.ReadAllText(ResultPath));

    static void WriteCsv<T>(string path, IEnumerable<T> records) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecords(records);
        });
}
