namespace GradRetentionNet.Grains;

/// <summary>
/// The cluster's view of training slots (a single activation, key "cluster"). Silos advertise
/// their slots and the jobs they hold; coordinators reserve a slot before dispatching a job, so
/// jobs go to silos with a free slot instead of queueing behind busy ones.
/// </summary>
public interface ISlotBoardGrain : IGrainWithStringKey
{
    Task Advertise(SlotAdvert advert);

    /// <summary>Reserves a slot for the job <paramref name="jobKey"/> on the active silo with the most free slots; null when none is free.</summary>
    Task<SiloAddress?> Reserve(string jobKey);

    Task Release(string jobKey);

    Task<SiloSlots[]> Silos();
}
