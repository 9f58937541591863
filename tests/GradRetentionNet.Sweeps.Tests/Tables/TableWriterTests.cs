using GradRetentionNet.Sweeps.Tables;

namespace GradRetentionNet.Sweeps.Tests.Tables;

public sealed class TableWriterTests : IDisposable
{
    readonly string folder = Directory.CreateTempSubdirectory("grn-tables-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Every kind of value a writer must get right: text that needs quoting, nulls, +∞, NaN, decimals that do not round-trip in few digits.</summary>
    static ExportTable Sample() =>
        ExportTable.Of("sample", new (string? Text, long? Count, double? Value)[]
            {
                ("lr=0.01,momentum=0.9", 5, 0.1),
                ("a \"quoted\"\nline", null, double.PositiveInfinity),
                (null, -3, null),
                ("plain", 0, 1.0 / 3),
                ("nan", 7, double.NaN),
            })
            .Text("text", r => r.Text)
            .Integer("count", r => r.Count)
            .Number("value", r => r.Value)
            .Build();

    static readonly string[] Columns = ["text", "count", "value"];

    [Fact]
    public async Task Csv_quotes_what_needs_it_writes_inf_for_infinity_and_leaves_missing_values_empty()
    {
        var paths = await TableFiles.WriteAsync([Sample()], folder, TableFormat.Csv);

        paths.Should().Equal(Path.Combine(folder, "sample.csv"));
        var text = File.ReadAllText(paths[0]);
        text.Should().StartWith("text,count,value\n\"lr=0.01,momentum=0.9\",5,0.1\n\"a \"\"quoted\"\"\nline\",,inf\n,-3,\n");
        var table = TableReadBack.Csv(text);
        table.Columns.Should().Equal(Columns);
        table.Rows.Select(r => r[0]).Should().Equal(new object?[] { "lr=0.01,momentum=0.9", "a \"quoted\"\nline", null, "plain", "nan" });
        table.Rows.Select(r => r[1]).Should().Equal(new object?[] { "5", null, "-3", "0", "7" });
        table.Rows.Select(r => r[2]).Should().Equal(new object?[] { "0.1", "inf", null, (1.0 / 3).ToString("R", System.Globalization.CultureInfo.InvariantCulture), "nan" });
        double.Parse((string)table[3, "value"]!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(1.0 / 3, "numbers round-trip");
    }

    [Fact]
    public async Task Json_is_an_array_of_objects_with_null_for_missing_values_and_named_literals_for_infinity_and_nan()
    {
        var paths = await TableFiles.WriteAsync([Sample()], folder, TableFormat.Json);

        paths.Should().Equal(Path.Combine(folder, "sample.json"));
        var text = File.ReadAllText(paths[0]);
        text.Should().Contain("\"value\": \"Infinity\"").And.Contain("\"text\": null");
        var table = TableReadBack.Json(text);
        table.Columns.Should().Equal(Columns);
        table.Rows.Select(r => r[0]).Should().Equal(new object?[] { "lr=0.01,momentum=0.9", "a \"quoted\"\nline", null, "plain", "nan" });
        table.Rows.Select(r => r[1]).Should().Equal(new object?[] { 5L, null, -3L, 0L, 7L });
        table.Rows.Select(r => r[2]).Should().Equal(new object?[] { 0.1, double.PositiveInfinity, null, 1.0 / 3, double.NaN });
    }

    [Fact]
    public async Task Parquet_keeps_the_types_nulls_and_infinity()
    {
        var paths = await TableFiles.WriteAsync([Sample()], folder, TableFormat.Parquet);

        paths.Should().Equal(Path.Combine(folder, "sample.parquet"));
        await using (var types = File.OpenRead(paths[0]))
            (await TableReadBack.ParquetTypes(types)).Should().Equal(new Dictionary<string, string>
            {
                ["text"] = "string", ["count"] = "int64", ["value"] = "double",
            });
        await using var stream = File.OpenRead(paths[0]);
        var table = await TableReadBack.Parquet(stream);
        table.Columns.Should().Equal(Columns);
        table.Rows.Select(r => r[0]).Should().Equal(new object?[] { "lr=0.01,momentum=0.9", "a \"quoted\"\nline", null, "plain", "nan" });
        table.Rows.Select(r => r[1]).Should().Equal(new object?[] { 5L, null, -3L, 0L, 7L });
        table.Rows.Select(r => r[2]).Should().Equal(new object?[] { 0.1, double.PositiveInfinity, null, 1.0 / 3, double.NaN });
    }

    [Theory]
    [InlineData(TableFormat.Csv)]
    [InlineData(TableFormat.Json)]
    [InlineData(TableFormat.Parquet)]
    public async Task A_table_without_rows_keeps_its_columns_where_the_format_can(TableFormat format)
    {
        var empty = ExportTable.Of("empty", Array.Empty<int>()).Integer("trial", t => t).Number("value", t => t).Build();

        var path = (await TableFiles.WriteAsync([empty], folder, format)).Single();

        switch (format)
        {
            case TableFormat.Csv:
                File.ReadAllText(path).Should().Be("trial,value\n");
                break;
            case TableFormat.Json:
                TableReadBack.Json(File.ReadAllText(path)).Rows.Should().BeEmpty();
                break;
            default:
                await using (var stream = File.OpenRead(path))
                {
                    var table = await TableReadBack.Parquet(stream);
                    table.Columns.Should().Equal("trial", "value");
                    table.Rows.Should().BeEmpty();
                }
                break;
        }
    }

    [Fact]
    public void A_table_refuses_a_column_named_twice()
    {
        var build = () => ExportTable.Of("t", new[] { 1 }).Integer("n", x => x).Number("n", x => x).Build();

        build.Should().Throw<ArgumentException>().WithMessage("table 't' names a column twice: n, n*");
    }
}
