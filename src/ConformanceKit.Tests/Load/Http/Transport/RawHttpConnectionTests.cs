using System.Diagnostics;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Tests.Load.Http.Transport;

/// <summary>The raw transport's connection handling on canned connections: keep-alive, reconnecting after a close,
/// the retry of a GET on a connection the server closed, errors that name what went wrong, timeouts, cancellation.</summary>
public sealed class RawHttpConnectionTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nETag: \"1\"\r\nContent-Length: 2\r\n\r\nhi";
    private const string NotModified = "HTTP/1.1 304 Not Modified\r\nETag: \"1\"\r\n\r\n";
    private static readonly Uri Url = new("http://127.0.0.1:9/doc");
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Requests_reuse_one_keep_alive_connection()
    {
        var server = new Connections(new ScriptedChannel([Bytes(Ok), Bytes(NotModified), Bytes(NotModified)]));
        using var connection = server.Client();

        var first = await GetAsync(connection, null, keepBody: true);
        first.Status.ShouldBe(200);
        first.Body.Length.ShouldBe(2);
        (await GetAsync(connection, "\"1\"")).Status.ShouldBe(304);
        (await GetAsync(connection, "\"1\"")).Status.ShouldBe(304);

        connection.Connections.ShouldBe(1);
        server.Opened[0].SentText.ShouldBe(
            "GET /doc HTTP/1.1\r\nHost: 127.0.0.1:9\r\n\r\n" + string.Concat(Enumerable.Repeat("GET /doc HTTP/1.1\r\nHost: 127.0.0.1:9\r\nIf-None-Match: \"1\"\r\n\r\n", 2)));
    }

    [Fact]
    public async Task A_response_with_Connection_close_closes_it_and_the_next_request_opens_another()
    {
        var server = new Connections(ScriptedChannel.Of("HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n"), ScriptedChannel.Of(NotModified));
        using var connection = server.Client();

        (await GetAsync(connection, "\"1\"")).Status.ShouldBe(304);
        server.Opened[0].IsDisposed.ShouldBeTrue();
        (await GetAsync(connection, "\"1\"")).Status.ShouldBe(304);

        connection.Connections.ShouldBe(2);
    }

    [Fact]
    public async Task A_GET_on_a_connection_the_server_closed_while_idle_is_sent_again_on_a_new_one()
    {
        var server = new Connections(ScriptedChannel.Of(NotModified), ScriptedChannel.Of(NotModified));
        using var connection = server.Client();
        (await GetAsync(connection, "\"1\"")).Status.ShouldBe(304);

        var retried = await GetAsync(connection, "\"1\"");

        retried.Status.ShouldBe(304, retried.Error);
        connection.Connections.ShouldBe(2);
    }

    [Fact]
    public async Task A_PUT_on_a_connection_the_server_closed_is_not_sent_again()
    {
        var server = new Connections(ScriptedChannel.Of(NotModified), ScriptedChannel.Of("HTTP/1.1 204 No Content\r\n\r\n"));
        using var connection = server.Client();
        await GetAsync(connection, "\"1\"");

        var put = await connection.SendAsync("PUT", Url, "If-Match", "\"1\"", "{}"u8.ToArray(), "application/json", false, Timeout, CancellationToken.None);

        put.Status.ShouldBeNull();
        put.Error.ShouldBe("the server closed the connection before it answered (the keep-alive connection was closed before any answer; not retried, since the request may have been applied)");
        put.BytesOut.ShouldBeGreaterThan(0);
        server.Opened.Count.ShouldBe(1, "no second connection for a write");
    }

    [Fact]
    public async Task A_malformed_response_is_an_error_that_says_so_and_the_connection_is_dropped()
    {
        var server = new Connections(ScriptedChannel.Of("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n"), ScriptedChannel.Of(NotModified));
        using var connection = server.Client();

        var broken = await GetAsync(connection, null);
        var next = await GetAsync(connection, "\"1\"");

        broken.Error.ShouldBe("malformed response: Content-Length is not one number: \"x\"");
        server.Opened[0].IsDisposed.ShouldBeTrue();
        next.Status.ShouldBe(304);
    }

    [Fact]
    public async Task Bytes_after_the_end_of_a_response_are_an_error()
    {
        var server = new Connections(ScriptedChannel.Of(NotModified + "a body a 304 must not have"));
        using var connection = server.Client();

        var response = await GetAsync(connection, "\"1\"");

        response.Error.ShouldBe("malformed response: 26 more bytes came after the end of the 304 response (a body where none belongs, or a wrong Content-Length)");
    }

    [Fact]
    public async Task A_connection_that_cannot_be_made_is_an_error_naming_the_address()
    {
        using var connection = new RawHttpConnection([], 1024, connect: (_, _) => throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

        var response = await GetAsync(connection, null);

        response.Status.ShouldBeNull();
        response.Error.ShouldStartWith("could not connect to 127.0.0.1:9: ");
    }

    [Fact]
    public async Task A_server_that_never_answers_times_out_within_the_sweep_period()
    {
        var server = new Connections(new ScriptedChannel([], hangAtEnd: true));
        using var connection = server.Client();
        var watch = Stopwatch.StartNew();

        var response = await connection.SendAsync("GET", Url, null, null, default, null, false, TimeSpan.FromMilliseconds(300), CancellationToken.None);

        response.Error.ShouldBe("no complete response within 0.3 s");
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        server.Opened[0].IsDisposed.ShouldBeTrue();
    }

    [Fact]
    public async Task Cancelling_the_run_ends_a_pending_request_with_OperationCanceledException()
    {
        var server = new Connections(new ScriptedChannel([], hangAtEnd: true));
        using var connection = server.Client();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Should.ThrowAsync<OperationCanceledException>(async () => await connection.SendAsync("GET", Url, null, null, default, null, false, Timeout, cancel.Token));

        server.Opened[0].IsDisposed.ShouldBeTrue();
    }

    [Fact]
    public async Task An_https_URL_is_refused_with_the_reason()
    {
        using var connection = new Connections().Client();

        var response = await connection.SendAsync("GET", new Uri("https://127.0.0.1/"), null, null, default, null, false, Timeout, CancellationToken.None);

        response.Error.ShouldBe("the raw transport speaks plain http only, not https (use LoadTransport.HttpClient)");
    }

    [Fact]
    public async Task Error_texts_go_through_the_redactor()
    {
        var server = new Connections(ScriptedChannel.Of("HTTP/1.1 200 OK\r\nContent-Length: secret-token\r\n\r\n"));
        using var connection = new RawHttpConnection([], 1024, text => text.Replace("secret-token", "[redacted]", StringComparison.Ordinal), server.ConnectAsync);

        var response = await GetAsync(connection, null);

        response.Error.ShouldBe("malformed response: Content-Length is not one number: \"[redacted]\"");
    }

    private static byte[] Bytes(string text) => System.Text.Encoding.Latin1.GetBytes(text);

    private static ValueTask<LoadResponse> GetAsync(RawHttpConnection connection, string? etag, bool keepBody = false) =>
        connection.SendAsync("GET", Url, etag is null ? null : "If-None-Match", etag, default, null, keepBody, Timeout, CancellationToken.None);

    /// <summary>Hands out the scripted connections in order, one per connect.</summary>
    private sealed class Connections(params ScriptedChannel[] channels)
    {
        private readonly Queue<ScriptedChannel> waiting = new(channels);

        public List<ScriptedChannel> Opened { get; } = [];

        public RawHttpConnection Client() => new([], 1024 * 1024, connect: ConnectAsync);

        public ValueTask<IByteChannel> ConnectAsync(Uri url, CancellationToken cancellationToken)
        {
            var next = waiting.TryDequeue(out var channel) ? channel : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
            Opened.Add(next);
            return ValueTask.FromResult<IByteChannel>(next);
        }
    }
}
