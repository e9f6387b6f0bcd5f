using System.Text;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Tests.Load.Http.Transport;

/// <summary>The raw transport's response reader on canned byte streams: framing (none, Content-Length, chunked, until
/// close), split reads, pipelined leftovers, interim responses, a server that closes, and malformed responses.</summary>
public sealed class ResponseReaderTests
{
    private const string NotModified = "HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\nCache-Control: no-cache\r\nDate: Tue, 01 Dec 2026 10:00:00 GMT\r\n\r\n";

    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_304_is_read_whole_with_its_ETag_and_no_body_and_its_exact_size()
    {
        using var reader = Reader(ScriptedChannel.Of(NotModified));

        var response = await reader.ReadAsync(headRequest: false, keepBody: false, None);

        response.ShouldBe(new RawResponse(304, "\"v1\"", NotModified.Length, NotModified.Length, 0, 0, false, KeepAlive: true));
        reader.Pending.ShouldBe(0);
    }

    [Fact]
    public async Task Every_way_of_splitting_a_response_reads_the_same()
    {
        const string text = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\nETag: W/\"a\"\r\n\r\nhello world";
        for (var cut = 1; cut < text.Length; cut++)
        {
            using var reader = Reader(ScriptedChannel.Split(text, cut));

            var response = await reader.ReadAsync(false, keepBody: true, None);

            response.Status.ShouldBe(200, $"cut at {cut}");
            response.ETag.ShouldBe("W/\"a\"");
            Text(reader.Body).ShouldBe("hello world", $"cut at {cut}");
            response.WireBytes.ShouldBe(text.Length);
        }
    }

    [Fact]
    public async Task A_response_delivered_byte_by_byte_is_read()
    {
        using var reader = Reader(ScriptedChannel.ByteByByte(Chunked));

        var response = await reader.ReadAsync(false, keepBody: true, None);

        response.Status.ShouldBe(200);
        Text(reader.Body).ShouldBe("Wikipedia in\r\n\r\nchunks.");
    }

    private const string Chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;name=value\r\npedia\r\nE \r\n in\r\n\r\nchunks.\r\n0\r\nExpires: never\r\n\r\n";

