using GradRetentionNet.Sweeps.Study;

namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// Everything the results page says, typed: what produced it, the study's jobs and results, and
/// (optionally) the sweep that reproduces the original project's setting. Nothing on the page is
/// typed by hand but <see cref="OriginalPublication"/>, the original's published numbers.
/// </summary>
/// <param name="Original">The ordinary sweep that reproduces the original's setting; null when none was given.</param>
/// <param name="MajorityClasses">Per classification dataset, the score of always predicting its most frequent class; none when unknown.</param>
public sealed record ResultsPageData(PageProvenance Provenance, RunFacts StudyRun, StudyResults Study, OriginalReproduction? Original,
    IReadOnlyList<MajorityClass>? MajorityClasses = null);

/// <summary>What produced the page: the specs it was generated from, the command, when, and on which machine.</summary>
/// <param name="Command">The command line as the user gave it, to be pasted again.</param>
public sealed record PageProvenance(SpecFile StudySpec, SpecFile? OriginalSpec, string Command, DateTimeOffset GeneratedAt, MachineFacts GeneratedOn);

/// <summary>A spec file as given on the command line, with its sweep's name and the SHA-256 of its text (to tell it is the committed one).</summary>
public sealed record SpecFile(string Path, string SweepName, string Sha256);

/// <summary>A machine as the page describes it.</summary>
public sealed record MachineFacts(string Cpu, int LogicalCores, double MemoryGiB, string OperatingSystem);
