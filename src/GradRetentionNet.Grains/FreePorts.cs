using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace GradRetentionNet.Grains;

/// <summary>
/// Free loopback TCP ports for silos (and tests) that several processes start on one machine.
/// Asking the kernel for port 0 and releasing it is a race: the port comes from the ephemeral
/// range, where any outgoing connection or other bind-to-0 can take it before the real listener
/// binds. So ports are taken from below the ephemeral range, where nothing is handed out
/// implicitly, and each is reserved machine-wide by an advisory lock on a file named after it
/// (held until this process exits), so two processes never hand out the same port.
/// </summary>
public static class FreePorts
{
    const int LowestPort = 10_000;

    static readonly ConcurrentBag<FileStream> Reservations = [];
    static readonly Lazy<(int Low, int High)> Range = new(ReservableRange);

    public static int Next()
    {
        var (low, high) = Range.Value;
        if (high <= low) return AnyFreePort();
        var span = high - low;
        var start = Random.Shared.Next(span);
        for (var i = 0; i < span; i++)
        {
            var port = low + (start + i) % span;
            if (!TryReserve(port, out var reservation)) continue;
            if (IsFree(port))
            {
                if (reservation is not null) Reservations.Add(reservation);
                return port;
            }
            reservation?.Dispose();
        }
        throw new InvalidOperationException($"no free TCP port between {low} and {high}");
    }

    /// <summary>[10000, start of the ephemeral range), or an empty range where that cannot be read.</summary>
    static (int Low, int High) ReservableRange()
    {
        const string rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
        if (!File.Exists(rangeFile)) return (0, 0);
        var fields = File.ReadAllText(rangeFile).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length >= 1 && int.TryParse(fields[0], out var ephemeralLow) ? (LowestPort, ephemeralLow) : (0, 0);
    }

    /// <summary>The folder of the lock files, one per user; null where it cannot be made (ports are then only checked, not reserved).</summary>
    static readonly Lazy<string?> ReservationFolder = new(() =>
    {
        try
        {
            return Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"grn-ports-{Environment.UserName}")).FullName;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    });

    /// <summary>
    /// Takes an exclusive lock on the port's file (FileShare.None is an flock on Unix); false when
    /// another process (or another reservation in this one) holds it.
    /// </summary>
    static bool TryReserve(int port, out FileStream? reservation)
    {
        reservation = null;
        if (ReservationFolder.Value is not { } folder) return true;
        try
        {
            reservation = new FileStream(Path.Combine(folder, port.ToString()), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The lock file that reserves a port handed out by this process, for tests; null where ports are not reserved.</summary>
    public static string? ReservationFile(int port) => ReservationFolder.Value is { } folder ? Path.Combine(folder, port.ToString()) : null;

    /// <summary>Nothing listens on the port on any address (a listener on 0.0.0.0 or on loopback both make this bind fail).</summary>
    static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Any, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static int AnyFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
