using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Reports.Browser.Tests;

/// <summary>
/// A loopback HTTP/1.1 target whose every answer is an attack on the report: the reason phrase, the ETag,
/// other header fields and the body carry script and markup payloads (<c>&lt;script&gt;</c>, attribute
/// breakouts with <c>onerror</c>, <c>javascript:</c> URLs, <c>&lt;/style&gt;</c>, <c>&lt;base&gt;</c>, a meta
/// refresh, SVG with onload, CDATA and comment breakers) and URLs that point back at this server's
/// <c>/beacon</c> paths. Each payload that runs sets <c>window.__pwned</c>; each that loads shows up as a beacon
/// hit. Writes answer 201, reads 200, whatever the preconditions say, so checks fail with the payloads in their
/// evidence.
/// </summary>
internal sealed class MarkupTarget : IAsyncDisposable
{
    /// <summary>A valid entity-tag (no space, no inner quote) that is also markup.</summary>
    public const string ETag = "\"</style><script>window.__pwned=2</script><svg/onload=window.__pwned=3>\"";

    public const string Reason = "<script>window.__pwned=1</script>";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<string> _beacons = [];
    private readonly Task _loop;

    public MarkupTarget()
    {
        _listener.Start();
        _loop = AcceptAsync();
    }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Requests to a <c>/beacon</c> path: anything here means a report fetched from the network.</summary>
    public IReadOnlyList<string> BeaconHits
    {
        get
        {
            lock (_beacons)
            {
                return [.. _beacons];
            }
        }
    }

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

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

    private string Beacon(string name) => $"http://127.0.0.1:{Port}/beacon-{name}";

    private string Body() => $$"""
        <!DOCTYPE html><html><head><base href="{{Beacon("base")}}/"><link rel="stylesheet" href="{{Beacon("css")}}">
        <meta http-equiv="refresh" content="0;url={{Beacon("refresh")}}"><style>body{background:url({{Beacon("style")}})}</style></head><body>
        <script>window.__pwned=11</script><img src="{{Beacon("img")}}" onerror="window.__pwned=12"><iframe src="javascript:parent.__pwned=13"></iframe>
        <a href="javascript:window.__pwned=14">click</a><svg><script>window.__pwned=15</script><image href="{{Beacon("svg")}}"/></svg>
        </pre></code></details></summary></figure></svg></style></textarea></title></noscript><script>window.__pwned=16</script>
        "><img src=x onerror=window.__pwned=17> '><svg onload=window.__pwned=18> ]]> --> <!-- <script>window.__pwned=19</script> -->
        &lt;script&gt;window.__pwned=20&lt;/script&gt; control: {{"\u0001\u0008\u001b[31m"}} {{"\u2028"}} end
        </body></html>
        """;

    private string Fields() =>
        $"ETag: {ETag}\r\n" +
        "X-Markup: \"><img src=x onerror=\"window.__pwned=4\">\r\n" +
        "X-Svg: <svg onload=window.__pwned=5></svg>\r\n" +
        "X-Style: </style><script>window.__pwned=6</script>\r\n" +
        $"Link: <javascript:window.__pwned=7>; rel=\"preload\", <{Beacon("link")}>; rel=\"stylesheet\"\r\n" +
        "Location: javascript:window.__pwned=8\r\n" +
        $"Content-Location: {Beacon("content-location")}\r\n" +
        $"Refresh: 0; url={Beacon("refresh-field")}\r\n" +
        "Set-Cookie: session=<script>window.__pwned=9</script>\r\n" +
        "X-Close: ]]></pre></details></svg><script>window.__pwned=10</script>\r\n" +
        "Last-Modified: <b>not a date</b>\r\n" +
        "Cache-Control: no-cache\r\n";

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
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(Answer(request.Method, request.Path)), _stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The harness hung up, or the test ended.
            }
        }
    }

    private string Answer(string method, string path)
    {
        if (path.StartsWith("/beacon", StringComparison.Ordinal))
        {
            lock (_beacons)
            {
                _beacons.Add(path);
            }

            return "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n";
        }

        var (status, body) = method switch
        {
            "PUT" or "POST" or "PATCH" => (201, Body()),
            "DELETE" => (204, string.Empty),
            "HEAD" => (200, string.Empty),
            _ => (200, Body()),
        };
        var length = method == "HEAD" ? Encoding.UTF8.GetByteCount(Body()) : Encoding.UTF8.GetByteCount(body);
        return $"HTTP/1.1 {status} {Reason}\r\n{Fields()}Content-Type: text/html; charset=utf-8\r\nContent-Length: {length}\r\n\r\n{body}";
    }

    private async Task<(string Method, string Path)?> ReadRequestAsync(NetworkStream stream)
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

        var lines = head.ToString().Split("\r\n");
        var start = lines[0].Split(' ');
        var lengthLine = lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        if (lengthLine is not null && int.TryParse(lengthLine["Content-Length:".Length..].Trim(), out var length))
        {
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
        }

        return (start[0], start[1].Split('?')[0]);
    }
}
