using GradRetentionNet.Contracts.Sweeps;
using GradRetentionNet.Sweeps.Spec;

namespace GradRetentionNet.Grains.Tests;

/// <summary>A submission as the API makes one: the spec parsed once, its text kept.</summary>
public static class Submissions
{
    public static SweepSubmission Of(string yaml, string source, string outputRoot) => new(SweepSpecParser.Parse(yaml, source), yaml, outputRoot);
}
