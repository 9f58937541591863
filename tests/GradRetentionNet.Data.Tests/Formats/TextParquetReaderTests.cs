using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;
using Parquet;
using Parquet.Schema;
using Parquet.Serialization;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class TextParquetReaderTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    sealed class Row
    {
        public string text { get; set; } = "";
        public long label { get; set; }
    }

    [Fact]
    public async Task Reads_text_and_int64_label_columns()
    {
        var path = temp.File("train.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new Row { text = "a fine film", label = 1 }, new Row { text = "dull", label = 0 } }, path);

        var texts = TextParquetReader.Read(path);

        texts.Texts.Should().Equal("a fine film", "dull");
        texts.Labels.Should().Equal(1, 0);
    }

    [Fact]
    public async Task Reads_nullable_int32_labels_across_row_groups()
    {
        var path = temp.File("test.parquet");
        await WriteGroups(path, new DataField<int?>("label"), [(["w", "x"], [3, 2]), (["y"], [1])]);

        var texts = TextParquetReader.Read(path);

        texts.Texts.Should().Equal("w", "x", "y");
        texts.Labels.Should().Equal(3, 2, 1);
    }

    [Fact]
    public async Task Null_label_names_the_file_and_row()
    {
        var path = temp.File("test.parquet");
        await WriteGroups(path, new DataField<int?>("label"), [(["w", "x"], [3, 2]), (["y", "z"], [1, null])]);

        var read = () => TextParquetReader.Read(path);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: row 3: expected a non-negative integer label, found null");
    }

    [Fact]
    public async Task Missing_label_column_names_the_columns_found()
    {
        var path = temp.File("train.parquet");
        await ParquetSerializer.SerializeAsync(new[] { new { text = "x", stars = 5 } }, path);

        var read = () => TextParquetReader.Read(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: schema: expected a string column 'text' and an integer column 'label', found columns text (String), stars (Int32)");
    }

    [Fact]
    public void A_file_that_is_not_parquet_names_the_file()
    {
        var path = temp.File("train.parquet");
        File.WriteAllText(path, "text,label\nnot parquet,1\n");

        var read = () => TextParquetReader.Read(path);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: expected a Parquet file*");
    }

    static async Task WriteGroups(string path, DataField<int?> label, (string[] Texts, int?[] Labels)[] groups)
    {
        var text = new DataField<string>("text");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(text, label), stream);
        foreach (var (texts, labels) in groups)
        {
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(text, texts);
            await group.WriteAsync(label, new ReadOnlyMemory<int?>(labels));
        }
    }
}
