using System.Net;
using System.Net.Sockets;

namespace GradRetentionNet.Grains;

/// <summary>Free loopback TCP ports, so that several embedded silos (and tests) on one machine never collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
