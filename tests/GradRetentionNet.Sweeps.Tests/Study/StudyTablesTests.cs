using GradRetentionNet.Sweeps.Study;
using GradRetentionNet.Sweeps.Tables;
using GradRetentionNet.Sweeps.Tests.Tables;
using static GradRetentionNet.Sweeps.Tests.Study.StudyRuns;

namespace GradRetentionNet.Sweeps.Tests.Study;

public sealed class StudyTablesTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-study-tables-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    static StudyResults Study() => StudyAnalysis.Analyze(StudySpec(), [.. Tuning(), .. Evaluation()], FolderOf);

    static readonly Dictionary<string, string[]> ColumnsOf = new()
    {
        ["verdicts"] = ["dataset", "candidate", "best_baseline", "verdict", "pairs", "mean_difference", "ci_lower", "ci_upper",
            "t_holm_p", "wilcoxon_holm_p", "sentence"],
        ["cells"] = ["dataset", "model", "optimizer", "chosen", "selection_value", "tuned_configurations", "n", "mean", "sd", "median",
            "ci_lower", "ci_upper", "failed_seeds", "target", "median_steps_to_target", "median_seconds_to_target", "reached_target", "finished_seeds"],
        ["comparisons"] = ["dataset", "candidate", "baseline", "pairs", "dropped_seeds", "mean_difference", "ci_lower", "ci_upper",
            "t", "t_p", "t_holm_p", "wilcoxon_p", "wilcoxon_holm_p", "verdict"],
        ["profiles"] = ["optimizer", "score_steps", "score_seconds"],
        ["tuning"] = ["dataset", "optimizer", "trial", "hyperparameters", "seed", "state", "best_validation", "best_so_far", "job_id", "output_directory"],
    };

    [Fact]
    public void Every_table_has_its_columns_and_a_row_per_entry()
    {
        var study = Study();

        var tables = StudyTables.All(study);

        tables.Select(t => t.Name).Should().Equal(StudyTables.Names);
        tables.Should().OnlyContain(t => t.Columns.Select(c => c.Name).SequenceEqual(ColumnsOf[t.Name]));
        tables.Select(t => t.RowCount).Should().Equal(study.Verdicts.Count, 3, 2, 3, study.Tuning.Count);
        StudyTables.Names.Select(name => StudyTables.Named(study, name).Name).Should().Equal(StudyTables.Names);
        var unknown = () => StudyTables.Named(study, "seeds");
        unknown.Should().Throw<ArgumentException>().WithMessage("unknown table 'seeds': use one of verdicts, cells, comparisons, profiles, tuning");
    }

    [Fact]
    public async Task The_cells_read_back_from_csv_json_and_parquet_with_the_same_values()
    {
        var cells = StudyTables.Cells(Study());

        var csv = TableReadBack.Csv(File.ReadAllText((await TableFiles.WriteAsync([cells], folder, TableFormat.Csv)).Single()));
        var json = TableReadBack.Json(File.ReadAllText((await TableFiles.WriteAsync([cells], folder, TableFormat.Json)).Single()));
        await using var parquetFile = File.OpenRead((await TableFiles.WriteAsync([cells], folder, TableFormat.Parquet)).Single());
        var parquet = await TableReadBack.Parquet(parquetFile);

        foreach (var table in new[] { csv, json, parquet })
        {
            table.Columns.Should().Equal(ColumnsOf["cells"]);
            table.Rows.Select(r => r[2]).Should().Equal(new object?[] { "sgd", "adam", Candidate });
            table[2, "chosen"].Should().Be("lr=0.01");
            table[0, "dataset"].Should().Be(Digits);
        }
        // The candidate: 5 seeds, mean 0.97, reached the target at 200 steps and 20 s on every seed.
        parquet[2, "n"].Should().Be(5L);
        ((double)parquet[2, "mean"]!).Should().BeApproximately(0.97, 1e-12);
        parquet[2, "selection_value"].Should().Be(0.92);
        (parquet[2, "median_steps_to_target"], parquet[2, "median_seconds_to_target"], parquet[2, "reached_target"]).Should().Be((200.0, 20.0, 5L));
        json[2, "median_steps_to_target"].Should().Be(200L, "JSON writes a whole number without a decimal point");
        csv[2, "median_steps_to_target"].Should().Be("200");
        // sgd never reaches the target: +∞ in each format's own spelling.
        parquet[0, "median_steps_to_target"].Should().Be(double.PositiveInfinity);
        json[0, "median_steps_to_target"].Should().Be(double.PositiveInfinity);
        csv[0, "median_steps_to_target"].Should().Be("inf");
        (parquet[0, "reached_target"], parquet[0, "finished_seeds"], parquet[0, "failed_seeds"]).Should().Be((0L, 5L, 0L));
        (parquet[0, "sd"], json[0, "sd"], csv[0, "sd"]).Should().Be((0.0, 0L, "0"), "five equal finals have no spread");
    }

    [Fact]
    public async Task Verdicts_comparisons_profiles_and_tuning_read_back_from_parquet()
    {
        var study = Study();
        var paths = await TableFiles.WriteAsync(StudyTables.All(study), folder, TableFormat.Parquet);
        paths.Select(Path.GetFileName).Should().Equal("verdicts.parquet", "cells.parquet", "comparisons.parquet", "profiles.parquet", "tuning.parquet");
        async Task<TableReadBack.Table> Read(string name)
        {
            await using var stream = File.OpenRead(Path.Combine(folder, $"{name}.parquet"));
            return await TableReadBack.Parquet(stream);
        }

        var verdicts = await Read("verdicts");
        (verdicts[0, "candidate"], verdicts[0, "best_baseline"], verdicts[0, "verdict"], verdicts[0, "pairs"]).Should().Be((Candidate, "adam", "wins", 5L));
        ((double)verdicts[0, "mean_difference"]!).Should().BeApproximately(0.04, 1e-12);
        verdicts[0, "sentence"].Should().Be(study.Verdicts[0].Sentence);

        var comparisons = await Read("comparisons");
        comparisons.Rows.Select(r => r[2]).Should().Equal(new object?[] { "sgd", "adam" });
        var versusAdam = study.Comparisons[1];
        (comparisons[1, "t_p"], comparisons[1, "t_holm_p"], comparisons[1, "wilcoxon_p"], comparisons[1, "wilcoxon_holm_p"])
            .Should().Be((versusAdam.TTest.PValue, versusAdam.TTestHolmPValue, versusAdam.Wilcoxon.PValue, versusAdam.WilcoxonHolmPValue));
        comparisons[1, "verdict"].Should().Be("wins");

        var profiles = await Read("profiles");
        profiles.Rows.Select(r => r[0]).Should().Equal(new object?[] { "sgd", "adam", Candidate });
        profiles.Rows.Select(r => r[1]).Should().Equal(new object?[] { 0.0, 2.5 / 3, 1.0 });

        var tuning = await Read("tuning");
        var candidateTrials = Enumerable.Range(0, tuning.Rows.Count).Where(r => (string?)tuning[r, "optimizer"] == Candidate).ToList();
        candidateTrials.Select(r => tuning[r, "hyperparameters"]).Should().Equal(new object?[] { "lr=0.1", "lr=0.01", "lr=0.001" });
        candidateTrials.Select(r => tuning[r, "state"]).Should().Equal(new object?[] { "diverged", "completed", "completed" });
        candidateTrials.Select(r => tuning[r, "best_validation"]).Should().Equal(new object?[] { null, 0.92, 0.7 });
        candidateTrials.Select(r => tuning[r, "best_so_far"]).Should().Equal(new object?[] { null, 0.92, 0.92 });
        tuning[candidateTrials[0], "output_directory"].Should().Be($"/runs/{tuning[candidateTrials[0], "job_id"]}");
    }

    [Fact]
    public void A_cell_without_a_choice_has_empty_fields_where_there_is_nothing_to_report()
    {
        var study = StudyAnalysis.Analyze(StudySpec(), [.. Tuning(), .. Evaluation().Where(r => r.Spec.Optimizer != Candidate)], FolderOf);

        var csv = TableReadBack.Csv(Csv(StudyTables.Cells(study)));

        var row = csv.Rows.Single(r => (string?)r[2] == Candidate);
        var fields = csv.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second);
        fields.Where(f => f.Value is null).Select(f => f.Key).Should().BeEquivalentTo(
            ["chosen", "selection_value", "mean", "sd", "median", "ci_lower", "ci_upper", "median_steps_to_target", "median_seconds_to_target"]);
        (fields["n"], fields["tuned_configurations"], fields["reached_target"], fields["finished_seeds"]).Should().Be(("0", "3", "0", "0"));
    }

    static string Csv(ExportTable table)
    {
        var writer = new StringWriter();
        CsvTableWriter.Write(table, writer);
        return writer.ToString();
    }
}
