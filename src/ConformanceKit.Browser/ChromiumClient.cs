using System.Globalization;
using System.Text;
using System.Text.Json;
using ConformanceKit.Http;
using Microsoft.Playwright;

namespace ConformanceKit.Browser;

/// <summary>
/// One scenario client in its own Chromium browser context. A page client navigates and reloads; its step is judged
/// on the document's answer as it came over the wire, and on the text the page shows. A script client first opens
/// the harness's own page (another loopback origin) and runs <c>fetch()</c> from it; its step is judged on what the
/// script could read. Either way every request the browser sent for the step is evidence, as on the wire.
/// </summary>
internal sealed class ChromiumClient(ChromiumBrowsers owner, IBrowserContext context, IPage page, ICDPSession cdp, NetworkLog log, BrowserClientOptions options) : IBrowserClient
{
    // What the page shows: a text or JSON document is a <pre> in the body (beside Chromium's JSON viewer controls).
    private const string PageTextScript = "() => { const b = document.body; if (!b) { return document.documentElement ? document.documentElement.textContent : ''; } const pre = b.querySelector(':scope > pre'); return pre ? pre.textContent : b.innerText; }";

    private const string FetchScript = """
        async ([url, method, headers, body, timeout]) => {
          try {
            const init = { method, headers, mode: 'cors', signal: AbortSignal.timeout(timeout) };
            if (body !== null) { init.body = body; }
            const response = await fetch(url, init);
            const text = await response.text();
            return { ok: true, status: response.status, statusText: response.statusText, headers: [...response.headers], body: text };
          } catch (e) {
            return { ok: false, error: String(e) };
          }
        }
        """;

    private bool headersSet;
    private Uri? scriptOrigin;

    public Task<BrowserObservation> NavigateAsync(int stepNumber, Uri url, CancellationToken cancellationToken) =>
        OffContext.Run(() => NavigateCoreAsync(stepNumber, url, cancellationToken), cancellationToken);

