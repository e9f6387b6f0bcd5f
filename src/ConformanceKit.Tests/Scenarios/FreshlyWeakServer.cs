using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>
/// A loopback HTTP/1.1 server that makes the legal choice httpd makes: a document written less than
/// <see cref="FreshFor"/> ago has a weak ETag (W/"vN"), an older one the strong "vN". PUT stores (If-Match
/// compared strongly, If-None-Match: * honoured), GET reads, DELETE removes. With <see cref="SendsETag"/> false
/// it sends no ETag at all. Every response carries Date and Last-Modified to the second.
/// </summary>
internal sealed class FreshlyWeakServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (string Body, int Version, DateTimeOffset Written)> _documents = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _reads;

    public FreshlyWeakServer(TimeSpan freshFor, bool sendsETag = true)
    {
        FreshFor = freshFor;
        SendsETag = sendsETag;
        _listener.Start();
        _loop = AcceptAsync();
    }

    public TimeSpan FreshFor { get; }

    public bool SendsETag { get; }

    /// <summary>Reads of documents answered so far (the harness's probe of / not counted).</summary>
    public int Reads => Volatile.Read(ref _reads);

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");

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

    private string Answer((string Method, string Path, Dictionary<string, string> Headers, string Body) request)
    {
        var now = DateTimeOffset.UtcNow;
        int status;
        string body = string.Empty;
        (string Body, int Version, DateTimeOffset Written)? current;
        lock (_documents)
        {
            current = _documents.TryGetValue(request.Path, out var found) ? found : null;
            var tag = current is { } c ? TagOf(c, now) : null;
            switch (request.Method)
            {
                case "PUT":
                    if ((request.Headers.TryGetValue("If-Match", out var ifMatch) && (tag is null || tag.StartsWith("W/", StringComparison.Ordinal) || ifMatch != tag))
                        || (request.Headers.TryGetValue("If-None-Match", out var ifNoneMatch) && ifNoneMatch == "*" && current is not null))
                    {
                        status = 412;
                        break;
                    }

                    _documents[request.Path] = (request.Body, (current?.Version ?? 0) + 1, now);
                    status = current is null ? 201 : 204;
                    current = null;
                    break;
                case "DELETE":
                    status = _documents.Remove(request.Path) ? 204 : 404;
                    current = null;
                    break;
                default:
                    if (request.Path != "/")
                    {
                        Interlocked.Increment(ref _reads);
                    }

                    status = request.Path == "/" ? 200 : current is null ? 404 : 200;
                    body = request.Path == "/" ? "ok" : current?.Body ?? string.Empty;
                    break;
            }
        }

        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} X\r\nDate: {now.ToString("r", CultureInfo.InvariantCulture)}\r\n");
        if (current is { } shown && status == 200)
        {
            if (SendsETag)
            {
                head.Append("ETag: ").Append(TagOf(shown, now)).Append("\r\n");
            }

            head.Append("Last-Modified: ").Append(shown.Written.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n");
        }

        head.Append("Content-Type: application/json\r\nContent-Length: ").Append(Encoding.UTF8.GetByteCount(body)).Append("\r\n\r\n").Append(body);
        return head.ToString();
    }

    private string TagOf((string Body, int Version, DateTimeOffset Written) document, DateTimeOffset now) =>
        (now - document.Written < FreshFor ? "W/" : string.Empty) + "\"v" + document.Version.ToString(CultureInfo.InvariantCulture) + "\"";

    private async Task<(string Method, string Path, Dictionary<string, string> Headers, string Body)?> ReadRequestAsync(NetworkStream stream)
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
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon]] = line[(colon + 1)..].Trim();
        }

        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, _stop.Token);
        return (start[0], new Uri(BaseAddress, start[1]).AbsolutePath, headers, Encoding.UTF8.GetString(body));
    }
}
