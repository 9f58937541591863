namespace GradRetentionNet.Contracts.Grains;

/// <summary>
/// The cluster's view of training slots (a single activation, key "cluster"). Silos advertise
/// their slots and the jobs they hold; coordinators reserve a slot before dispatching a job, so
/// jobs go to silos with a free slot instead of queueing behind busy ones.
/// </summary>
public interface ISlotBoardGrain : IGrainWithStringKey
{
    Task Advertise(SlotAdvert advert);

    /// <summary>
    /// Reserves room for the job <paramref name="jobKey"/> on the active silo with the most free
    /// capacity — a slot, or 1/<paramref name="trialsPerGpu"/> of a GPU on a GPU silo; null when none has room.
    /// </summary>
    Task<SiloAddress?> Reserve(string jobKey, int trialsPerGpu = 1);

    Task Release(string jobKey);

    Task<SiloSlots[]> Silos();
}
