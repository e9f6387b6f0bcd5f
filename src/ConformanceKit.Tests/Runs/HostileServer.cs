using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ConformanceKit.Tests.Runs;

/// <summary>
/// A loopback TCP server that answers HTTP badly on purpose, to prove the harness turns a misbehaving target
/// into error or fail verdicts, never a crash. <c>GET /</c> answers 200 (so the reachability probe passes); every
/// other request gets the configured misbehaviour. The malformed-ETag modes act like a store that ignores
/// preconditions (PUT 201, GET 200, DELETE 204) but send a broken ETag field; the redirect loop sends every
/// request back and forth between two paths with 307.
/// </summary>
internal sealed class HostileServer : LoopbackTcpServer
{
    private readonly Misbehaviour _misbehaviour;
    private int _redirects;
    private long _bodyBytesSent;

    public HostileServer(Misbehaviour misbehaviour)
    {
        _misbehaviour = misbehaviour;
        Start();
    }

    protected override async Task ServeAsync(NetworkStream stream)
    {
        while (!Stopping.IsCancellationRequested)
        {
            // Requests in these tests carry small bodies: read and dropped.
            var head = (await ReadRequestAsync(stream))?.Head;
            if (head is null)
            {
                return;
            }

            if (head.StartsWith("GET / ", StringComparison.Ordinal))
            {
                await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
                continue;
            }

            switch (_misbehaviour)
            {
                case Misbehaviour.NeverAnswers:
                    await Task.Delay(Timeout.Infinite, Stopping);
                    return;
                case Misbehaviour.Garbage:
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("\u0001\u0002 this is not HTTP at all \r\n\r\n"), Stopping);
                    return;
                case Misbehaviour.ClosesMidResponse:
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nETag: \"x\"\r\n\r\n{\"partial\":");
                    return;
                case Misbehaviour.UnquotedETag:
                case Misbehaviour.ControlCharacterETag:
                case Misbehaviour.SeveralETags:
                    await WriteAsync(stream, StoreLikeAnswer(head, _misbehaviour));
                    continue;
                case Misbehaviour.RedirectLoop:
                    Interlocked.Increment(ref _redirects);
                    var next = head.Contains(" /loop-a ", StringComparison.Ordinal) ? "/loop-b" : "/loop-a";
                    await WriteAsync(stream, $"HTTP/1.1 307 Temporary Redirect\r\nLocation: {next}\r\nContent-Length: 0\r\n\r\n");
                    continue;
                default:
                    // A body far larger than the harness keeps: it must stop reading, not buffer it all.
                    await WriteAsync(stream, "HTTP/1.1 200 OK\r\nContent-Length: 104857600\r\nETag: \"big\"\r\n\r\n");
                    var chunk = new byte[64 * 1024];
                    for (var sent = 0L; sent < 104857600L; sent += chunk.Length)
                    {
                        await stream.WriteAsync(chunk, Stopping);
                        Interlocked.Add(ref _bodyBytesSent, chunk.Length);
                    }

                    return;
            }
        }
    }

    /// <summary>How many bytes of the huge body the harness took before it hung up.</summary>
    public long BodyBytesSent => Interlocked.Read(ref _bodyBytesSent);

    /// <summary>How many redirects the loop has sent.</summary>
    public int Redirects => Volatile.Read(ref _redirects);

    private static string StoreLikeAnswer(string head, Misbehaviour misbehaviour)
    {
        var etag = misbehaviour switch
        {
            Misbehaviour.UnquotedETag => "ETag: v1-unquoted\r\n",
            Misbehaviour.ControlCharacterETag => "ETag: \"v1\u0001\u007f\"\r\n",
            _ => "ETag: \"v1\", \"v2\"\r\nETag: \"v3\"\r\n",
        };
        var method = head[..head.IndexOf(' ', StringComparison.Ordinal)];
        return method switch
        {
            "PUT" or "POST" => $"HTTP/1.1 201 Created\r\n{etag}Location: /items/made\r\nContent-Length: 0\r\n\r\n",
            "DELETE" => "HTTP/1.1 204 No Content\r\n\r\n",
            "HEAD" => $"HTTP/1.1 200 OK\r\n{etag}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n",
            _ => $"HTTP/1.1 200 OK\r\n{etag}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}",
        };
    }

    private async Task WriteAsync(NetworkStream stream, string text) =>
        await stream.WriteAsync(Encoding.Latin1.GetBytes(text), Stopping);
}

public enum Misbehaviour
{
    NeverAnswers,
    Garbage,
    ClosesMidResponse,
    HugeBody,
    UnquotedETag,
    ControlCharacterETag,
    SeveralETags,
    RedirectLoop,
}
