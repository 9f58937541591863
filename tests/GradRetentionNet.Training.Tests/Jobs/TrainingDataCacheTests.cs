using GradRetentionNet.Contracts.Jobs;
using GradRetentionNet.Data.Splits;
using GradRetentionNet.Training.Jobs;

namespace GradRetentionNet.Training.Tests.Jobs;

/// <summary>The silo's shared data: loaded once per data spec, read by every job on it, disposed when no longer held.</summary>
public sealed class TrainingDataCacheTests
{
    static JobSpec Digits(long seed = 1, string optimizer = "sgd", long maxTrain = 300) => new()
    {
        Dataset = "mnist-digits-10k", Model = "simple-cnn", Optimizer = optimizer, Seed = seed, Epochs = 1,
        BatchSize = 64, MaxTrainSamples = maxTrain, MaxTestSamples = 100, Device = "cpu", GradCamSamples = 0,
    };

    static bool Disposed(TrainingData data) => ((ImageSplit)data.Train).Images.IsInvalid;

    [Fact]
    public void Jobs_that_differ_in_seed_or_optimizer_share_one_load_of_their_data()
    {
        using var cache = new TrainingDataCache();
        using var first = cache.Acquire(Digits(seed: 1, optimizer: "sgd"), out var firstSeconds);
        using var second = cache.Acquire(Digits(seed: 2, optimizer: "adam"), out var secondSeconds);

        second.Data.Should().BeSameAs(first.Data);
        cache.Loads.Should().Be(1);
        firstSeconds.Should().BePositive();
        secondSeconds.Should().Be(0, "the data was in the cache");
    }

    [Fact]
    public void Different_subset_sizes_are_different_data()
    {
        using var cache = new TrainingDataCache();
        using var small = cache.Acquire(Digits(maxTrain: 300), out _);
        using var large = cache.Acquire(Digits(maxTrain: 400), out _);

        large.Data.Should().NotBeSameAs(small.Data);
        large.Data.Train.Count.Should().Be(400);
        cache.Loads.Should().Be(2);
    }

    [Fact]
    public void Idle_data_beyond_the_capacity_is_disposed_least_recently_used_first_and_held_data_never()
    {
        using var cache = new TrainingDataCache(idleCapacity: 1);
        var a = cache.Acquire(Digits(maxTrain: 300), out _);
        var b = cache.Acquire(Digits(maxTrain: 310), out _);
        var c = cache.Acquire(Digits(maxTrain: 320), out _);

        a.Dispose();
        b.Dispose();
        Disposed(a.Data).Should().BeTrue("a and b are idle, one too many, and a was used least recently");
        Disposed(b.Data).Should().BeFalse();
        Disposed(c.Data).Should().BeFalse("a job holds it");
        cache.Count.Should().Be(2);

        c.Dispose();
        Disposed(b.Data).Should().BeTrue();
        Disposed(c.Data).Should().BeFalse("the most recently used idle data stays for the next job");
        using var again = cache.Acquire(Digits(maxTrain: 320), out var seconds);
        again.Data.Should().BeSameAs(c.Data);
        seconds.Should().Be(0);
    }

    [Fact]
    public void Disposing_the_cache_frees_idle_data_at_once_and_held_data_with_its_last_lease()
    {
        var cache = new TrainingDataCache();
        var held = cache.Acquire(Digits(maxTrain: 300), out _);
        var idle = cache.Acquire(Digits(maxTrain: 310), out _);
        idle.Dispose();

        cache.Dispose();
        Disposed(idle.Data).Should().BeTrue();
        Disposed(held.Data).Should().BeFalse("a job still trains on it");
        held.Dispose();
        Disposed(held.Data).Should().BeTrue();
        held.Dispose(); // a second release changes nothing
    }

    [Fact]
    public void Concurrent_jobs_on_the_same_data_load_it_once_and_read_it_together()
    {
        using var cache = new TrainingDataCache();
        var counts = Enumerable.Range(1, 4).AsParallel().WithDegreeOfParallelism(4).Select(seed =>
        {
            using var lease = cache.Acquire(Digits(seed: seed), out _);
            return lease.Data.Train.Batches(64, TorchSharp.torch.CPU).Sum(batch =>
            {
                using (batch) return batch.Size;
            });
        }).ToList();

        cache.Loads.Should().Be(1);
        counts.Should().AllBeEquivalentTo(300L);
    }

    [Fact]
    public void A_load_that_fails_is_not_kept()
    {
        using var cache = new TrainingDataCache();
        var missing = Digits() with { Dataset = "no-such-dataset" };
        var acquire = () => cache.Acquire(missing, out _);

        acquire.Should().Throw<Exception>();
        acquire.Should().Throw<Exception>();
        cache.Count.Should().Be(0);
    }
}
