namespace GradRetentionNet.Persistence.Tests;

public sealed class MigrationCatalogTests
{
    [Fact]
    public void The_embedded_migrations_run_from_1_without_gaps_in_file_name_order()
    {
        MigrationCatalog.Embedded.Select(m => m.Id).Should().Equal("0001_orleans_query", "0002_orleans_membership", "0003_orleans_storage");
        MigrationCatalog.Embedded.Should().OnlyContain(m => m.Sql.Length > 0);
    }

    [Fact]
    public void Versions_with_a_gap_or_a_repeat_are_refused()
    {
        var gap = () => MigrationCatalog.CheckOrder([new Migration(1, "a", "SELECT 1"), new Migration(3, "c", "SELECT 1")]);
        gap.Should().Throw<InvalidOperationException>().WithMessage("*expected 2, found 0003_c*");
        var repeat = () => MigrationCatalog.CheckOrder([new Migration(1, "a", "SELECT 1"), new Migration(1, "b", "SELECT 1")]);
        repeat.Should().Throw<InvalidOperationException>().WithMessage("*expected 2, found 0001_*");
    }
}
