namespace GradRetentionNet.Silo.Tests;

/// <summary>The walk grn-silo makes through a failed start-up's exceptions to find one it can word in a line.</summary>
public sealed class ExceptionChainTests
{
    [Fact]
    public void Every_exception_comes_with_its_wrapper_outermost_first_into_each_branch_of_an_aggregate()
    {
        var port = new IOException("port");
        var binding = new InvalidOperationException("binding", port);
        var setting = new SiloConfigurationException("setting");
        var aggregate = new AggregateException(binding, setting);
        var hosting = new InvalidOperationException("hosting", aggregate);

        ExceptionChain.Of(hosting).Should().Equal(
            (hosting, null), (aggregate, hosting), (binding, aggregate), (port, binding), (setting, aggregate));
        SiloConfigurationException.Within(hosting).Should().BeSameAs(setting);
        SiloConfigurationException.Within(binding).Should().BeNull();
    }
}
