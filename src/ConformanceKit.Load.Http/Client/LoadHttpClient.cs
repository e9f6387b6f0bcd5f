using System.Net;
using ConformanceKit.Http;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// One virtual user's HTTP client for load: one keep-alive connection of its own to the target, no redirects, cookies
/// or decompression, the target's extra headers on every request, and a per-request timeout. Lighter than
/// <see cref="NamedClient"/>: nothing is recorded but what a load step needs (status, ETag, byte counts, and the body
/// only when asked for, in a buffer reused by the next request). Failures (timeout, reset, refused, a malformed
/// response) come back as a response with an <see cref="LoadResponse.Error"/> (redacted), never as an exception; the
/// run's cancellation is thrown, so the engine counts the iteration as interrupted. One request at a time.
/// <para>
/// Two transports (<see cref="LoadHttpSettings.Transport"/>): for plain http, by default, the raw HTTP/1.1 client
/// (<see cref="RawHttpConnection"/>: a socket, request bytes built once per step, exact byte counts); otherwise a
/// <see cref="SocketsHttpHandler"/> with one connection (byte counts of the head estimated as HTTP/1.1 would write it).
/// </para>
/// </summary>
public sealed class LoadHttpClient : IDisposable
{
    private const int ScratchBytes = 16 * 1024;

    private readonly HttpMessageInvoker? invoker;
    private readonly RawHttpConnection? raw;
    private readonly KeyValuePair<string, string>[] headers;
    private readonly int requestHeaderBytes;
    private readonly LoadHttpSettings settings;
    private readonly Redactor redactor;
    private readonly string contentType;
    private readonly byte[] scratch = new byte[ScratchBytes];
    private byte[] buffer = new byte[ScratchBytes];
    private CancellationTokenSource? timer;
    private CancellationToken timerFor;
    private Uri? lastUrl;
    private int lastRequestLine;