    private async Task<BrowserObservation> NavigateCoreAsync(int stepNumber, Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        return await DocumentStepAsync(stepNumber, "navigate", async () =>
        {
            if (!headersSet && options.Headers.Count > 0)
            {
                await page.SetExtraHTTPHeadersAsync(options.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))).ConfigureAwait(false);
            }

            headersSet = true;
            await page.GotoAsync(url.AbsoluteUri).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    public Task<BrowserObservation> ReloadAsync(int stepNumber, CancellationToken cancellationToken) =>
        OffContext.Run(() => DocumentStepAsync(stepNumber, "reload", () => page.ReloadAsync(), cancellationToken), cancellationToken);

    public Task<BrowserObservation> FetchAsync(int stepNumber, ScriptRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return OffContext.Run(() => FetchCoreAsync(stepNumber, request, cancellationToken), cancellationToken);
    }

    private async Task<BrowserObservation> FetchCoreAsync(int stepNumber, ScriptRequest request, CancellationToken cancellationToken)
    {
        await owner.Actions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (scriptOrigin is null)
            {
                var address = await owner.ScriptPageAsync(cancellationToken).ConfigureAwait(false);
                await page.GotoAsync(address.AbsoluteUri).ConfigureAwait(false);
                scriptOrigin = address;
            }

            var mark = log.Mark();
            var headers = request.Headers.Select(h => new[] { h.Name, h.Value }).ToArray();
            var outcome = await page.EvaluateAsync<JsonElement>(FetchScript, new object?[] { request.Url.AbsoluteUri, request.Method, headers, request.Body, (int)options.Timeout.TotalMilliseconds })
                .WaitAsync(options.Timeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            var url = request.Url.AbsoluteUri;
            var records = await log.SettleAsync(mark, r => r.Url == url && r.Type is "Fetch" or "Preflight", cancellationToken, PreflightIn).ConfigureAwait(false);
            var exchanges = await ExchangesAsync(stepNumber, records).ConfigureAwait(false);
            var preflight = records.LastOrDefault(r => r.Type == "Preflight");
            var actual = records.LastOrDefault(r => r.Type == "Fetch");
            var sent = actual is { SentHeaders: not null } ? Request(actual) : null;
            var summary = preflight is null && actual?.SentHeaders is not null ? null : Summary(request.Method, preflight, actual);
            if (outcome.GetProperty("ok").GetBoolean())
            {
                var readable = outcome.GetProperty("headers").EnumerateArray().Select(pair => new HeaderLine(pair[0].GetString()!, pair[1].GetString() ?? string.Empty)).ToList();
                var (body, length, truncated) = Cap(outcome.GetProperty("body").GetString() ?? string.Empty);
                var seen = new RecordedResponse(outcome.GetProperty("status").GetInt32(), outcome.GetProperty("statusText").GetString() ?? string.Empty, actual?.WireVersion ?? "HTTP/1.1", readable.Select(options.Redactor.Redact).ToList(), options.Redactor.RedactText(body), length, truncated);
                return new BrowserObservation(seen, sent, null, exchanges, null)
                {
                    Hidden = CorsDiagnosis.Hidden(actual?.WireHeaders ?? [], readable.Select(h => h.Name).ToList()),
                    Summary = summary is null ? null : $"{summary}; the script read {seen.Status.ToString(CultureInfo.InvariantCulture)}",
                };
            }

            var error = outcome.GetProperty("error").GetString() ?? "fetch failed";
            if (actual is not null && CorsDiagnosis.Blocked(actual, preflight) is { } blocked)
            {
                var nothing = new RecordedResponse(0, "blocked by the browser", string.Empty, [], string.Empty, 0, false);
                return new BrowserObservation(nothing, sent, null, exchanges, null) { Blocked = blocked, Summary = $"{summary}; the browser kept the answer from the script" };
            }

            var why = actual?.Failure is { } failure ? $"{error} ({failure})" : error;
            return BrowserObservation.Failed($"the script's fetch() failed: {options.Redactor.RedactText(why)}", exchanges);
        }
        catch (PlaywrightException e)
        {
            return BrowserObservation.Failed($"the browser failed: {options.Redactor.RedactText(ChromiumBrowsers.FirstLine(e.Message))}", []);
        }
        catch (TimeoutException)
        {
            return BrowserObservation.Failed($"the script's fetch() did not end within {options.Timeout.TotalSeconds:0.#} s", []);
        }
        finally
        {
            owner.Actions.Release();
        }
    }

    /// <summary>Whether the records hold what the diagnosis needs: a request the browser blocked because of its
    /// preflight's answer comes with that preflight (its events can trail the request's failure).</summary>
    private static bool PreflightIn(IReadOnlyList<NetworkRecord> records) =>
        records.LastOrDefault(r => r.Type == "Fetch") is not { CorsError: { } error }
        || !error.Contains("Preflight", StringComparison.Ordinal)
        || records.Any(r => r.Type == "Preflight" && r.WireHeaders is not null);

    public async ValueTask DisposeAsync() => await OffContext.Run(DisposeCoreAsync, CancellationToken.None).ConfigureAwait(false);

    private async Task DisposeCoreAsync()
    {
        try
        {
            await cdp.DetachAsync().ConfigureAwait(false);
            await context.CloseAsync().ConfigureAwait(false);
        }
        catch (PlaywrightException)
        {
            // The browser is already gone (the run is ending): nothing is left to close.
        }
    }

    private async Task<BrowserObservation> DocumentStepAsync(int stepNumber, string action, Func<Task> act, CancellationToken cancellationToken)
    {
        await owner.Actions.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var mark = log.Mark();
            try
            {
                await act().WaitAsync(options.Timeout + TimeSpan.FromSeconds(5), cancellationToken).ConfigureAwait(false);
            }
            catch (PlaywrightException e)
            {
                var failed = await log.SettleAsync(mark, r => r.Type == "Document", cancellationToken).ConfigureAwait(false);
                return BrowserObservation.Failed($"the browser's {action} failed: {options.Redactor.RedactText(ChromiumBrowsers.FirstLine(e.Message))}", await ExchangesAsync(stepNumber, failed).ConfigureAwait(false));
            }

            var records = await log.SettleAsync(mark, r => r.Type == "Document", cancellationToken).ConfigureAwait(false);
            var exchanges = await ExchangesAsync(stepNumber, records).ConfigureAwait(false);
            if (records.Count == 0 || records[^1] is not { } main)
            {
                return BrowserObservation.Failed($"the browser's {action} sent no request for the page", exchanges);
            }

            var shown = await page.EvaluateAsync<string>(PageTextScript).ConfigureAwait(false);
            var response = exchanges[^1].Response;
            if (response is null)
            {
                return BrowserObservation.Failed($"the browser's {action} got no answer: {main.Failure ?? "unknown"}", exchanges);
            }

            var sent = main.SentHeaders is null ? null : Request(main);
            var validators = sent?.Headers.Where(h => h.Name.StartsWith("If-", StringComparison.OrdinalIgnoreCase)).Select(h => h.Name).ToList() ?? [];
            var summary = sent is null
                ? $"the browser's {action} took the page from its cache and sent nothing"
                : validators.Count == 0 ? null : $"the browser's {action} sent {string.Join(" and ", validators)}; the server answered {response.Status.ToString(CultureInfo.InvariantCulture)}";
            return new BrowserObservation(response, sent, options.Redactor.RedactText(shown ?? string.Empty), exchanges, null) { Summary = summary };
        }
        catch (PlaywrightException e)
        {
            return BrowserObservation.Failed($"the browser failed: {options.Redactor.RedactText(ChromiumBrowsers.FirstLine(e.Message))}", []);
        }
        catch (TimeoutException)
        {
            return BrowserObservation.Failed($"the browser's {action} did not end within {options.Timeout.TotalSeconds:0.#} s", []);
        }
        finally
        {
            owner.Actions.Release();
        }
    }

