using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;

namespace GradRetentionNet.Data.Tests.Formats;

public sealed class TextCsvReaderTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    string Csv(string content)
    {
        var path = temp.File("data.csv");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void Reads_text_label_with_quoted_commas_quotes_and_line_breaks()
    {
        var path = Csv("text,label\n\"Great, really \"\"great\"\" film\",1\n\"Two\nlines\",0\nplain text;with|separators,3\n");

        var texts = TextCsvReader.Read(path);

        texts.Texts.Should().Equal("Great, really \"great\" film", "Two\nlines", "plain text;with|separators");
        texts.Labels.Should().Equal(1, 0, 3);
    }

    [Fact]
    public void Reads_the_hugging_face_export_with_a_leading_index_column()
    {
        var path = Csv(",text,label\n0,first review,1\n1,\"second, review\",0\n");

        var texts = TextCsvReader.Read(path);

        texts.Texts.Should().Equal("first review", "second, review");
        texts.Labels.Should().Equal(1, 0);
    }

    [Fact]
    public void Non_integer_label_names_the_file_row_and_value()
    {
        var path = Csv("text,label\ngood,1\n\"bad\nreview\",negative\n");

        var read = () => TextCsvReader.Read(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: data row 2 (line 3): expected a non-negative integer label, found 'negative'");
    }

    [Fact]
    public void Missing_columns_name_the_header()
    {
        var path = Csv("review,sentiment\ngood,1\n");

        var read = () => TextCsvReader.Read(path);

        read.Should().Throw<InvalidDataException>()
            .WithMessage($"{path}: header (line 1): expected the columns 'text' and 'label', found 'review,sentiment'");
    }

    [Fact]
    public void Ragged_row_names_the_file_and_record()
    {
        var path = Csv("text,label\ngood,1\nbad,0,extra\n");

        var read = () => TextCsvReader.Read(path);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: record 3 (line 3*expected well-formed CSV*");
    }
}