    [Fact]
    public async Task A_chunked_body_is_decoded_with_extensions_and_trailers_skipped_and_its_framing_counted()
    {
        using var reader = Reader(ScriptedChannel.Split(Chunked, 20, 50, 51, 70));

        var response = await reader.ReadAsync(false, keepBody: true, None);

        Text(reader.Body).ShouldBe("Wikipedia in\r\n\r\nchunks.");
        response.BodyLength.ShouldBe(23);
        response.WireBytes.ShouldBe(Chunked.Length, "chunk sizes, extensions, CRLFs and trailers are bytes on the wire");
        response.HeadBytes.ShouldBe(Chunked.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
        response.KeepAlive.ShouldBeTrue();
    }

    [Fact]
    public async Task Pipelined_responses_in_one_read_are_read_one_after_the_other()
    {
        var two = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc" + NotModified + "HTTP/1.1 204 No Content\r\n\r\n";
        using var reader = Reader(ScriptedChannel.Of(two));

        (await reader.ReadAsync(false, true, None)).Status.ShouldBe(200);
        Text(reader.Body).ShouldBe("abc");
        reader.Pending.ShouldBe(two.Length - 41, "the next responses wait in the buffer");
        (await reader.ReadAsync(false, false, None)).Status.ShouldBe(304);
        (await reader.ReadAsync(false, false, None)).Status.ShouldBe(204);
        reader.Pending.ShouldBe(0);
    }

    [Theory]
    [InlineData("HTTP/1.1 204 No Content\r\nContent-Length: 5\r\n\r\n")]
    [InlineData("HTTP/1.1 304 Not Modified\r\nContent-Length: 25\r\n\r\n")]
    [InlineData("HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n")]
    public async Task A_204_or_304_has_no_body_whatever_its_fields_say(string head)
    {
        using var reader = Reader(ScriptedChannel.Of(head + NotModified));

        var response = await reader.ReadAsync(false, true, None);

        response.BodyLength.ShouldBe(0);
        (await reader.ReadAsync(false, false, None)).Status.ShouldBe(304, "the next response starts right after the head");
    }

    [Fact]
    public async Task The_response_to_HEAD_has_no_body_even_with_a_Content_Length()
    {
        using var reader = Reader(ScriptedChannel.Of("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nETag: \"h\"\r\n\r\n" + NotModified));

        var head = await reader.ReadAsync(headRequest: true, keepBody: true, None);

        head.ShouldBe(head with { Status = 200, BodyLength = 0, Kept = 0, KeepAlive = true });
        (await reader.ReadAsync(false, false, None)).Status.ShouldBe(304);
    }

    [Fact]
    public async Task Interim_responses_are_skipped_and_counted_on_the_wire()
    {
        const string text = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n";
        using var reader = Reader(ScriptedChannel.Of(text));

        var response = await reader.ReadAsync(false, false, None);

        response.Status.ShouldBe(201);
        response.WireBytes.ShouldBe(text.Length);
        response.HeadBytes.ShouldBe("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n".Length);
    }

    [Fact]
    public async Task A_body_without_length_runs_until_the_server_closes_and_the_connection_is_not_kept()
    {
        using var reader = Reader(ScriptedChannel.Split("HTTP/1.1 200 OK\r\nETag: \"c\"\r\n\r\nuntil the end", 30, 35));

        var response = await reader.ReadAsync(false, true, None);

        Text(reader.Body).ShouldBe("until the end");
        response.KeepAlive.ShouldBeFalse();
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nconnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true)]
    public async Task Connection_and_the_version_say_whether_the_connection_stays_open(string text, bool keepAlive)
    {
        using var reader = Reader(ScriptedChannel.Of(text));

        (await reader.ReadAsync(false, false, None)).KeepAlive.ShouldBe(keepAlive);
    }

    [Fact]
    public async Task A_body_beyond_the_kept_limit_is_counted_and_marked_truncated()
    {
        var body = new string('x', 5000);
        using var reader = Reader(ScriptedChannel.Split($"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{body}", 100, 2000), maxBodyBytes: 1024);

        var response = await reader.ReadAsync(false, keepBody: true, None);

        response.BodyLength.ShouldBe(5000);
        response.Kept.ShouldBe(1024);
        response.Truncated.ShouldBeTrue();
        reader.Body.Length.ShouldBe(1024);
    }

    [Fact]
    public async Task The_ETag_is_null_when_sent_twice_and_the_same_string_when_it_repeats()
    {
        using var reader = Reader(ScriptedChannel.Of(NotModified + NotModified + "HTTP/1.1 304 Not Modified\r\nETag: \"a\"\r\nETag: \"b\"\r\n\r\n"));

        var first = await reader.ReadAsync(false, false, None);
        var second = await reader.ReadAsync(false, false, None);
        var twice = await reader.ReadAsync(false, false, None);

        ReferenceEquals(first.ETag, second.ETag).ShouldBeTrue("a repeated ETag allocates no new string");
        twice.ETag.ShouldBeNull();
    }

