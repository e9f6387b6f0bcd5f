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
internal sealed class EchoingServer : LoopbackTcpServer
{
    private readonly Dictionary<string, (string Body, int Version)> _documents = new(StringComparer.Ordinal);

    public EchoingServer()
    {
        Start();
    }


    protected override async Task ServeAsync(NetworkStream stream)
    {
        while (await ReadRequestAsync(stream) is { } request)
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Answer(request)), Stopping);
        }
    }

    private string Answer(LoopbackRequest request)
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
}
