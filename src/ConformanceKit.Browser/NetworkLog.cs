using System.Globalization;
using System.Text.Json;
using ConformanceKit.Http;
using Microsoft.Playwright;

namespace ConformanceKit.Browser;

/// <summary>
/// Every request a page's browser context makes, as the Chrome DevTools Protocol's Network domain reports it: the
/// fields actually sent (the HTTP cache's If-None-Match and If-Modified-Since included, which Playwright's own
/// request events do not show), the status and fields that came over the wire (a revalidation's 304, which
/// Playwright reports as the 200 it stands for), CORS preflights, and why the browser blocked a request. Events
/// arrive on Playwright's dispatcher, in any order per request; everything here is under one lock.
/// </summary>
internal sealed class NetworkLog
{
    private static readonly TimeSpan SettleBound = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(20);

    private readonly Lock gate = new();
    private readonly Dictionary<string, NetworkRecord> byId = new(StringComparer.Ordinal);
    private readonly List<NetworkRecord> inOrder = [];

    public static async Task<NetworkLog> AttachAsync(ICDPSession cdp)
    {
        var log = new NetworkLog();
        cdp.Event("Network.requestWillBeSent").OnEvent += (_, e) => log.On(e, static (r, p) => r.WillBeSent(p));
        cdp.Event("Network.requestWillBeSentExtraInfo").OnEvent += (_, e) => log.On(e, static (r, p) => r.SentExtraInfo(p));
        cdp.Event("Network.responseReceived").OnEvent += (_, e) => log.On(e, static (r, p) => r.Received(p));
        cdp.Event("Network.responseReceivedExtraInfo").OnEvent += (_, e) => log.On(e, static (r, p) => r.ReceivedExtraInfo(p));
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) => log.On(e, static (r, p) => r.Finish(p, failure: null));
        cdp.Event("Network.loadingFailed").OnEvent += (_, e) => log.On(e, static (r, p) => r.Finish(p, p.TryGetProperty("errorText", out var t) ? t.GetString() ?? "failed" : "failed"));
        await cdp.SendAsync("Network.enable").ConfigureAwait(false);
        return log;
    }

    /// <summary>Where the next request will stand: what a step sends comes after it.</summary>
    public int Mark()
    {
        lock (gate)
        {
            return inOrder.Count;
        }
    }

    /// <summary>The requests since <paramref name="mark"/> that <paramref name="wanted"/> selects, once each has
    /// finished and its wire details have come in, and <paramref name="complete"/> (when given) holds of them: a
    /// request's events may come in after another's that followed it (a preflight's after its request failed). At
    /// most a few seconds: events trail the page's own promise.</summary>
    public async Task<IReadOnlyList<NetworkRecord>> SettleAsync(int mark, Func<NetworkRecord, bool> wanted, CancellationToken cancellationToken,
        Func<IReadOnlyList<NetworkRecord>, bool>? complete = null)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            List<NetworkRecord> selected;
            bool settled;
            lock (gate)
            {
                selected = inOrder.Skip(mark).Where(r => r.Url is not null && wanted(r)).ToList();
                settled = selected.All(r => r.IsSettled) && (complete is null || complete(selected));
            }

            if (settled || DateTime.UtcNow - started > SettleBound)
            {
                return selected;
            }

            await Task.Delay(SettlePoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private void On(JsonElement? payload, Action<NetworkRecord, JsonElement> apply)
    {
        if (payload is not { } p || !p.TryGetProperty("requestId", out var idElement) || idElement.GetString() is not { } id)
        {
            return;
        }

        lock (gate)
        {
            if (!byId.TryGetValue(id, out var record))
            {
                record = new NetworkRecord(id);
                byId.Add(id, record);
                inOrder.Add(record);
            }

            apply(record, p);
        }
    }
}

/// <summary>One request of the browser's, assembled from its DevTools events (read under the log's lock).</summary>
internal sealed class NetworkRecord(string id)
{
    public string Id { get; } = id;

    public string? Url { get; private set; }

    public string Method { get; private set; } = "GET";

    /// <summary>DevTools' resource type: Document, Fetch, Preflight, Other...</summary>
    public string Type { get; private set; } = "Other";

