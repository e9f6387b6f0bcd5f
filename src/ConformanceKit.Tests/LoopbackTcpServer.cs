using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Tests;

/// <summary>
/// A hand-written HTTP/1.1 server on a free loopback port for tests that need a server to behave in a way no real one
/// is configured to: it accepts every connection on a task of its own and hands it to <see cref="ServeAsync"/>, and it
/// stops when disposed. A connection the harness hangs up, or that the test's end cuts, ends quietly. Derived classes
/// call <see cref="Start"/> at the end of their constructor, once their own fields are set.
/// </summary>
internal abstract class LoopbackTcpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private Task? loop;

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>Cancelled when the server is disposed.</summary>
    protected CancellationToken Stopping => stop.Token;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            if (loop is not null)
            {
                await loop;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        stop.Dispose();
    }

    protected void Start()
    {
        listener.Start();
        loop = AcceptAsync();
    }

    /// <summary>Serves one connection until it ends (return) or fails.</summary>
    protected abstract Task ServeAsync(NetworkStream stream);

    /// <summary>The next request on <paramref name="stream"/> (its head read byte by byte, then its body by
    /// Content-Length), or null when the client closed the connection.</summary>
    protected async Task<LoopbackRequest?> ReadRequestAsync(NetworkStream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, Stopping) == 0)
            {
                return null;
            }

            head.Append((char)buffer[0]);
        }

        var text = head.ToString();
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(h => int.TryParse(h.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, Stopping);
        return new LoopbackRequest(text, start[0], new Uri(BaseAddress, start[1]).AbsolutePath, headers, Encoding.UTF8.GetString(body));
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token);
            _ = Task.Run(() => ServeClientAsync(client));
        }
    }

    private async Task ServeClientAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await ServeAsync(client.GetStream());
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The harness hung up, or the test ended.
            }
        }
    }
}

/// <summary>One request a <see cref="LoopbackTcpServer"/> read: its head as sent, method, path, fields and body.</summary>
internal sealed record LoopbackRequest(string Head, string Method, string Path, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    /// <summary>The field's value (the last line of that name, compared case-insensitively), or null.</summary>
    public string? Field(string name) =>
        Headers.LastOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { Name: not null } found ? found.Value : null;
}
