using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace ConformanceKit.Http;

/// <summary>
/// One named scenario client (A, B, ...) with its own connection: a handler of its own, one connection per
/// server, no redirects, no cookies, no automatic decompression, so the harness sees what the server sent.
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
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = settings.RequestTimeout,
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public string Name { get; }

    public async Task<Exchange> SendAsync(int step, HttpMethod method, Uri url, IReadOnlyList<HeaderLine> headers, string? body, string? contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var request = new HttpRequestMessage(method, url);
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
            var recorded = new RecordedResponse((int)response.StatusCode, _redactor.RedactText(response.ReasonPhrase ?? string.Empty), $"HTTP/{response.Version}", responseHeaders, _redactor.RedactText(text), length, truncated);
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

    private async Task<(string Text, long Length, bool Truncated)> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new byte[_settings.MaxBodyBytes + 1];
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        var truncated = total > _settings.MaxBodyBytes;
        var kept = Math.Min(total, _settings.MaxBodyBytes);
        return (Encoding.UTF8.GetString(buffer, 0, kept), total, truncated);
    }

    private static string Describe(HttpRequestException e)
    {
        var inner = e.InnerException?.Message;
        return inner is null || e.Message.Contains(inner, StringComparison.Ordinal) ? e.Message : $"{e.Message} ({inner})";
    }
}
