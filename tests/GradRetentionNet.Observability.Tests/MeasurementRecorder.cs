using System.Diagnostics.Metrics;

namespace GradRetentionNet.Observability.Tests;

/// <summary>One measurement as a listener saw it.</summary>
internal sealed record Recorded(string Instrument, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? this[string tag] => Tags.TryGetValue(tag, out var value) ? value : null;
}

/// <summary>Listens to one meter's instruments: counters and histograms as they record, gauges on <see cref="Observe"/>.</summary>
internal sealed class MeasurementRecorder : IDisposable
{
    readonly MeterListener listener = new();
    readonly List<Recorded> recorded = [];

    public MeasurementRecorder(Meter meter)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == meter) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Add(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        listener.Start();
    }

    /// <summary>Everything recorded since the last call, after reading every observable instrument once.</summary>
    public IReadOnlyList<Recorded> Observe()
    {
        listener.RecordObservableInstruments();
        lock (recorded)
        {
            var snapshot = recorded.ToList();
            recorded.Clear();
            return snapshot;
        }
    }

    void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, string?>();
        foreach (var (key, tag) in tags) dictionary[key] = tag?.ToString();
        lock (recorded) recorded.Add(new Recorded(instrument.Name, value, dictionary));
    }

    public void Dispose() => listener.Dispose();
}
