using GradRetentionNet.Reporting.Markdown;

namespace GradRetentionNet.Reporting.Tests.Markdown;

public class MarkdownTableTests
{
    [Fact]
    public void Columns_are_padded_to_one_width_numbers_to_the_right()
    {
        var table = new MarkdownTable([new("optimizer"), new("mean", ColumnAlign.Right)])
            .Add("enhanced-sgd", "0.9712")
            .Add("sgd", "0.9");

        table.Render().Should().Be(
            "| optimizer    |   mean |\n" +
            "| ------------ | -----: |\n" +
            "| enhanced-sgd | 0.9712 |\n" +
            "| sgd          |    0.9 |\n");
    }

    [Fact]
    public void A_pipe_or_a_line_break_in_a_cell_keeps_the_row_one_row()
    {
        var table = new MarkdownTable([new("a"), new("b")]).Add("x|y", "one\ntwo");

        table.Render().Split('\n')[2].Should().Be("| x\\|y | one two |");
    }

    [Fact]
    public void A_row_of_the_wrong_width_is_refused()
    {
        var table = new MarkdownTable([new("a"), new("b")]);

        FluentActions.Invoking(() => table.Add("only one")).Should().Throw<ArgumentException>();
    }
}