    private static string Summary(string method, NetworkRecord? preflight, NetworkRecord? actual)
    {
        var parts = new List<string>();
        if (preflight is not null)
        {
            parts.Add($"preflight OPTIONS answered {preflight.WireStatus?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
        }

        parts.Add(actual?.SentHeaders is null
            ? $"the browser did not send the {method}"
            : $"{method} answered {actual.WireStatus?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
        return string.Join(", ", parts);
    }

    private RecordedRequest Request(NetworkRecord record) =>
        new(record.Method, options.Redactor.RedactUrl(new Uri(record.Url!)), (record.SentHeaders ?? record.AskedHeaders).Select(options.Redactor.Redact).ToList(), record.PostData is null ? null : options.Redactor.RedactText(record.PostData));

    /// <summary>The records as evidence: each request as sent (or as asked for, when the browser never sent it) and
    /// its answer as it came over the wire, with its content for a 2xx (a 304 carries none).</summary>
    private async Task<List<Exchange>> ExchangesAsync(int stepNumber, IReadOnlyList<NetworkRecord> records)
    {
        var exchanges = new List<Exchange>();
        // A preflight goes out before the request it asks for, though the page announces the request first.
        foreach (var record in records.OrderBy(r => r.Type == "Preflight" ? 0 : 1))
        {
            RecordedResponse? response = null;
            string? error = null;
            if (record.WireStatus is { } status)
            {
                var body = status is >= 200 and < 300 && record.Method != "HEAD" && record.Type != "Preflight" ? await BodyAsync(record).ConfigureAwait(false) : string.Empty;
                var (text, length, truncated) = Cap(body);
                response = new RecordedResponse(status, record.WireReason, record.WireVersion, (record.WireHeaders ?? []).Select(options.Redactor.Redact).ToList(), options.Redactor.RedactText(text), length, truncated);
            }
            else if (record.FromCache && record.PageStatus is { } cached)
            {
                response = new RecordedResponse(cached, "(from the browser's cache; not sent)", string.Empty, (record.PageHeaders ?? []).Select(options.Redactor.Redact).ToList(), string.Empty, 0, false);
            }
            else
            {
                error = record.SentHeaders is null
                    ? $"not sent: the browser {(record.CorsError is { } cors ? $"blocked it ({cors}{(record.CorsParameter is { } p ? $": {p}" : string.Empty)})" : $"stopped it ({record.Failure ?? "no answer"})")}"
                    : $"no answer: {record.Failure ?? "none came"}";
            }

            exchanges.Add(new Exchange(options.Name, stepNumber, Request(record), response, error is null ? null : options.Redactor.RedactText(error), record.StartedAt, record.Duration));
        }

        return exchanges;
    }

    private async Task<string> BodyAsync(NetworkRecord record)
    {
        try
        {
            var result = await cdp.SendAsync("Network.getResponseBody", new Dictionary<string, object> { ["requestId"] = record.Id }).ConfigureAwait(false);
            if (result is not { } value || !value.TryGetProperty("body", out var body))
            {
                return string.Empty;
            }

            var text = body.GetString() ?? string.Empty;
            return value.TryGetProperty("base64Encoded", out var encoded) && encoded.GetBoolean()
                ? Encoding.UTF8.GetString(Convert.FromBase64String(text))
                : text;
        }
        catch (PlaywrightException)
        {
            return string.Empty; // the body is gone from the browser's buffers; the evidence shows the fields only
        }
    }

    private (string Text, long Length, bool Truncated) Cap(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        return length <= options.MaxBodyBytes ? (text, length, false) : (text[..Math.Min(text.Length, options.MaxBodyBytes)], length, true);
    }
}
