using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Tests.Reports;

/// <summary>
/// A loopback HTTP/1.1 server that keeps one document per path (PUT stores it, GET reads it, preconditions
/// ignored) and echoes every request header back: in response fields (<c>X-Echo-Name</c>), in the reason
/// phrase and in the body. A harness that records only what it sent redacted would still leak a secret
/// through such a server; the reports must not.
/// </summary>
internal sealed class EchoingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (string Body, int Version)> _documents = new(StringComparer.Ordinal);
    private readonly Task _loop;

    public EchoingServer()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                while (await ReadRequestAsync(stream) is { } request)
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(Answer(request)), _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The harness hung up, or the test ended.
            }
        }
    }

    private string Answer((string Method, string Path, List<(string Name, string Value)> Headers, string Body) request)
    {
        var echo = string.Join("; ", request.Headers.Select(h => $"{h.Name}={h.Value}"));
        int status;
        string body;
        int version;
        lock (_documents)
        {
            var exists = _documents.TryGetValue(request.Path, out var document);
            if (request.Method is "PUT" or "POST" or "PATCH")
            {
                version = exists ? document.Version + 1 : 1;
                _documents[request.Path] = (request.Body, version);
                (status, body) = (exists ? 200 : 201, request.Body);
            }
            else if (request.Method == "DELETE")
            {
                _documents.Remove(request.Path);
                (status, body, version) = (204, string.Empty, 0);
            }
            else
            {
                (status, body, version) = request.Path == "/" ? (200, "ok", 1) : exists ? (200, document.Body, document.Version) : (404, string.Empty, 0);
            }
        }

        var content = status == 204 ? string.Empty : $"{body}\n-- you sent: {echo}";
        var head = new StringBuilder($"HTTP/1.1 {status} Echo {echo}\r\n");
        foreach (var (name, value) in request.Headers)
        {
            head.Append("X-Echo-").Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (version > 0)
        {
            head.Append("ETag: \"v").Append(version).Append("\"\r\n");
        }

        head.Append("Content-Type: text/plain\r\nContent-Length: ").Append(Encoding.UTF8.GetByteCount(content)).Append("\r\n\r\n").Append(content);
        return head.ToString();
    }

    private async Task<(string Method, string Path, List<(string Name, string Value)> Headers, string Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var buffer = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, _stop.Token) == 0)
            {
                return null;
            }

            head.Append((char)buffer[0]);
        }

        var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var start = lines[0].Split(' ');
        var headers = lines.Skip(1).Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)], Value: l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim())).ToList();
        var length = headers.Where(h => h.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(h => int.Parse(h.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return (start[0], new Uri(BaseAddress, start[1]).AbsolutePath, headers, Encoding.UTF8.GetString(body));
    }
}
