using System.CommandLine;

namespace GradRetentionNet.Cli.Commands;

/// <summary>
/// A verb of grn. Subclasses implement <see cref="ExecuteAsync"/>; bad input they detect
/// (ArgumentException, a missing file) becomes one line on stderr and exit code 2.
/// </summary>
public abstract class BaseCommand : Command
{
    protected BaseCommand(string name, string description) : base(name, description)
    {
        SetAction(async (parseResult, cancellation) =>
        {
            try
            {
                return await ExecuteAsync(parseResult, cancellation);
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException
                                           or GradRetentionNet.Data.DatasetNotAvailableException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.BadArguments;
            }
            catch (IOException e)
            {
                // An unreachable server, a failed download: not the user's input, but still one line.
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Failed;
            }
        });
    }

    protected abstract Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellation);
}
