using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace ConformanceKit.Http;

/// <summary>
/// One named scenario client (A, B, ...) with its own connection: a handler of its own, one connection per
/// server, no cookies, no automatic decompression, so the harness sees what the server sent; no redirects
/// unless the target allows them; the HTTP version and TLS trust of <see cref="ClientSettings"/>.
/// Every send becomes an <see cref="Exchange"/>; failures (timeout, reset, garbage) are recorded, not thrown.
/// </summary>
public sealed class NamedClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly IReadOnlyList<HeaderLine> _defaultHeaders;
    private readonly Redactor _redactor;
    private readonly ClientSettings _settings;
    private readonly TimeProvider _time;

    public NamedClient(string name, IReadOnlyList<HeaderLine> defaultHeaders, Redactor redactor, ClientSettings settings, TimeProvider time)
    {
        Name = name;
        _defaultHeaders = defaultHeaders;
        _redactor = redactor;
        _settings = settings;
        _time = time;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            AllowAutoRedirect = settings.FollowRedirects,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = settings.RequestTimeout,
        };
        if (settings.FollowRedirects)
        {
            handler.MaxAutomaticRedirections = ClientSettings.MaxRedirects;
        }

        if (settings.InsecureTls || settings.TrustedCertificates is { Count: > 0 })
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => TlsTrust.Accepts(settings, certificate, chain, errors);
        }

        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name { get; }

    public async Task<Exchange> SendAsync(int step, HttpMethod method, Uri url, IReadOnlyList<HeaderLine> headers, string? body, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(method, url)
        {
            Version = _settings.HttpVersion,
            VersionPolicy = _settings.HttpVersion.Major >= 2 ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
        var sent = new List<HeaderLine> { new("Host", url.Authority) };
        foreach (var header in _defaultHeaders.Concat(headers))
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
            sent.Add(header);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                sent.Add(new HeaderLine("Content-Type", contentType));
            }
        }

        var recordedRequest = new RecordedRequest(method.Method, _redactor.RedactUrl(url), sent.Select(_redactor.Redact).ToList(), body is null ? null : _redactor.RedactText(body));
        var startedAt = _time.GetUtcNow();
        var stopwatch = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var (text, length, truncated) = await ReadBodyAsync(response, timeout.Token).ConfigureAwait(false);
            var responseHeaders = response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated)
                .SelectMany(h => h.Value.Select(v => new HeaderLine(h.Key, v)))
                .Select(_redactor.Redact)
                .ToList();
            var answeredBy = response.RequestMessage?.RequestUri;
            var recorded = new RecordedResponse((int)response.StatusCode, _redactor.RedactText(response.ReasonPhrase ?? string.Empty), $"HTTP/{response.Version}", responseHeaders, _redactor.RedactText(text), length, truncated)
            {
                RedirectedTo = answeredBy is not null && answeredBy != url ? _redactor.RedactUrl(answeredBy) : null,
            };
            return new Exchange(Name, step, recordedRequest, recorded, null, startedAt, stopwatch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"no complete response within {_settings.RequestTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return Failed(Describe(e));
        }
        catch (IOException e)
        {
            return Failed($"connection failed while reading the response: {e.Message}");
        }

        // An error text may quote the URL, and so a secret in it.
        Exchange Failed(string error) => new(Name, step, recordedRequest, null, _redactor.RedactText(error), startedAt, stopwatch.Elapsed);
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Reads at most <see cref="ClientSettings.MaxBodyBytes"/> + 1 bytes (the one more tells a body that is
    /// too long), into a buffer that grows with what arrives: a 100 MB body costs the cap, not 100 MB, and a small
    /// one costs little.</summary>
    private async Task<(string Text, long Length, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var limit = _settings.MaxBodyBytes + 1L;
        using var kept = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (kept.Length < limit)
            {
                var want = (int)Math.Min(chunk.Length, limit - kept.Length);
                var read = await stream.ReadAsync(chunk.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                kept.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }

        var total = kept.Length;
        var truncated = total > _settings.MaxBodyBytes;
        var shown = (int)Math.Min(total, _settings.MaxBodyBytes);
        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, shown), total, truncated);
    }

    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        var text = inner is null || e.Message.Contains(inner, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner})";
        return e.InnerException is System.Security.Authentication.AuthenticationException
            ? text + "; for a private CA set the target's tls.caFile, for a test server tls.insecure"
            : text;
    }
}
