using System.Net;
using System.Net.Sockets;

namespace ConformanceKit.RealServers;

/// <summary>Loopback ports: one the kernel says is free now, and whether a port accepts connections.</summary>
internal static class LoopbackPort
{
    /// <summary>A port that was free a moment ago. Another process may take it before the server binds it;
    /// the launchers retry on a new port when the server says the address is in use.</summary>
    public static int PickFree()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>True when something accepts a TCP connection on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task<bool> AcceptsAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
