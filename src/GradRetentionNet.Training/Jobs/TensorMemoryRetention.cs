using System.Runtime.InteropServices;

namespace GradRetentionNet.Training.Jobs;

/// <summary>
/// Makes glibc keep the memory of freed tensors for the next training step instead of handing it
/// back to the kernel. By default glibc serves blocks above its mmap threshold (128 KiB, raised as
/// large blocks are freed) with mmap and unmaps them when freed, and trims the heap's free top
/// beyond twice that threshold. A training step frees its activations and gradients and allocates
/// them again in the next step, so each step then pays the kernel to map and zero fresh pages:
/// measured here, about 4,400 page faults and some 15 % of a SimpleCNN step on one thread (the
/// text classifier, whose larger blocks fault either way, changes little). A 32 MiB mmap threshold
/// (glibc's ceiling on 64-bit) and a 256 MiB trim threshold keep those blocks in the heap: the
/// faults disappear and the peak resident set stays the same, since the same blocks are reused.
/// It also caps glibc's arenas at two. Each job trains on a thread of its own, and glibc gives a
/// new thread its own arena (up to eight per core); memory freed there is reused only by threads
/// attached to that arena, so every job warmed a fresh one: over 50 jobs in one silo the resident
/// set grew from 699 MiB after job 5 to 1,349 MiB after job 50 (+93 %); with two arenas,
/// 554 → 559 MiB (+0.8 %) and a peak of 575 MiB instead of 1,364 (BENCHMARKS.md, "Memory over 50
/// jobs"). Two, not one: the training thread and libtorch's intra-op pool then rarely wait on the
/// same arena's lock.
/// </summary>
/// <remarks>
/// Process-wide and permanent, so training processes call it (the trainer, the step benchmark);
/// it changes how memory is reused, never a computed value. Linux with glibc only: elsewhere, or
/// where <c>mallopt</c> is missing (musl), nothing changes.
/// </remarks>
public static class TensorMemoryRetention
{
    const int TrimThresholdOption = -1;   // M_TRIM_THRESHOLD
    const int MmapThresholdOption = -3;   // M_MMAP_THRESHOLD
    const int ArenaMaxOption = -8;        // M_ARENA_MAX
    const int ArenaMax = 2;
    const int MmapThreshold = 32 << 20;
    const int TrimThreshold = 256 << 20;

    static readonly Lazy<bool> Applied = new(Set);

    /// <summary>Applies the thresholds and the arena cap once per process; true when glibc accepted all three.</summary>
    public static bool Apply() => Applied.Value;

    static bool Set()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(MmapThresholdOption, MmapThreshold) == 1 && mallopt(TrimThresholdOption, TrimThreshold) == 1
                && mallopt(ArenaMaxOption, ArenaMax) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc")]
    static extern int mallopt(int option, int value);
}
