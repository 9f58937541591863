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
/// attached to that arena, so job after job warmed a fresh one. Over 50 jobs in one silo
/// (BENCHMARKS.md, "Memory over 50 jobs"): without a cap +93 % from job 5 to job 50 and a peak of
/// 1,364 MiB; with this call first in Main, +27 % (+1.9 % from job 15) and a peak of 869 MiB; with
/// MALLOC_ARENA_MAX=2 in the environment, which the silo image sets, +0.8 % and 575 MiB — the
/// environment acts before the runtime's first threads take their arenas. Two, not one: the
/// training thread and libtorch's intra-op pool then rarely wait on the same arena's lock.
/// </summary>
/// <remarks>
/// Process-wide and permanent, so training processes call it (grn and grn-silo first thing in
/// Main, the trainer, the step benchmark); it changes how memory is reused, never a computed value.
/// The arena cap only holds when set before the process has more threads than arenas: glibc fixes
/// its limit then (measured: set at the first job instead of in Main, the 50 jobs still grew +90 %). Linux with glibc only: elsewhere, or
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
