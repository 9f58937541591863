using Npgsql;

namespace GradRetentionNet.Persistence;

/// <summary>Checks a configured PostgreSQL connection string before anything tries to connect with it.</summary>
public static class PostgresConnectionString
{
    /// <summary>
    /// Why <paramref name="value"/> cannot be used (e.g. "is not set"), phrased to follow the setting's
    /// name, or null when it can. The value itself is never quoted: it usually holds a password.
    /// </summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return "is not set";
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(value);
            return string.IsNullOrWhiteSpace(parsed.Host) ? "names no Host" : null;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            return $"is not a valid PostgreSQL connection string ({e.Message.ReplaceLineEndings(" ")})";
        }
    }

    /// <summary>"host:port" of a valid connection string, for messages that must not show the rest of it.</summary>
    public static string Endpoint(string value)
    {
        var parsed = new NpgsqlConnectionStringBuilder(value);
        return $"{parsed.Host}:{parsed.Port}";
    }
}
