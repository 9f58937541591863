using GradRetentionNet.Contracts.Files;
using GradRetentionNet.Contracts.Jobs;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// The end-of-epoch checkpoint: the result so far, the model, the optimizer's full state and the
/// default random generator (dropout), in one file replaced atomically. Resuming from it
/// continues the job exactly (on the CPU; CUDA's generator state is not captured). The result
/// holds no per-batch rows, only the length of batches.csv they reached, so the file's size does
/// not grow with the steps done.
/// </summary>
internal static class JobCheckpoint
{
    const string Magic = "GRN-CHECKPOINT";

    /// <summary>2: the result without its per-batch rows (version 1 carried them all).</summary>
    const int Version = 2;

    public static void Save(string path, JobResult result, nn.Module model, optim.Optimizer optimizer) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(JobJson.Serialize(result));
            model.save(writer);
            Helper(optimizer).save_state_dict(writer);
            using var rng = torch.get_rng_state();
            var bytes = rng.data<byte>().ToArray();
            writer.Write(bytes.Length);
            writer.Write(bytes);
        });

    /// <summary>Restores model and optimizer from <paramref name="path"/> and returns the result so far; null when there is no checkpoint.</summary>
    public static JobResult? TryLoad(string path, string jobId, nn.Module model, optim.Optimizer optimizer)
    {
        if (!File.Exists(path)) return null;
        using var reader = new BinaryReader(File.OpenRead(path));
        if (reader.ReadString() != Magic) throw new InvalidDataException($"{path} is not a GradRetentionNet checkpoint");
        var version = reader.ReadInt32();
        // Converting version 1 would mean rebuilding batches.csv from the rows its result held (the old
        // order wrote that file after the checkpoint, so it may lag behind): starting again is simpler and safe.
        if (version < Version)
            throw new InvalidDataException($"{path} was written by an older GradRetentionNet (checkpoint format {version}): " +
                                           "delete it to train this job from the start, or use another output folder");
        if (version > Version)
            throw new InvalidDataException($"{path} was written by a newer GradRetentionNet (checkpoint format {version}; this build reads {Version}): " +
                                           "resume it with that version, delete it to train this job from the start, or use another output folder");
        var result = JobJson.Deserialize(reader.ReadString());
        if (result.JobId != jobId)
            throw new InvalidDataException($"{path} belongs to job {result.JobId}, not {jobId}: use another output folder or delete it");
        model.load(reader);
        Helper(optimizer).load_state_dict(reader);
        using var rng = torch.tensor(reader.ReadBytes(reader.ReadInt32()));
        torch.set_rng_state(rng);
        return result;
    }

    static OptimizerHelper Helper(optim.Optimizer optimizer) =>
        optimizer as OptimizerHelper ?? throw new NotSupportedException($"{optimizer.GetType().Name} cannot be checkpointed");
}
