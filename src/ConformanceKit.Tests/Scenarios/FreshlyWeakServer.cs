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
internal sealed class FreshlyWeakServer : LoopbackTcpServer
{
    private readonly Dictionary<string, (string Body, int Version, DateTimeOffset Written)> _documents = new(StringComparer.Ordinal);
    private int _reads;

    public FreshlyWeakServer(TimeSpan freshFor, bool sendsETag = true)
    {
        FreshFor = freshFor;
        SendsETag = sendsETag;
        Start();
    }

    public TimeSpan FreshFor { get; }

    public bool SendsETag { get; }

    /// <summary>Reads of documents answered so far (the harness's probe of / not counted).</summary>
    public int Reads => Volatile.Read(ref _reads);


    protected override async Task ServeAsync(NetworkStream stream)
    {
        while (await ReadRequestAsync(stream) is { } request)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Answer(request)), Stopping);
        }
    }

    private string Answer(LoopbackRequest request)
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
                    if ((request.Field("If-Match") is { } ifMatch && (tag is null || tag.StartsWith("W/", StringComparison.Ordinal) || ifMatch != tag))
                        || (request.Field("If-None-Match") == "*" && current is not null))
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
}
