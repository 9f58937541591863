namespace GradRetentionNet.Sweeps.Scheduling.EarlyStopping;

/// <summary>
/// Decides, as each epoch of a trial reports, whether the trial goes on. Values are oriented so
/// that higher is better (a loss arrives negated). A rule sees only the trials of one bracket (a
/// dataset × model × optimizer): an optimizer's trials compete with each other, never with
/// another optimizer's, so a slow starter is not cut by a fast one.
/// </summary>
public interface IEarlyStopRule
{
    /// <summary>Records the trial's value at <paramref name="epoch"/> and says whether it stops now.</summary>
    bool Report(string trial, int epoch, double value);

    /// <summary>Records a value reported before a restart, without deciding anything (the decision was made then).</summary>
    void Replay(string trial, int epoch, double value);
}
