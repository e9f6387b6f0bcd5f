namespace ConformanceKit.Scenarios;

/// <summary>One request a named client sends, what it captures from the response, what the check assumes
/// of the response (a legal choice it builds on: not holding makes the check not applicable) and what it
/// expects (the rule under test). Strings may hold templates (<see cref="Template"/>).</summary>
public sealed record ScenarioStep(
    int Number,
    string Client,
    RequestTemplate Request,
    IReadOnlyList<Capture> Captures,
    Expectation Assume,
    Expectation Expect,
    string JsonPath)
{
    /// <summary>Re-send this step's request until the server shows the state the check needs (a GET or HEAD
    /// only), or null to send it once.</summary>
    public StepWait? Wait { get; init; }

    /// <summary>What a real browser does in this step instead of the harness's HTTP client sending the request, or
    /// null for an HTTP step.</summary>
    public BrowserAction? Browser { get; init; }

    /// <summary>A fetch step's advice: how a server fixes what the browser kept from the script (added to the
    /// verdict's message after <c>fix:</c> when the browser blocked the answer or hid the field judged), or null.</summary>
    public string? Fix { get; init; }

    /// <summary>A short label for messages and diagrams, e.g. <c>B PUT {resource} If-Match</c>,
    /// <c>Browser reload</c> or <c>Script fetch PUT {resource} If-Match</c>.</summary>
    public string Label
    {
        get
        {
            var conditions = Request.Headers.Select(h => h.Name).Where(n => n.StartsWith("If-", StringComparison.OrdinalIgnoreCase) || n.Equals("Range", StringComparison.OrdinalIgnoreCase));
            var suffix = string.Join(" ", conditions);
            var request = $"{Request.Method} {Request.Path}{(suffix.Length > 0 ? " " + suffix : string.Empty)}";
            return Browser switch
            {
                BrowserAction.Navigate => $"{Client} navigate {Request.Path}",
                BrowserAction.Reload => $"{Client} reload",
                BrowserAction.Fetch => $"{Client} fetch {request}",
                _ => $"{Client} {request}",
            };
        }
    }
}

/// <summary>What a browser step does (a suites/*.json step's <c>"browser"</c>).</summary>
public enum BrowserAction
{
    /// <summary>Loads the request's path in a page (a GET, as the address bar sends it).</summary>
    Navigate,

    /// <summary>Reloads the page the client's last navigate loaded.</summary>
    Reload,

    /// <summary>A script on a page of another origin sends the request with <c>fetch()</c>.</summary>
    Fetch,
}

public static class BrowserActions
{
    /// <summary>The name used in suite files.</summary>
    public static string Id(this BrowserAction action) => action switch
    {
        BrowserAction.Navigate => "navigate",
        BrowserAction.Reload => "reload",
        BrowserAction.Fetch => "fetch",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}

/// <summary>A request before its templates are filled.</summary>
public sealed record RequestTemplate(string Method, string Path, IReadOnlyList<HeaderTemplate> Headers, string? Body, string? ContentType);

public sealed record HeaderTemplate(string Name, string Value);

/// <summary>Stores part of a response under a name for later steps: <c>header:ETag</c>, <c>body</c>, <c>status</c>,
/// or (browser navigate and reload steps) <c>page</c>, the text the page shows.</summary>
public sealed record Capture(string Name, CaptureSource Source, string? HeaderName);

public enum CaptureSource
{
    Header,
    Body,
    Status,
    Page,
}

/// <summary>
/// A bounded wait for a legal state the check needs, in place of a blind sleep: a real server may, for
/// example, give a file changed less than a second ago a weak ETag and a strong one a moment later. The step's
/// request (GET or HEAD, safe to repeat) is sent again every <see cref="Every"/> until its response meets
/// <see cref="Until"/> (captures are taken from each response first), for at most <see cref="Within"/>, and
/// only while it meets <see cref="While"/> when that is set (a weak ETag may become strong; a missing one will
/// not, so there is nothing to wait for). The step then goes on with the last response whether or not the
/// condition held: an <c>assume</c> of the same condition makes the check not applicable, with the reason. How
/// long the step waited, and how many reads it took, is reported with the verdict.
/// Invariants (checked by the loader): 0 &lt; Every &lt;= Within &lt;= 5 s; Until says something.
/// </summary>
public sealed record StepWait(Expectation Until, TimeSpan Within, TimeSpan Every)
{
    /// <summary>The state in which waiting can still help, or null to wait whatever the response.</summary>
    public Expectation? While { get; init; }

    public static readonly TimeSpan DefaultWithin = TimeSpan.FromMilliseconds(1500);

    public static readonly TimeSpan DefaultEvery = TimeSpan.FromMilliseconds(100);

    public static readonly TimeSpan MaxWithin = TimeSpan.FromSeconds(5);
}
