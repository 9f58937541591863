using System.CommandLine;
using System.Globalization;

namespace GradRetentionNet.Cli.Tests;

/// <summary>Every numeric option of every verb, parsed by the same command tree grn runs.</summary>
public sealed class NumberOptionTests
{
    static readonly Type[] Numeric = [typeof(int), typeof(long), typeof(double), typeof(int?), typeof(long?), typeof(double?)];

    /// <summary>(verb, option) for each numeric option, found by walking the tree: a new option is covered without listing it here.</summary>
    public static TheoryData<string, string> NumericOptions()
    {
        var data = new TheoryData<string, string>();
        void Walk(Command command, string path)
        {
            foreach (var option in command.Options.Where(o => Numeric.Contains(o.ValueType)))
                data.Add(path, option.Name);
            foreach (var sub in command.Subcommands) Walk(sub, $"{path} {sub.Name}".Trim());
        }
        Walk(GrnRootCommand.Create(), "");
        return data;
    }

    static ParseResult Parse(string verb, params string[] arguments) => GrnRootCommand.Create().Parse([.. verb.Split(' '), .. arguments]);

    [Fact]
    public void The_walk_finds_the_numeric_options_of_train_and_run() =>
        NumericOptions().Select(row => $"{row[0]} {row[1]}").Should().Contain(["train --lr", "train --epochs", "train --seed", "run --slots", "run --api-port"])
            .And.HaveCountGreaterThanOrEqualTo(12);

    [Theory]
    [MemberData(nameof(NumericOptions))]
    public void A_word_where_a_number_goes_says_what_a_number_looks_like(string verb, string option)
    {
        var errors = Parse(verb, option, "abc").Errors.Select(e => e.Message).ToList();

        errors.Should().ContainSingle(m => m.Contains(option))
            .Which.Should().MatchRegex($"^invalid {option} 'abc': give a (whole )?number such as [0-9.e-]+( or [0-9.e-]+)?$");
        errors.Should().NotContain(m => m.Contains("System."), "a .NET type name means nothing to a user");
    }

    [Theory]
    [InlineData("train", "--epochs", "99999999999", "invalid --epochs '99999999999': give a whole number between -2147483648 and 2147483647")]
    [InlineData("train", "--epochs", "2.5", "invalid --epochs '2.5': give a whole number such as 2")]
    [InlineData("train", "--lr", "NaN", "invalid --lr 'NaN': give a number such as 0.01 or 3e-4")]
    [InlineData("run", "--api-port", "http", "invalid --api-port 'http': give a whole number such as 8080")]
    public void Out_of_range_fractional_and_non_finite_values_are_refused_too(string verb, string option, string value, string message) =>
        Parse(verb, option, value).Errors.Select(e => e.Message).Should().Contain(message);

    [Fact]
    public void Numbers_read_the_same_whatever_the_culture()
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            // In German, '.' groups thousands: "0.01" would be 1 (or refused) if read with the current culture.
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var parse = Parse("train", "--dataset", "mnist-digits-10k", "--lr", "0.01", "--max-train-samples", "2000");
            parse.Errors.Should().BeEmpty();
            parse.GetValue<double?>("--lr").Should().Be(0.01);
            parse.GetValue<long?>("--max-train-samples").Should().Be(2000);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }
}