    public string? PostData { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    private double startTimestamp;
    private double? endTimestamp;

    /// <summary>The fields as sent over the wire; null when the request never went out.</summary>
    public IReadOnlyList<HeaderLine>? SentHeaders { get; private set; }

    /// <summary>The fields the page asked for (before the network stack added its own).</summary>
    public IReadOnlyList<HeaderLine> AskedHeaders { get; private set; } = [];

    public int? WireStatus { get; private set; }

    public string WireReason { get; private set; } = string.Empty;

    public string WireVersion { get; private set; } = "HTTP/1.1";

    public IReadOnlyList<HeaderLine>? WireHeaders { get; private set; }

    /// <summary>The response the page was given (for a revalidation: the stored one, status 200).</summary>
    public int? PageStatus { get; private set; }

    public IReadOnlyList<HeaderLine>? PageHeaders { get; private set; }

    public bool FromCache { get; private set; }

    public bool Finished { get; private set; }

    public string? Failure { get; private set; }

    public string? CorsError { get; private set; }

    public string? CorsParameter { get; private set; }

    private bool expectResponseExtraInfo;

    public TimeSpan Duration => endTimestamp is { } end && end >= startTimestamp ? TimeSpan.FromSeconds(end - startTimestamp) : TimeSpan.Zero;

    /// <summary>Finished, and its wire answer in when one came over the network.</summary>
    public bool IsSettled => Finished && (!expectResponseExtraInfo || WireStatus is not null);

    public void WillBeSent(JsonElement p)
    {
        if (p.TryGetProperty("type", out var type) && type.GetString() is { } t)
        {
            Type = t;
        }

        var request = p.GetProperty("request");
        Url = request.GetProperty("url").GetString();
        Method = request.GetProperty("method").GetString() ?? "GET";
        AskedHeaders = Fields(request.GetProperty("headers"));
        PostData = request.TryGetProperty("postData", out var post) ? post.GetString() : null;
        startTimestamp = p.TryGetProperty("timestamp", out var ts) ? ts.GetDouble() : 0;
        StartedAt = p.TryGetProperty("wallTime", out var wall)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(wall.GetDouble() * 1000))
            : DateTimeOffset.UtcNow;
    }

    public void SentExtraInfo(JsonElement p) => SentHeaders = Fields(p.GetProperty("headers"));

    public void Received(JsonElement p)
    {
        if (p.TryGetProperty("type", out var type) && type.GetString() is { } t)
        {
            Type = t;
        }

        var response = p.GetProperty("response");
        PageStatus = response.GetProperty("status").GetInt32();
        PageHeaders = Fields(response.GetProperty("headers"));
        FromCache = (response.TryGetProperty("fromDiskCache", out var disk) && disk.GetBoolean())
            || (response.TryGetProperty("fromPrefetchCache", out var prefetch) && prefetch.GetBoolean());
        expectResponseExtraInfo = p.TryGetProperty("hasExtraInfo", out var extra) && extra.GetBoolean();
    }

    public void ReceivedExtraInfo(JsonElement p)
    {
        WireStatus = p.GetProperty("statusCode").GetInt32();
        if (p.TryGetProperty("headersText", out var text) && text.GetString() is { Length: > 0 } raw)
        {
            var lines = raw.Split("\r\n");
            var statusLine = lines[0].Split(' ', 3);
            WireVersion = statusLine[0];
            WireReason = statusLine.Length > 2 ? statusLine[2] : string.Empty;
            WireHeaders = lines.Skip(1).Where(l => l.Length > 0 && l.Contains(':', StringComparison.Ordinal))
                .Select(l => new HeaderLine(l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .ToList();
        }
        else
        {
            WireHeaders = Fields(p.GetProperty("headers"));
        }
    }

    public void Finish(JsonElement p, string? failure)
    {
        Finished = true;
        Failure = failure;
        endTimestamp = p.TryGetProperty("timestamp", out var ts) ? ts.GetDouble() : null;
        if (p.TryGetProperty("corsErrorStatus", out var cors))
        {
            CorsError = cors.TryGetProperty("corsError", out var error) ? error.GetString() : null;
            CorsParameter = cors.TryGetProperty("failedParameter", out var parameter) && parameter.GetString() is { Length: > 0 } value ? value : null;
        }
    }

    /// <summary>A DevTools header object; a field sent more than once is one member with its lines joined by a line feed.</summary>
    private static List<HeaderLine> Fields(JsonElement headers) =>
        headers.ValueKind != JsonValueKind.Object
            ? []
            : headers.EnumerateObject().SelectMany(h => (h.Value.GetString() ?? string.Empty).Split('\n').Select(v => new HeaderLine(h.Name, v))).ToList();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method} {Url} ({Type}) -> {WireStatus?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
}
