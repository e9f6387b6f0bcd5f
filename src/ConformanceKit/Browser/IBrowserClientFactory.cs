using ConformanceKit.Http;

namespace ConformanceKit.Browser;

/// <summary>
/// Opens real-browser clients for scenarios whose steps are <c>browser</c> steps. Implemented outside the core
/// (ConformanceKit.Browser drives Chromium with Playwright), so the core needs no browser; a run given none, or one
/// whose <see cref="Unavailable"/> says why it cannot open clients, skips those checks with
/// <see cref="BrowserClients.NoBrowser"/>.
/// </summary>
public interface IBrowserClientFactory
{
    /// <summary>Why no browser client can be opened on this machine (no browser installed), or null when one can.</summary>
    string? Unavailable { get; }

    /// <summary>A new client with state of its own (cache, cookies, a page): one per scenario client.</summary>
    Task<IBrowserClient> OpenAsync(BrowserClientOptions options, CancellationToken cancellationToken);
}

/// <summary>What a browser client needs from the run: its name (the scenario's client, e.g. <c>Browser</c>), the
/// target's extra headers (sent on the target's requests, as a logged-in browser or a script would), the redactor
/// for everything recorded, the bound on each action, and the body cap of the evidence.</summary>
public sealed record BrowserClientOptions(string Name, IReadOnlyList<HeaderLine> Headers, Redactor Redactor, TimeSpan Timeout, int MaxBodyBytes);

/// <summary>
/// One browser context (its own HTTP cache) with one page. A client either shows documents (navigate, reload) or
/// runs scripts from a page of its own origin, a loopback origin that is not the target's (fetch); the loader
/// keeps a scenario client to one of the two.
/// </summary>
public interface IBrowserClient : IAsyncDisposable
{
    /// <summary>Loads <paramref name="url"/> in the page, as typing it in the address bar would.</summary>
    Task<BrowserObservation> NavigateAsync(int stepNumber, Uri url, CancellationToken cancellationToken);

    /// <summary>Reloads the page's document (the browser's reload button).</summary>
    Task<BrowserObservation> ReloadAsync(int stepNumber, CancellationToken cancellationToken);

    /// <summary>Runs <c>fetch()</c> from the client's own page (another origin than the target's), and reads what a
    /// script can read of the answer.</summary>
    Task<BrowserObservation> FetchAsync(int stepNumber, ScriptRequest request, CancellationToken cancellationToken);
}

/// <summary>A <c>fetch()</c> a page script makes: method, URL, the headers the script sets, and a body.</summary>
public sealed record ScriptRequest(string Method, Uri Url, IReadOnlyList<HeaderLine> Headers, string? Body);

/// <summary>
/// What one browser step showed.
/// <list type="bullet">
/// <item><see cref="Response"/> is what the step is judged on: for navigate and reload the document's answer as it
/// came over the wire (a revalidation answered 304 is 304 here, although the page shows the stored content); for a
/// fetch what the script could read (status, the headers CORS lets it read, the body), or, when the browser blocked
/// the answer, status 0 with <see cref="Blocked"/> set.</item>
/// <item><see cref="Sent"/> is the request as the browser sent it over the wire, with the fields it added itself
/// (If-None-Match, If-Modified-Since on a revalidation), or null when nothing was sent.</item>
/// <item><see cref="Page"/> is the text the page shows after navigate or reload.</item>
/// <item><see cref="Exchanges"/> is the evidence: every request the browser sent for the step (a CORS preflight
/// included), as on the wire.</item>
/// <item><see cref="Error"/> says why the step could not be carried out (no answer, a timeout); then the check ends as
/// an error.</item>
/// </list>
/// </summary>
public sealed record BrowserObservation(RecordedResponse? Response, RecordedRequest? Sent, string? Page, IReadOnlyList<Exchange> Exchanges, string? Error)
{
    /// <summary>For a fetch the browser did not let the script see: why (the CORS rule the answers broke).</summary>
    public string? Blocked { get; init; }

    /// <summary>For a fetch the script could see: each field the answer carried that the script could not read, with
    /// why (e.g. <c>ETag</c>: <c>the answer carried ETag, but its Access-Control-Expose-Headers (absent) does not list
    /// it</c>). Field names compare case-insensitively.</summary>
    public IReadOnlyDictionary<string, string> Hidden { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>One line on what the browser did, for the verdict's note (e.g. <c>reload sent If-None-Match and
    /// If-Modified-Since; the server answered 304</c>).</summary>
    public string? Summary { get; init; }

    public static BrowserObservation Failed(string error, IReadOnlyList<Exchange> exchanges) => new(null, null, null, exchanges, error);
}

/// <summary>A browser client could not be opened (the browser did not start). The check ends as an error.</summary>
public sealed class BrowserClientException : Exception
{
    public BrowserClientException()
    {
    }

    public BrowserClientException(string message)
        : base(message)
    {
    }

    public BrowserClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Names shared by the runner and the browser clients.</summary>
public static class BrowserClients
{
    /// <summary>The skip reason of a browser check when the run has no browser.</summary>
    public const string NoBrowser = "no browser: install chromium (apt-get install chromium)";
}
