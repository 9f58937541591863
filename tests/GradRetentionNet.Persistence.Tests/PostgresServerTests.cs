using GradRetentionNet.Testing;

namespace GradRetentionNet.Persistence.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public void Without_PostgreSQL_the_test_server_says_which_package_to_install_instead_of_skipping()
    {
        var empty = Directory.CreateTempSubdirectory("grn-no-pg-").FullName;
        try
        {
            var start = () => PostgresServer.Start(empty);

            start.Should().Throw<InvalidOperationException>()
                .WithMessage($"PostgreSQL 15 is not installed: no initdb in {empty}. Install the Debian package postgresql-15*");
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    [Fact]
    public void The_server_keeps_its_data_and_socket_in_its_own_folder_and_dispose_removes_it()
    {
        using var probe = PostgresServer.Start();
        var folder = probe.Folder;
        Directory.Exists(Path.Combine(folder, "data")).Should().BeTrue();
        File.Exists(Path.Combine(folder, $".s.PGSQL.{probe.Port}")).Should().BeTrue("the unix socket lives in the server's folder");

        probe.Dispose();

        Directory.Exists(folder).Should().BeFalse();
    }
}
