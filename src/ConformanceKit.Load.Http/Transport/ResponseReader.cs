using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace ConformanceKit.Load.Http;

/// <summary>
/// Reads HTTP/1.1 responses from a connection's bytes (RFC 9112): the status line, the fields that frame the body
/// (Content-Length, Transfer-Encoding) and say whether the connection stays open (Connection), and ETag; every other
/// field is checked for form and skipped. Bodies are delimited as RFC 9112 6.3 says: none for a HEAD request or a
/// 1xx, 204 or 304 response; chunked (chunk extensions and trailers skipped); Content-Length; else until the server
/// closes. Bytes past the end of a response stay in the buffer for the next one (<see cref="Pending"/>).
/// <para>
/// Strict on form, with <see cref="RawLimits"/>: a bad status line, a field line without a name and a colon, a name
/// that is not a token, obsolete line folding, a bare CR or LF, a Content-Length that is not one number, both
/// Content-Length and Transfer-Encoding, a bad chunk size or chunk end, 101 Switching Protocols, or a limit passed is a
/// <see cref="MalformedResponseException"/>; a close before the end is a <see cref="ConnectionClosedException"/>.
/// Allocation-free for a repeated response: the receive buffer is rented once, the kept body's buffer reused, and an
/// ETag equal to the last one returns the same string.
/// </para>
/// </summary>
internal sealed class ResponseReader : IDisposable
{
    private static readonly SearchValues<byte> TokenChars = SearchValues.Create("!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    private readonly int maxBodyBytes;
    private byte[] buffer;
    private int start;
    private int end;
    private byte[] body = [];
    private byte[] lastETag = new byte[64];
    private int lastETagLength = -1;
    private string? lastETagText;
    private IByteChannel? channel;

    // The response being read.
    private long wire;
    private long bodyLength;
    private int kept;
    private bool truncated;
    private bool keep;
    private bool receivedAny;

    public ResponseReader(int maxBodyBytes)
    {
        this.maxBodyBytes = maxBodyBytes;
        buffer = ArrayPool<byte>.Shared.Rent(RawLimits.InitialBufferBytes);
    }

    /// <summary>Bytes received past the end of the last response.</summary>
    public int Pending => end - start;

    /// <summary>Whether any byte of the response being read (or last read) has come.</summary>
    public bool ReceivedAny => receivedAny;

    /// <summary>The kept body of the last response (valid until the next read).</summary>
    public ReadOnlyMemory<byte> Body => body.AsMemory(0, kept);

    /// <summary>Reads from <paramref name="next"/> from now on; what was left of the last connection is dropped.</summary>
    public void Attach(IByteChannel next)
    {
        channel = next;
        start = end = 0;
    }

    /// <summary>Reads one whole response. <paramref name="headRequest"/>: it answers a HEAD, so it has no body.
    /// <paramref name="keepBody"/>: keep the body (at most the settings' MaxBodyBytes) in <see cref="Body"/>.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<RawResponse> ReadAsync(bool headRequest, bool keepBody, CancellationToken cancellationToken)
    {
        (wire, bodyLength, kept, truncated, keep, receivedAny) = (0, 0, 0, false, keepBody, end > start);
        var interim = 0;
        while (true)
        {
            // The head: received here, not in a helper, so the usual response costs one state machine (pooled).
            var headLength = HeadLength(0);
            while (headLength < 0)
            {
                var pending = end - start;
                if (pending >= RawLimits.MaxHeadBytes)
                {
                    throw new MalformedResponseException($"no end of the response head within {RawLimits.MaxHeadBytes / 1024} KiB");
                }

                if (!Received(await Source.ReceiveAsync(FreeSpace(), cancellationToken).ConfigureAwait(false)))
                {
                    throw pending == 0 && wire == 0
                        ? new ConnectionClosedException("the server closed the connection before it answered", beforeAnyByte: true)
                        : new ConnectionClosedException($"the server closed the connection after {pending} bytes of the response head", beforeAnyByte: false);
                }

                headLength = HeadLength(pending);
            }

            var head = ParseHead(buffer.AsSpan(start, headLength));
            start += headLength;
            wire += headLength;
            if (head.Status < 200)
            {
                if (head.Status == 101)
                {
                    throw new MalformedResponseException("101 Switching Protocols: the raw transport does not switch protocols");
                }

                if (++interim > RawLimits.MaxInterimResponses)
                {
                    throw new MalformedResponseException($"more than {RawLimits.MaxInterimResponses} interim (1xx) responses before the final one");
                }

                continue;
            }

            var keepAlive = head.KeepAlive;
            if (headRequest || head.Status is 204 or 304)
            {
                // RFC 9112 6.3 (1): no content, whatever the fields say.
            }
            else if (head.Chunked)
            {
                await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (head.ContentLength >= 0 && head.ContentLength <= end - start)
            {
                TakeBody((int)head.ContentLength);
            }
            else if (head.ContentLength >= 0)
            {
                await ReadFixedAsync(head.ContentLength, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await ReadToCloseAsync(cancellationToken).ConfigureAwait(false);
                keepAlive = false;
            }

            return new RawResponse(head.Status, head.ETag, headLength, wire, bodyLength, kept, truncated, keepAlive);
        }
    }

    public void Dispose()
    {
        var rented = Interlocked.Exchange(ref buffer, []);
        if (rented.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The head's length (through its blank line) when it is all in the buffer, else -1; the first
    /// <paramref name="scanned"/> pending bytes were searched before.</summary>
    private int HeadLength(int scanned)
    {
        var from = Math.Max(0, scanned - 3);
        var found = buffer.AsSpan(start + from, end - start - from).IndexOf("\r\n\r\n"u8);
        return found < 0 ? -1 : from + found + 4;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadFixedAsync(long length, CancellationToken cancellationToken)
    {
        var remaining = length;
        while (remaining > 0)
        {
            if (start == end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ConnectionClosedException(
                    string.Create(CultureInfo.InvariantCulture, $"the server closed the connection after {length - remaining} of {length} body bytes"), beforeAnyByte: false);
            }

            var take = (int)Math.Min(remaining, end - start);
            TakeBody(take);
            remaining -= take;
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadToCloseAsync(CancellationToken cancellationToken)
    {
        do
        {
            TakeBody(end - start);
        }
        while (await FillAsync(cancellationToken).ConfigureAwait(false));
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask ReadChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var lineLength = await ReadLineAsync(RawLimits.MaxChunkLineBytes, "chunk-size line", cancellationToken).ConfigureAwait(false);
            var size = ChunkSize(buffer.AsSpan(start, lineLength));
            Skip(lineLength + 2);
            if (size == 0)
            {
                break;
            }

            await ReadFixedAsync(size, cancellationToken).ConfigureAwait(false);
            while (end - start < 2)
            {
                if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    throw new ConnectionClosedException("the server closed the connection at the end of a chunk", beforeAnyByte: false);
                }
            }

            if (buffer[start] != '\r' || buffer[start + 1] != '\n')
            {
                throw new MalformedResponseException("a chunk's data is not followed by CRLF (its size is wrong)");
            }

            Skip(2);
        }

        // The trailer section: field lines up to a blank line, skipped.
        var budget = RawLimits.MaxTrailerBytes;
        while (true)
        {
            var lineLength = await ReadLineAsync(budget, "trailer section", cancellationToken).ConfigureAwait(false);
            CheckTrailer(buffer.AsSpan(start, lineLength));
            Skip(lineLength + 2);
            budget -= lineLength + 2;
            if (lineLength == 0)
            {
                return;
            }
        }
    }

    private static void CheckTrailer(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && (line.IndexOf((byte)':') <= 0 || line.IndexOfAny((byte)'\r', (byte)'\n') >= 0))
        {
            throw new MalformedResponseException($"a trailer line is not a field: {Excerpt(line)}");
        }
    }

    /// <summary>The length of the line at the start of the buffer (without its CRLF), once it is all there.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadLineAsync(int limit, string what, CancellationToken cancellationToken)
    {
        while (true)
        {
            var found = buffer.AsSpan(start, end - start).IndexOf("\r\n"u8);
            if (found >= 0)
            {
                return found;
            }

            if (end - start >= limit)
            {
                throw new MalformedResponseException($"a {what} longer than {limit} bytes");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new ConnectionClosedException($"the server closed the connection in the middle of a chunked body (in a {what})", beforeAnyByte: false);
            }
        }
    }

    private IByteChannel Source => channel ?? throw new InvalidOperationException("The reader has no connection.");

    /// <summary>Receives more bytes after those pending; false when the server closed the connection.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken) =>
        Received(await Source.ReceiveAsync(FreeSpace(), cancellationToken).ConfigureAwait(false));

    /// <summary>Room after the pending bytes: they are moved to the front, or into a larger buffer (up to
    /// <see cref="RawLimits.MaxHeadBytes"/> and a bit) when they fill it.</summary>
    private Memory<byte> FreeSpace()
    {
        if (start == end)
        {
            start = end = 0;
        }
        else if (end == buffer.Length)
        {
            var pending = end - start;
            if (start == 0)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, RawLimits.MaxHeadBytes + RawLimits.InitialBufferBytes));
                buffer.AsSpan(0, pending).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            else
            {
                buffer.AsSpan(start, pending).CopyTo(buffer);
            }

            (start, end) = (0, pending);
        }

        return buffer.AsMemory(end);
    }

    private bool Received(int count)
    {
        end += count;
        receivedAny |= count > 0;
        return count > 0;
    }

    private void Skip(int count)
    {
        start += count;
        wire += count;
    }

    private void TakeBody(int count)
    {
        if (keep && count > 0)
        {
            var room = maxBodyBytes - kept;
            var copy = Math.Min(count, room);
            if (kept + copy > body.Length)
            {
                Array.Resize(ref body, (int)Math.Min(maxBodyBytes, Math.Max(kept + copy, Math.Max(4096, (long)body.Length * 2))));
            }

            buffer.AsSpan(start, copy).CopyTo(body.AsSpan(kept));
            kept += copy;
            truncated |= copy < count;
        }

        bodyLength += count;
        Skip(count);
    }

    private Head ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = head[..lineEnd];
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)statusLine[7]) || statusLine[8] != ' '
            || !char.IsAsciiDigit((char)statusLine[9]) || !char.IsAsciiDigit((char)statusLine[10]) || !char.IsAsciiDigit((char)statusLine[11])
            || (statusLine.Length > 12 && statusLine[12] != ' ') || statusLine.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            throw new MalformedResponseException($"the status line is not 'HTTP/1.x NNN reason': {Excerpt(statusLine)}");
        }

