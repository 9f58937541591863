using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace GradRetentionNet.Silo;

/// <summary>grn-silo certs' arguments: <c>--out DIR [--days N] [--name NAME]... [--force]</c>.</summary>
internal sealed partial record CertsArguments(string Out, int Days, IReadOnlyList<string> Names, bool Force)
{
    public const string Usage = "usage: grn-silo certs --out DIR [--days N] [--name NAME]... [--force]";
    public const int DefaultDays = 365;
    public const int MaxDays = 3650;
    public const string DefaultName = "grn-silo";

    /// <summary>The arguments after "certs"; throws an <see cref="ArgumentException"/> of one line naming the argument and the fix.</summary>
    public static CertsArguments Parse(IReadOnlyList<string> arguments)
    {
        string? folder = null;
        var days = DefaultDays;
        var names = new List<string>();
        var force = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--out": folder = Value(arguments, ref i); break;
                case "--days": days = ParseDays(Value(arguments, ref i)); break;
                case "--name": names.Add(ParseName(Value(arguments, ref i))); break;
                case "--force": force = true; break;
                default: throw new ArgumentException($"unknown argument '{arguments[i]}': {Usage}");
            }
        }
        if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException($"--out is missing: give the folder to write ca.crt, tls.crt and tls.key into ({Usage})");
        return new CertsArguments(folder, days, names.Count > 0 ? names : [DefaultName], force);
    }

    static string Value(IReadOnlyList<string> arguments, ref int i)
    {
        var option = arguments[i];
        if (++i >= arguments.Count || arguments[i].StartsWith("--", StringComparison.Ordinal))
            throw new ArgumentException($"{option} needs a value: {Usage}");
        return arguments[i];
    }

    static int ParseDays(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays
            ? days
            : throw new ArgumentException($"--days is '{text}': give a whole number of days from 1 to {MaxDays}");

    /// <summary>A host name (letters, digits, hyphens, dots) or an IP address: it goes into the certificate's alternative names.</summary>
    static string ParseName(string text) =>
        IPAddress.TryParse(text, out _) || HostName().IsMatch(text)
            ? text
            : throw new ArgumentException($"--name is '{text}': give a host name (letters, digits, '-' and '.') or an IP address");

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();
}
