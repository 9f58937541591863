using System.Text.Json;
using CsvHelper;
using GradRetentionNet.Contracts.Files;
using GradRetentionNet.Contracts.Jobs;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// A job's folder: result.json, epochs.csv, batches.csv, checkpoint.bin and images. What stays small
/// (the result, one row an epoch) is rewritten atomically; batches.csv, one row a step, only grows by
/// appends, so no write repeats what an earlier one wrote.
/// </summary>
public sealed class JobOutput(string directory)
{
    public string Directory { get; } = Path.GetFullPath(directory);
    public string ResultPath => Path.Combine(Directory, "result.json");
    public string EpochsCsvPath => Path.Combine(Directory, "epochs.csv");
    public string BatchesCsvPath => Path.Combine(Directory, "batches.csv");
    public string CheckpointPath => Path.Combine(Directory, "checkpoint.bin");
    public string GradCamDirectory => Path.Combine(Directory, "gradcam");

    /// <summary>Writes result.json and epochs.csv, each atomically.</summary>
    public void Write(JobResult result)
    {
        AtomicFile.WriteText(ResultPath, JobJson.Serialize(result));
        WriteCsv(EpochsCsvPath, result.Epochs);
    }

    /// <summary>
    /// Reads result.json. One of schema version 1, which also listed every batch, reads the same, with
    /// <see cref="JobResult.Steps"/> counted from that list; its rows are in its batches.csv as well.
    /// </summary>
    public JobResult Read()
    {
        var json = File.ReadAllText(ResultPath);
        var result = JobJson.Deserialize(json);
        if (result.SchemaVersion == 1)
        {
            using var version1 = JsonDocument.Parse(json);
            if (version1.RootElement.TryGetProperty("batches", out var batches) && batches.ValueKind == JsonValueKind.Array)
                result.Steps = batches.GetArrayLength();
        }
        return result;
    }

    /// <summary>
    /// Appends <paramref name="rows"/> to batches.csv (after the header, when the file is new) and flushes
    /// them to disk; returns the file's length after them. A file begun by an older build, without the
    /// columns <see cref="BatchRecord.VarianceLrFactor"/>, <see cref="BatchRecord.LrScale"/> and
    /// <see cref="BatchRecord.Spike"/> (a job resumed from its checkpoint), goes on in its own columns.
    /// </summary>
    public long AppendBatches(IEnumerable<BatchRecord> rows)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var olderColumns = File.Exists(BatchesCsvPath) && FirstLine(BatchesCsvPath) == OlderBatchColumns.Header;
        using var stream = new FileStream(BatchesCsvPath, FileMode.Append, FileAccess.Write);
        var start = stream.Length;
        try
        {
            using (var csv = CsvWriter.Create(stream, CsvWriterOptions.Default with { HasHeader = start == 0 }, leaveOpen: true))
            {
                if (olderColumns && start > 0) csv.WriteRecords(rows, new OlderBatchColumns());
                else csv.WriteRecords(rows);
            }
            stream.Flush(flushToDisk: true);
            return stream.Length;
        }
        catch
        {
            // No half-written rows: a caller that fails here writes the same rows again later.
            stream.SetLength(start);
            throw;
        }
    }

    /// <summary>
    /// Cuts batches.csv back to its first <paramref name="length"/> bytes (0: no rows, and the next append
    /// writes the header again). A resume does this with the length its checkpoint recorded.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is shorter than that: rows the checkpoint counted are gone.</exception>
    public void TruncateBatches(long length)
    {
        var current = File.Exists(BatchesCsvPath) ? new FileInfo(BatchesCsvPath).Length : 0;
        if (current < length)
            throw new InvalidDataException($"{BatchesCsvPath} holds {current} bytes, fewer than the {length} its checkpoint counted: " +
                                           "delete checkpoint.bin to train this job from the start, or use another output folder");
        if (current == length) return;
        using var stream = new FileStream(BatchesCsvPath, FileMode.Open, FileAccess.Write);
        stream.SetLength(length);
        stream.Flush(flushToDisk: true);
    }

    static string? FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine();
    }

    /// <summary>The columns batches.csv had before the ones that say why the learning rate moved.</summary>
    sealed class OlderBatchColumns : CsvRecordWriter<BatchRecord>
    {
        public const string Header = "Step,Epoch,Loss,LearningRate,Momentum,GradScale,GradientMean,GradientVariance,ClipFraction";
        static readonly string[] Names = Header.Split(',');

        public override int FieldCount => Names.Length;

        public override void WriteHeader(CsvWriter writer)
        {
            foreach (var name in Names) WriteColumnName(writer, name);
        }

        public override void Write(CsvWriter writer, BatchRecord record)
        {
            writer.WriteField(record.Step, "");
            writer.WriteField(record.Epoch, "");
            writer.WriteField(record.Loss, "");
            writer.WriteField(record.LearningRate, "");
            writer.WriteField(record.Momentum, "");
            writer.WriteField(record.GradScale, "");
            writer.WriteField(record.GradientMean, "");
            writer.WriteField(record.GradientVariance, "");
            writer.WriteField(record.ClipFraction, "");
        }
    }

    /// <summary>The rows of batches.csv, one per step in step order; none when the job has written none.</summary>
    public IReadOnlyList<BatchRecord> ReadBatches()
    {
        if (!File.Exists(BatchesCsvPath) || new FileInfo(BatchesCsvPath).Length == 0) return [];
        using var csv = CsvReader.FromFile(BatchesCsvPath, CsvReaderOptions.Default);
        return csv.GetRecords<BatchRecord>().ToList();
    }

    static void WriteCsv<T>(string path, IEnumerable<T> records) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, leaveOpen: true);
            csv.WriteRecords(records);
        });
}
