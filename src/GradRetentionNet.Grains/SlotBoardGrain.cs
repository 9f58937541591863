namespace GradRetentionNet.Grains;

/// <summary>
/// Keeps, per silo, the slots it advertises and the jobs holding them, and hands out free slots.
/// Its state is rebuilt from the silos' periodic adverts, so it needs no storage: if its own
/// silo dies it comes back elsewhere and is whole again after one advert period.
/// </summary>
public sealed class SlotBoardGrain(IClusterMembershipService membership) : Grain, ISlotBoardGrain
{
    public const string Key = "cluster";

    /// <summary>A reservation the silo has not mentioned yet survives adverts this long (the dispatch is in flight).</summary>
    static readonly TimeSpan InFlight = TimeSpan.FromSeconds(30);

    readonly Dictionary<SiloAddress, Entry> silos = [];

    sealed class Entry
    {
        public int Slots;
        public Dictionary<string, DateTimeOffset> Jobs = [];
        public DateTimeOffset LastChosen;
        public int Free => Slots - Jobs.Count;
    }

    public Task Advertise(SlotAdvert advert)
    {
        var now = DateTimeOffset.UtcNow;
        if (!silos.TryGetValue(advert.Silo, out var entry)) silos[advert.Silo] = entry = new Entry();
        entry.Slots = advert.Slots;
        // What the silo holds is the truth, plus reservations whose job has not reached it yet.
        var jobs = advert.Jobs.ToDictionary(job => job, job => entry.Jobs.GetValueOrDefault(job, now));
        foreach (var (job, reservedAt) in entry.Jobs)
            if (!jobs.ContainsKey(job) && now - reservedAt < InFlight) jobs[job] = reservedAt;
        entry.Jobs = jobs;
        return Task.CompletedTask;
    }

    public Task<SiloAddress?> Reserve(string jobKey)
    {
        ForgetSilosNotActive();
        var existing = silos.FirstOrDefault(s => s.Value.Jobs.ContainsKey(jobKey));
        if (existing.Value is not null) return Task.FromResult<SiloAddress?>(existing.Key);

        // Most free slots first; among equals the one chosen longest ago, so jobs spread out.
        var best = silos.Where(s => s.Value.Free > 0)
            .OrderByDescending(s => s.Value.Free).ThenBy(s => s.Value.LastChosen)
            .Select(s => s.Key).FirstOrDefault();
        if (best is null) return Task.FromResult<SiloAddress?>(null);
        var now = DateTimeOffset.UtcNow;
        silos[best].Jobs[jobKey] = now;
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
        return Task.FromResult(silos.Select(s => new SiloSlots(s.Key.ToParsableString(), s.Value.Slots, s.Value.Jobs.Count)).ToArray());
    }

    void ForgetSilosNotActive()
    {
        var snapshot = membership.CurrentSnapshot;
        foreach (var silo in silos.Keys.ToList())
            if (!snapshot.Members.TryGetValue(silo, out var member) || member.Status != SiloStatus.Active)
                silos.Remove(silo);
    }
}
