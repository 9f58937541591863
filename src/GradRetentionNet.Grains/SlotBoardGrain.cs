namespace GradRetentionNet.Grains;

/// <summary>
/// Keeps, per silo, the slots it advertises and the jobs holding them, and hands out room: a whole
/// slot on a CPU silo, 1/trials_per_gpu of a GPU on a GPU silo. Its state is rebuilt from the
/// silos' periodic adverts, so it needs no storage: if its own silo dies it comes back elsewhere
/// and is whole again after one advert period.
/// </summary>
public sealed class SlotBoardGrain(IClusterMembershipService membership) : Grain, ISlotBoardGrain
{
    public const string Key = "cluster";

    /// <summary>A reservation the silo has not mentioned yet survives adverts this long (the dispatch is in flight).</summary>
    static readonly TimeSpan InFlight = TimeSpan.FromSeconds(30);

    /// <summary>Shares are fractions like 1/3: sums of them may miss a whole slot by rounding.</summary>
    const double Tolerance = 1e-9;

    readonly Dictionary<SiloAddress, Entry> silos = [];

    sealed class Entry
    {
        public int Slots;
        public bool Gpus;
        public Dictionary<string, (double Share, DateTimeOffset Since)> Jobs = [];
        public DateTimeOffset LastChosen;
        public double Free => Slots - Jobs.Values.Sum(j => j.Share);
        public double ShareOf(int trialsPerGpu) => Gpus ? 1.0 / Math.Max(1, trialsPerGpu) : 1.0;
    }

    public Task Advertise(SlotAdvert advert)
    {
        var now = DateTimeOffset.UtcNow;
        if (!silos.TryGetValue(advert.Silo, out var entry)) silos[advert.Silo] = entry = new Entry();
        entry.Slots = advert.Slots;
        entry.Gpus = advert.Gpus;
        // What the silo holds is the truth, plus reservations whose job has not reached it yet.
        var jobs = advert.Jobs.ToDictionary(job => job.Key, job => (job.Share, entry.Jobs.TryGetValue(job.Key, out var known) ? known.Since : now));
        foreach (var (job, held) in entry.Jobs)
            if (!jobs.ContainsKey(job) && now - held.Since < InFlight) jobs[job] = held;
        entry.Jobs = jobs;
        return Task.CompletedTask;
    }

    public Task<SiloAddress?> Reserve(string jobKey, int trialsPerGpu = 1)
    {
        ForgetSilosNotActive();
        var existing = silos.FirstOrDefault(s => s.Value.Jobs.ContainsKey(jobKey));
        if (existing.Value is not null) return Task.FromResult<SiloAddress?>(existing.Key);

        // Most free room first; among equals the one chosen longest ago, so jobs spread out.
        var best = silos.Where(s => s.Value.Free + Tolerance >= s.Value.ShareOf(trialsPerGpu))
            .OrderByDescending(s => s.Value.Free).ThenBy(s => s.Value.LastChosen)
            .Select(s => s.Key).FirstOrDefault();
        if (best is null) return Task.FromResult<SiloAddress?>(null);
        var now = DateTimeOffset.UtcNow;
        silos[best].Jobs[jobKey] = (silos[best].ShareOf(trialsPerGpu), now);
        silos[best].LastChosen = now;
        return Task.FromResult<SiloAddress?>(best);
    }

    public Task Release(string jobKey)
    {
        foreach (var entry in silos.Values) entry.Jobs.Remove(jobKey);
        return Task.CompletedTask;
    }

    public Task<SiloSlots[]> Silos()
    {
        ForgetSilosNotActive();
        return Task.FromResult(silos.Select(s => new SiloSlots(s.Key.ToParsableString(), s.Value.Slots, s.Value.Slots - s.Value.Free, s.Value.Gpus)).ToArray());
    }

    void ForgetSilosNotActive()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in silos.Keys.ToList())
            if (!snapshot.Members.TryGetValue(silo, out var member) || member.Status != SiloStatus.Active)
                silos.Remove(silo);
    }
}
