using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The raw transport of one virtual user: one keep-alive HTTP/1.1 connection over a socket of its own, one request at
/// a time. The request's bytes are built once and reused while the step sends the same request (<see cref="RawRequest"/>);
/// the response is read by a <see cref="ResponseReader"/> into a buffer rented once. A response that says
/// <c>Connection: close</c> (or HTTP/1.0 without keep-alive, or a body delimited by the close) closes the connection,
/// and the next request opens a new one. A GET or HEAD on a reused connection that the server closed before answering
/// is sent once more on a new connection (the server may close an idle keep-alive connection at any time); other
/// methods are not retried, since they may have been applied. Failures come back as a response with an error, never
/// as an exception, and close the connection; cancellation is thrown.
/// <para>
/// Timeouts and cancellation cost nothing per request: the deadline is a field that <see cref="RawDeadlines"/> checks
/// every 100 ms, and the caller's token is registered once (not per socket operation); either one closes the socket,
/// which ends the pending operation.
/// </para>
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private readonly RawRequest request;
    private readonly ResponseReader reader;
    private const long Expired = -1;

    private readonly Func<Uri, CancellationToken, ValueTask<IByteChannel>> connect;
    private readonly Func<string, string> redact;
    private IByteChannel? channel;
    private long deadline;
    private CancellationToken watchedToken;
    private CancellationTokenRegistration registration;
    private string? origin;
    private Uri? originUrl;
    private (string Host, IPAddress[] Addresses)? resolved;

    /// <param name="headers">Fields sent on every request (the target's).</param>
    /// <param name="maxBodyBytes">Body bytes kept when a request asks for them.</param>
    /// <param name="redact">Applied to every error text (it may quote what the server sent).</param>
    /// <param name="connect">Opens a connection to a URL's origin; a socket by default (tests pass canned bytes).</param>
    public RawHttpConnection(IEnumerable<KeyValuePair<string, string>> headers, int maxBodyBytes, Func<string, string>? redact = null,
        Func<Uri, CancellationToken, ValueTask<IByteChannel>>? connect = null)
    {
        request = new RawRequest(headers);
        reader = new ResponseReader(maxBodyBytes);
        this.redact = redact ?? (static text => text);
        this.connect = connect ?? ConnectSocketAsync;
        RawDeadlines.Watch(this);
    }

    /// <summary>Connections opened so far (the first included).</summary>
    public long Connections { get; private set; }

    /// <summary>The size of the request last sent (or about to be).</summary>
    public long RequestBytes => request.Bytes.Length;

    /// <summary>Sends one request and reads its whole response, within <paramref name="timeout"/> (connecting
    /// included). <paramref name="contentType"/> goes with a body.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<LoadResponse> SendAsync(string method, Uri url, string? conditionName, string? conditionValue, ReadOnlyMemory<byte> body,
        string? contentType, bool keepBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        cancellationToken.ThrowIfCancellationRequested();
        Follow(cancellationToken);
        var response = await ExchangeAsync(method, url, conditionName, conditionValue, body, contentType, keepBody, timeout, cancellationToken).ConfigureAwait(false);
        return response.Error is null ? response : response with { Error = redact(response.Error) };
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<LoadResponse> ExchangeAsync(string method, Uri url, string? conditionName, string? conditionValue, ReadOnlyMemory<byte> body,
        string? contentType, bool keepBody, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (url.Scheme != Uri.UriSchemeHttp)
        {
            return LoadResponse.Failed($"the raw transport speaks plain http only, not {url.Scheme} (use LoadTransport.HttpClient)", 0);
        }

        ReadOnlyMemory<byte> bytes;
        try
        {
            bytes = request.Build(method, url, conditionName, conditionValue, body.Span, contentType);
        }
        catch (ArgumentException e)
        {
            return LoadResponse.Failed($"the request cannot be sent: {e.Message.Split(" (Parameter", 2)[0]}", 0);
        }

        var head = method == "HEAD";
        var retryable = head || method == "GET";
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref deadline, started + (long)(timeout.TotalSeconds * Stopwatch.Frequency));
        for (var attempt = 0; ; attempt++)
        {
            bool reused;
            try
            {
                reused = await OpenAsync(url, timeout - Stopwatch.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                var expired = Interlocked.Exchange(ref deadline, 0) == Expired || e is OperationCanceledException;
                cancellationToken.ThrowIfCancellationRequested();
                return LoadResponse.Failed(expired ? TimeoutText(timeout) : $"could not connect to {RawRequest.HostField(url)}: {e.Message}", bytes.Length);
            }

            try
            {
                await channel!.SendAsync(bytes, CancellationToken.None).ConfigureAwait(false);
                var response = await reader.ReadAsync(head, keepBody, CancellationToken.None).ConfigureAwait(false);
                if (Interlocked.Exchange(ref deadline, 0) == Expired)
                {
                    Close();
                    return LoadResponse.Failed(TimeoutText(timeout), bytes.Length);
                }

                if (reader.Pending > 0)
                {
                    var extra = reader.Pending;
                    Close();
                    return LoadResponse.Failed(string.Create(CultureInfo.InvariantCulture,
                        $"malformed response: {extra} more bytes came after the end of the {response.Status} response (a body where none belongs, or a wrong Content-Length)"), bytes.Length);
                }

                if (!response.KeepAlive)
                {
                    Close();
                }

                return new LoadResponse(response.Status, response.ETag, response.WireBytes, bytes.Length, response.BodyLength, response.HeadBytes, null,
                    keepBody ? reader.Body : default, response.Truncated);
            }
            catch (Exception e) when (e is ConnectionClosedException or SocketException or IOException or ObjectDisposedException or MalformedResponseException)
            {
                Close();
                if (cancellationToken.IsCancellationRequested)
                {
                    Volatile.Write(ref deadline, 0);
                    throw new OperationCanceledException(cancellationToken);
                }

                if (Volatile.Read(ref deadline) == Expired)
                {
                    Volatile.Write(ref deadline, 0);
                    return LoadResponse.Failed(TimeoutText(timeout), bytes.Length);
                }

                var beforeAnyByte = e is ConnectionClosedException { BeforeAnyByte: true } || (e is SocketException or IOException or ObjectDisposedException && !reader.ReceivedAny);
                if (reused && beforeAnyByte && retryable && attempt == 0)
                {
                    continue;
                }

                Volatile.Write(ref deadline, 0);
                return LoadResponse.Failed(e is MalformedResponseException ? $"malformed response: {e.Message}" : Describe(e, url, reused && beforeAnyByte && !retryable), bytes.Length);
            }
        }
    }

    public void Dispose()
    {
        RawDeadlines.Forget(this);
        registration.Dispose();
        Close();
        reader.Dispose();
    }

    /// <summary>Called by <see cref="RawDeadlines"/>: closes the connection of a request past its deadline (and keeps
    /// closing what it opens until that request ends).</summary>
    internal void ExpireIfLate(long now)
    {
        var open = Volatile.Read(ref channel);
        var due = Volatile.Read(ref deadline);
        if (due == Expired || (due > 0 && now > due && Interlocked.CompareExchange(ref deadline, Expired, due) == due))
        {
            open?.Dispose();
        }
    }

    /// <summary>Registers the caller's token once (not per request): its cancellation closes the connection.</summary>
    private void Follow(CancellationToken cancellationToken)
    {
        if (cancellationToken == watchedToken)
        {
            return;
        }

        registration.Dispose();
        watchedToken = cancellationToken;
        registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static state => Volatile.Read(ref ((RawHttpConnection)state!).channel)?.Dispose(), this)
            : default;
    }

    /// <summary>Opens a connection to the URL's origin unless one is open; true when an open one is reused.</summary>
    private async ValueTask<bool> OpenAsync(Uri url, TimeSpan timeLeft, CancellationToken cancellationToken)
    {
        if (channel is not null && (ReferenceEquals(url, originUrl) || string.Equals(origin, RawRequest.HostField(url), StringComparison.Ordinal)))
        {
            originUrl = url;
            return true;
        }

        Close();
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeLeft > TimeSpan.Zero ? timeLeft : TimeSpan.FromTicks(1));
        var opened = await connect(url, bound.Token).ConfigureAwait(false);
        Volatile.Write(ref channel, opened);
        (origin, originUrl) = (RawRequest.HostField(url), url);
        Connections++;
        reader.Attach(opened);
        return false;
    }

    private void Close()
    {
        Interlocked.Exchange(ref channel, null)?.Dispose();
        (origin, originUrl) = (null, null);
    }

    private async ValueTask<IByteChannel> ConnectSocketAsync(Uri url, CancellationToken cancellationToken)
    {
        var host = url.DnsSafeHost;
        if (resolved is not { } known || known.Host != host)
        {
            var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            resolved = known = (host, addresses);
        }

        return await SocketChannel.ConnectAsync(known.Addresses, url.Port, cancellationToken).ConfigureAwait(false);
    }

    private static string TimeoutText(TimeSpan timeout) =>
        string.Create(CultureInfo.InvariantCulture, $"no complete response within {timeout.TotalSeconds:0.#} s");

    private static string Describe(Exception e, Uri url, bool notRetried)
    {
        var where = RawRequest.HostField(url);
        var text = e is ConnectionClosedException ? e.Message : $"the connection to {where} failed: {e.Message}";
        return notRetried ? $"{text} (the keep-alive connection was closed before any answer; not retried, since the request may have been applied)" : text;
    }
}
