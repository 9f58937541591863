using GradRetentionNet.Contracts.Grains;

namespace GradRetentionNet.Grains;

/// <summary>
/// Keeps, per silo, the slots it advertises and the jobs holding them, and hands out room: a whole
/// slot on a CPU silo, 1/trials_per_gpu of a GPU on a GPU silo. Its state is rebuilt from the
/// silos' periodic adverts, so it needs no storage: if its own silo dies it comes back elsewhere
/// and is whole again after one advert period.
/// </summary>
public sealed class SlotBoardGrain(IClusterMembershipService membership) : Grain, ISlotBoardGrain
{
    /// <summary>
    /// A reservation the silo has not mentioned yet survives adverts this long (the dispatch is in
    /// flight); a released job is kept out of adverts this long (one sent before the job ended may
    /// arrive after its release).
    /// </summary>
    static readonly TimeSpan InFlight = TimeSpan.FromSeconds(30);

    /// <summary>Shares are fractions like 1/3: sums of them may miss a whole slot by rounding.</summary>
    const double Tolerance = 1e-9;

    readonly Dictionary<SiloAddress, Entry> silos = [];
    readonly Dictionary<string, DateTimeOffset> released = [];

    sealed class Entry
    {
        public int Slots;
        public bool Gpus;
        public Dictionary<string, Held> Jobs = [];
        public DateTimeOffset LastChosen;
        public double Free => Slots - Jobs.Values.Sum(j => j.Share);
        public double ShareOf(int trialsPerGpu) => Gpus ? 1.0 / Math.Max(1, trialsPerGpu) : 1.0;
    }

    /// <summary>A job's share of a silo's slots; Seen once the silo itself has listed the job.</summary>
    readonly record struct Held(double Share, DateTimeOffset Since, bool Seen);

    public Task Advertise(SlotAdvert advert)
    {
        var now = DateTimeOffset.UtcNow;
        if (!silos.TryGetValue(advert.Silo, out var entry)) silos[advert.Silo] = entry = new Entry();
        entry.Slots = advert.Slots;
        entry.Gpus = advert.Gpus;
        ForgetOldReleases(now);
        // What the silo holds is the truth, less jobs whose end the board has heard of since (the
        // advert crossed their release), plus reservations whose job has not reached the silo yet.
        // A job the silo has listed before and lists no more has left it.
        var jobs = advert.Jobs.Where(job => !released.ContainsKey(job.Key))
            .ToDictionary(job => job.Key, job => new Held(job.Share, entry.Jobs.TryGetValue(job.Key, out var known) ? known.Since : now, Seen: true));
        foreach (var (job, held) in entry.Jobs)
            if (!jobs.ContainsKey(job) && !held.Seen && now - held.Since < InFlight) jobs[job] = held;
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
        released.Remove(jobKey); // dispatched again (a retry, or a job handed back)
        silos[best].Jobs[jobKey] = new Held(silos[best].ShareOf(trialsPerGpu), now, Seen: false);
        silos[best].LastChosen = now;
        return Task.FromResult<SiloAddress?>(best);
    }

    public Task Release(string jobKey)
    {
        foreach (var entry in silos.Values) entry.Jobs.Remove(jobKey);
        released[jobKey] = DateTimeOffset.UtcNow;
        return Task.CompletedTask;
    }

    public Task<SiloSlots[]> Silos()
    {
        ForgetSilosNotActive();
        return Task.FromResult(silos.Select(s => new SiloSlots(s.Key.ToParsableString(), s.Value.Slots, s.Value.Slots - s.Value.Free, s.Value.Gpus)).ToArray());
    }

    void ForgetOldReleases(DateTimeOffset now)
    {
        foreach (var (job, at) in released.ToList())
            if (now - at >= InFlight) released.Remove(job);
    }

    void ForgetSilosNotActive()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in silos.Keys.ToList())
            if (!snapshot.Members.TryGetValue(silo, out var member) || member.Status != SiloStatus.Active)
                silos.Remove(silo);
    }
}
