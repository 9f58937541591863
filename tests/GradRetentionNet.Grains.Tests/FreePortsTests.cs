using GradRetentionNet.Grains;

namespace GradRetentionNet.Grains.Tests;

public sealed class FreePortsTests
{
    static int EphemeralLow => int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries)[0]);

    [Fact]
    public void Ports_lie_below_the_ephemeral_range_and_are_never_handed_out_twice_even_before_anything_binds_them()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => FreePorts.Next()).ToList();

        ports.Should().OnlyHaveUniqueItems("a port handed out stays reserved until this process exits")
            .And.OnlyContain(p => p >= 10_000 && p < EphemeralLow, "no outgoing connection or bind to port 0 can take a port outside the ephemeral range");
    }

    [Fact]
    public void A_handed_out_port_is_locked_against_other_processes()
    {
        var port = FreePorts.Next();

        var file = FreePorts.ReservationFile(port);
        file.Should().NotBeNull();
        var open = () => new FileStream(file!, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        open.Should().Throw<IOException>("another FreePorts (in any process) skips a port whose file is locked");
    }
}
