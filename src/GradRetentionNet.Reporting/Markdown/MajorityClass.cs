namespace GradRetentionNet.Reporting.Markdown;

/// <summary>
/// The share of a classification dataset's test examples (as the study's jobs saw them) that
/// belong to its most frequent class: what a model that always predicts that class scores, the
/// floor any verdict on the dataset has to be read against.
/// </summary>
public sealed record MajorityClass(string Dataset, double Fraction, long TestExamples);
