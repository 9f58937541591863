namespace GradRetentionNet.Silo;

/// <summary>
/// A setting the silo cannot start with: one line naming the key, its value when that helps, and
/// what is allowed. grn-silo prints it on stderr and exits with 2, without a stack trace; the
/// operator fixes the setting, not the code.
/// </summary>
public sealed class SiloConfigurationException(string message) : InvalidOperationException(message.ReplaceLineEndings(" "))
{
    /// <summary>The configuration error behind <paramref name="error"/>, which a host may have wrapped while starting.</summary>
    public static SiloConfigurationException? Within(Exception error) =>
        ExceptionChain.Of(error).Select(link => link.Error).OfType<SiloConfigurationException>().FirstOrDefault();
}