    public LoadHttpClient(TargetSession session, LoadHttpSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        this.settings = settings ?? new LoadHttpSettings();
        redactor = session.Redactor;
        contentType = session.Target.Resource.ContentType;
        headers = [.. session.Target.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))];
        requestHeaderBytes = headers.Sum(h => h.Key.Length + h.Value.Length + 4);
        Transport = Choose(this.settings.Transport, session.BaseAddress);
        if (Transport == LoadTransport.Raw)
        {
            raw = new RawHttpConnection(headers, this.settings.MaxBodyBytes, redactor.RedactText);
            return;
        }

        invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = this.settings.RequestTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        }, disposeHandler: true);
    }

    /// <summary>The transport in use: <see cref="LoadTransport.Raw"/> or <see cref="LoadTransport.HttpClient"/>.</summary>
    public LoadTransport Transport { get; }

    /// <summary>Connections the raw transport has opened (0 for HttpClient, which does not say).</summary>
    public long Connections => raw?.Connections ?? 0;

    /// <summary>What <paramref name="transport"/> means for a target at <paramref name="baseAddress"/>: Auto is Raw
    /// for plain http and HttpClient otherwise.</summary>
    /// <exception cref="ArgumentException">Raw for a target that is not plain http.</exception>
    public static LoadTransport Choose(LoadTransport transport, Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var plain = baseAddress.Scheme == Uri.UriSchemeHttp;
        return transport switch
        {
            LoadTransport.Auto => plain ? LoadTransport.Raw : LoadTransport.HttpClient,
            LoadTransport.Raw when !plain => throw new ArgumentException($"the raw transport speaks plain http only, and {baseAddress.Scheme} was asked for; use LoadTransport.HttpClient", nameof(transport)),
            _ => transport,
        };
    }

    /// <summary>GET <paramref name="url"/>, with <c>If-None-Match</c> when <paramref name="ifNoneMatch"/> is given.</summary>
    public ValueTask<LoadResponse> GetAsync(Uri url, string? ifNoneMatch, bool keepBody, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, url, ifNoneMatch is null ? null : "If-None-Match", ifNoneMatch, default, keepBody, cancellationToken);

    /// <summary>PUT <paramref name="body"/> (the target's content type) to <paramref name="url"/>, with <c>If-Match</c>
    /// when <paramref name="ifMatch"/> is given. <paramref name="body"/> must stay unchanged until this returns.</summary>
    public ValueTask<LoadResponse> PutAsync(Uri url, string? ifMatch, ArraySegment<byte> body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, url, ifMatch is null ? null : "If-Match", ifMatch, body, keepBody: false, cancellationToken);

    public ValueTask<LoadResponse> DeleteAsync(Uri url, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, url, null, null, default, keepBody: false, cancellationToken);

    /// <summary>Sends one request and reads the whole response: the body is counted, and kept (at most
    /// <see cref="LoadHttpSettings.MaxBodyBytes"/>) only when <paramref name="keepBody"/>.</summary>
    public ValueTask<LoadResponse> SendAsync(HttpMethod method, Uri url, string? conditionName, string? conditionValue, ArraySegment<byte> body,
        bool keepBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        return raw is not null
            ? raw.SendAsync(method.Method, url, conditionName, conditionValue, body, body.Array is null ? null : contentType, keepBody, settings.RequestTimeout, cancellationToken)
            : SendWithHandlerAsync(invoker!, method, url, conditionName, conditionValue, body, keepBody, cancellationToken);
    }

    public void Dispose()
    {
        timer?.Dispose();
        invoker?.Dispose();
        raw?.Dispose();
    }

    private async ValueTask<LoadResponse> SendWithHandlerAsync(HttpMessageInvoker handler, HttpMethod method, Uri url, string? conditionName, string? conditionValue,
        ArraySegment<byte> body, bool keepBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!ReferenceEquals(url, lastUrl))
        {
            (lastUrl, lastRequestLine) = (url, WireSize.RequestLine(HttpMethod.Get, url) - 3);
        }

        var bytesOut = lastRequestLine + method.Method.Length + requestHeaderBytes + 2;
        if (conditionName is not null && conditionValue is not null)
        {
            request.Headers.TryAddWithoutValidation(conditionName, conditionValue);
            bytesOut += conditionName.Length + conditionValue.Length + 4;
        }

        if (body.Array is not null)
        {
            request.Content = new ByteArrayContent(body.Array, body.Offset, body.Count);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            bytesOut += "Content-Type".Length + contentType.Length + 4 + WireSize.ContentLengthLine(body.Count) + body.Count;
        }

        var token = Arm(cancellationToken);
        try
        {
            using var response = await handler.SendAsync(request, token).ConfigureAwait(false);
            var headerBytes = WireSize.ResponseHead(response);
            var (bodyBytes, kept) = await ReadBodyAsync(response, keepBody, token).ConfigureAwait(false);
            var etag = response.Headers.NonValidated.TryGetValues("ETag", out var values) && values.Count == 1 ? values.ToString() : null;
            Disarm();
            return new LoadResponse((int)response.StatusCode, etag, headerBytes + bodyBytes, bytesOut, bodyBytes, headerBytes, null,
                keepBody ? new ReadOnlyMemory<byte>(buffer, 0, kept) : default, kept < bodyBytes);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Drop();
            throw;
        }
        catch (OperationCanceledException)
        {
            Drop();
            return LoadResponse.Failed($"no complete response within {settings.RequestTimeout.TotalSeconds:0.#} s", bytesOut);
        }
        catch (HttpRequestException e)
        {
            Drop();
            return LoadResponse.Failed(redactor.RedactText(Describe(e)), bytesOut);
        }
        catch (IOException e)
        {
            Drop();
            return LoadResponse.Failed(redactor.RedactText($"connection failed while reading the response: {e.Message}"), bytesOut);
        }
    }

    /// <summary>The request's token: the caller's, with this client's timeout. The linked source is made once per caller
    /// token and reset after each request, so a request allocates none.</summary>
    private CancellationToken Arm(CancellationToken cancellationToken)
    {
        if (timer is null || timerFor != cancellationToken)
        {
            timer?.Dispose();
            timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timerFor = cancellationToken;
        }

        timer.CancelAfter(settings.RequestTimeout);
        return timer.Token;
    }

    private void Disarm()
    {
        if (timer is not null && !timer.TryReset())
        {
            Drop();
        }
    }

    private void Drop()
    {
        timer?.Dispose();
        timer = null;
    }

    private async ValueTask<(long Total, int Kept)> ReadBodyAsync(HttpResponseMessage response, bool keep, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            long total = 0;
            var kept = 0;
            while (true)
            {
                if (keep && kept == buffer.Length && buffer.Length < settings.MaxBodyBytes)
                {
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, settings.MaxBodyBytes));
                }

                var into = keep && kept < buffer.Length ? buffer.AsMemory(kept) : scratch.AsMemory();
                var read = await stream.ReadAsync(into, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return (total, kept);
                }

                total += read;
                if (keep && kept < buffer.Length)
                {
                    kept += read;
                }
            }
        }
    }

    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        return inner is null || e.Message.Contains(inner, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner})";
    }
}