        var status = ((statusLine[9] - '0') * 100) + ((statusLine[10] - '0') * 10) + (statusLine[11] - '0');
        if (status < 100)
        {
            throw new MalformedResponseException($"the status code {status} is below 100");
        }

        var http10 = statusLine[7] == '0';
        long contentLength = -1;
        bool chunked = false, transferEncoding = false, close = false, keepAliveToken = false;
        int etagCount = 0, etagStart = 0, etagLength = 0, fields = 0;
        var offset = lineEnd + 2;
        while (offset < head.Length - 2)
        {
            var rest = head[offset..];
            var length = rest.IndexOf("\r\n"u8);
            var line = rest[..length];
            if (++fields > RawLimits.MaxFields)
            {
                throw new MalformedResponseException($"more than {RawLimits.MaxFields} header fields");
            }

            if (line[0] is (byte)' ' or (byte)'\t')
            {
                throw new MalformedResponseException($"obsolete line folding (a field line starts with whitespace): {Excerpt(line)}");
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].IndexOfAnyExcept(TokenChars) >= 0)
            {
                throw new MalformedResponseException($"a header line is not 'name: value': {Excerpt(line)}");
            }

            if (line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
            {
                throw new MalformedResponseException($"a bare CR or LF in a header line: {Excerpt(line)}");
            }

            var name = line[..colon];
            var valueStart = colon + 1;
            var value = line[valueStart..];
            var trimmedStart = value.IndexOfAnyExcept((byte)' ', (byte)'\t');
            value = trimmedStart < 0 ? [] : value[trimmedStart..].TrimEnd(" \t"u8);
            switch (name.Length)
            {
                case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    var parsed = ContentLength(value);
                    if (contentLength >= 0 && parsed != contentLength)
                    {
                        throw new MalformedResponseException(string.Create(CultureInfo.InvariantCulture, $"two different Content-Length values ({contentLength} and {parsed})"));
                    }

                    contentLength = parsed;
                    break;
                case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    transferEncoding = true;
                    var lastComma = value.LastIndexOf((byte)',');
                    var coding = (lastComma < 0 ? value : value[(lastComma + 1)..]).Trim(" \t"u8);
                    chunked = Ascii.EqualsIgnoreCase(coding, "chunked"u8);
                    break;
                case 4 when Ascii.EqualsIgnoreCase(name, "ETag"u8):
                    etagCount++;
                    etagStart = offset + valueStart + Math.Max(0, trimmedStart);
                    etagLength = value.Length;
                    break;
                case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                    foreach (var range in value.Split((byte)','))
                    {
                        var token = value[range].Trim(" \t"u8);
                        close |= Ascii.EqualsIgnoreCase(token, "close"u8);
                        keepAliveToken |= Ascii.EqualsIgnoreCase(token, "keep-alive"u8);
                    }

                    break;
            }

            offset += length + 2;
        }

