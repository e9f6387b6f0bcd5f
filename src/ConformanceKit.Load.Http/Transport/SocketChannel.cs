using System.Net;
using System.Net.Sockets;

namespace ConformanceKit.Load.Http;

/// <summary>A TCP connection of the raw transport: Nagle off (a request goes out in one segment at once), the socket
/// engine's own async sends and receives (they allocate nothing once the socket is warm).</summary>
internal sealed class SocketChannel : IByteChannel
{
    private readonly Socket socket;

    private SocketChannel(Socket socket) => this.socket = socket;

    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts.</summary>
    public static async ValueTask<IByteChannel> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken).ConfigureAwait(false);
                return new SocketChannel(socket);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (bytes.Length > 0)
        {
            var sent = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[sent..];
        }
    }

    public ValueTask<int> ReceiveAsync(Memory<byte> into, CancellationToken cancellationToken) =>
        socket.ReceiveAsync(into, SocketFlags.None, cancellationToken);

    public void Dispose() => socket.Dispose();
}
