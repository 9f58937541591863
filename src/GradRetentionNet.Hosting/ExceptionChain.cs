namespace GradRetentionNet.Silo;

/// <summary>
/// The exceptions a host's start-up wraps around the one that says what went wrong: each with the
/// exception that wraps it (null for the outermost), outermost first, into every branch of an
/// <see cref="AggregateException"/>. grn-silo looks in it for the errors it can word as one line.
/// </summary>
public static class ExceptionChain
{
    public static IEnumerable<(Exception Error, Exception? Wrapper)> Of(Exception error, Exception? wrapper = null)
    {
        yield return (error, wrapper);
        IEnumerable<Exception> inner = error is AggregateException aggregate ? aggregate.InnerExceptions : error.InnerException is { } one ? [one] : [];
        foreach (var link in inner.SelectMany(e => Of(e, error))) yield return link;
    }
}