        if (transferEncoding && contentLength >= 0 && status >= 200 && status is not (204 or 304))
        {
            throw new MalformedResponseException("both Transfer-Encoding and Content-Length (RFC 9112 6.3: a sign of response splitting)");
        }

        var etag = etagCount == 1 ? ETagText(head.Slice(etagStart, etagLength)) : null;
        return new Head(status, etag, transferEncoding ? -1 : contentLength, chunked, !close && (!http10 || keepAliveToken));
    }

    private static long ContentLength(ReadOnlySpan<byte> value)
    {
        if (value.Length is 0 or > 18 || value.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0)
        {
            throw new MalformedResponseException($"Content-Length is not one number: {Excerpt(value)}");
        }

        long length = 0;
        foreach (var digit in value)
        {
            length = (length * 10) + (digit - '0');
        }

        return length;
    }

    /// <summary>A chunk-size line: hex digits, then optional whitespace and extensions (skipped).</summary>
    private static long ChunkSize(ReadOnlySpan<byte> line)
    {
        long size = 0;
        var digits = 0;
        while (digits < line.Length && char.IsAsciiHexDigit((char)line[digits]))
        {
            size = (size << 4) | (long)HexValue(line[digits]);
            if (++digits > 15)
            {
                throw new MalformedResponseException($"a chunk size above 2^60 bytes: {Excerpt(line)}");
            }
        }

        var rest = line[digits..].TrimStart(" \t"u8);
        if (digits == 0 || (rest.Length > 0 && rest[0] != ';') || line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            throw new MalformedResponseException($"not a chunk-size line: {Excerpt(line)}");
        }

        return size;
    }

    private static int HexValue(byte digit) => digit <= '9' ? digit - '0' : (digit | 0x20) - 'a' + 10;

    private string ETagText(ReadOnlySpan<byte> value)
    {
        if (lastETagText is not null && value.SequenceEqual(lastETag.AsSpan(0, lastETagLength)))
        {
            return lastETagText;
        }

        if (value.Length > lastETag.Length)
        {
            lastETag = new byte[value.Length];
        }

        value.CopyTo(lastETag);
        lastETagLength = value.Length;
        return lastETagText = Encoding.Latin1.GetString(value);
    }

    /// <summary>At most 80 characters of what the server sent, printable ASCII as it is and other bytes as \xNN.</summary>
    internal static string Excerpt(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder("\"");
        foreach (var b in bytes[..Math.Min(bytes.Length, 80)])
        {
            text.Append(b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\' ? (char)b : $"\\x{b:X2}");
        }

        return text.Append(bytes.Length > 80 ? "\"..." : "\"").ToString();
    }

    private readonly record struct Head(int Status, string? ETag, long ContentLength, bool Chunked, bool KeepAlive);
}