    [Theory]
    [InlineData("garbage\r\n\r\n", "the status line is not 'HTTP/1.x NNN reason': \"garbage\"")]
    [InlineData("HTTP/1.1 20 OK\r\n\r\n", "the status line is not")]
    [InlineData("HTTP/2 200 OK\r\n\r\n", "the status line is not")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n", "the status line is not")]
    [InlineData("HTTP/1.1 099 Low\r\n\r\n", "the status code 99 is below 100")]
    [InlineData("HTTP/1.1 200 OK\r\nX: a\r\n folded\r\n\r\n", "obsolete line folding")]
    [InlineData("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n", "a header line is not 'name: value': \"no colon here\"")]
    [InlineData("HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n", "a header line is not 'name: value'")]
    [InlineData("HTTP/1.1 200 OK\r\n: x\r\n\r\n", "a header line is not 'name: value'")]
    [InlineData("HTTP/1.1 200 OK\r\nX: a\nb\r\n\r\n", "a bare CR or LF in a header line")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n", "two different Content-Length values (5 and 6)")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\n", "Content-Length is not one number: \"five\"")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n", "Content-Length is not one number")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 5, 5\r\n\r\n", "Content-Length is not one number")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "Content-Length is not one number")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n", "both Transfer-Encoding and Content-Length")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", "not a chunk-size line: \"zz\"")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3 x\r\nabc\r\n0\r\n\r\n", "not a chunk-size line")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\n", "a chunk size above 2^60 bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcd\r\n0\r\n\r\n", "a chunk's data is not followed by CRLF")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nnot a field\r\n\r\n", "a trailer line is not a field")]
    [InlineData("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n", "101 Switching Protocols")]
    public async Task A_malformed_response_is_refused_with_what_was_wrong(string text, string message)
    {
        using var reader = Reader(ScriptedChannel.Of(text + new string(' ', 16)));

        var refused = await Should.ThrowAsync<MalformedResponseException>(async () => await reader.ReadAsync(false, true, None));

        refused.Message.ShouldContain(message);
    }

    [Fact]
    public async Task The_limits_refuse_a_head_too_large_too_many_fields_a_long_chunk_line_and_endless_interim_responses()
    {
        string[] cases =
        [
            "HTTP/1.1 200 OK\r\nX: " + new string('a', 70_000) + "\r\n\r\n",
            "HTTP/1.1 200 OK\r\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"X-{i}: {i}\r\n")) + "\r\n",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1;" + new string('e', 5000) + "\r\n",
            string.Concat(Enumerable.Repeat("HTTP/1.1 100 Continue\r\n\r\n", 20)) + "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n",
        ];
        string[] messages = ["no end of the response head within 64 KiB", "more than 256 header fields", "a chunk-size line longer than 4096 bytes", "more than 16 interim (1xx) responses"];
        foreach (var (text, message) in cases.Zip(messages))
        {
            using var reader = Reader(new ScriptedChannel(Encoding.Latin1.GetBytes(text).Chunk(1000)));

            var refused = await Should.ThrowAsync<MalformedResponseException>(async () => await reader.ReadAsync(false, false, None));

            refused.Message.ShouldContain(message);
        }
    }

    [Theory]
    [InlineData("", true, "the server closed the connection before it answered")]
    [InlineData("HTTP/1.1 200 O", false, "the server closed the connection after 14 bytes of the response head")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", false, "the server closed the connection after 3 of 10 body bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab", false, "the server closed the connection after 2 of 5 body bytes")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nabcde", false, "at the end of a chunk")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n", false, "in the middle of a chunked body")]
    public async Task A_server_that_closes_too_early_is_told_apart_from_one_that_never_answered(string text, bool beforeAnyByte, string message)
    {
        using var reader = Reader(ScriptedChannel.Of(text));

        var closed = await Should.ThrowAsync<ConnectionClosedException>(async () => await reader.ReadAsync(false, true, None));

        closed.BeforeAnyByte.ShouldBe(beforeAnyByte);
        closed.Message.ShouldContain(message);
    }

    [Fact]
    public async Task A_head_larger_than_the_first_buffer_is_read()
    {
        var big = "HTTP/1.1 200 OK\r\nX-Big: " + new string('b', 40_000) + "\r\nETag: \"big\"\r\nContent-Length: 2\r\n\r\nok";
        using var reader = Reader(new ScriptedChannel(Encoding.Latin1.GetBytes(big).Chunk(7000)));

        var response = await reader.ReadAsync(false, true, None);

        response.ETag.ShouldBe("\"big\"");
        Text(reader.Body).ShouldBe("ok");
    }

    private static ResponseReader Reader(ScriptedChannel channel, int maxBodyBytes = 1024 * 1024)
    {
        var reader = new ResponseReader(maxBodyBytes);
        reader.Attach(channel);
        return reader;
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.Latin1.GetString(bytes.Span);
}
