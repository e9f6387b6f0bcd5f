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
    /// <summary>A short label for messages and diagrams, e.g. <c>B PUT {resource} If-Match</c>.</summary>
    public string Label
    {
        get
        {
            var conditions = Request.Headers.Select(h => h.Name).Where(n => n.StartsWith("If-", StringComparison.OrdinalIgnoreCase) || n.Equals("Range", StringComparison.OrdinalIgnoreCase));
            var suffix = string.Join(" ", conditions);
            return $"{Client} {Request.Method} {Request.Path}{(suffix.Length > 0 ? " " + suffix : string.Empty)}";
        }
    }
}

/// <summary>A request before its templates are filled.</summary>
public sealed record RequestTemplate(string Method, string Path, IReadOnlyList<HeaderTemplate> Headers, string? Body, string? ContentType);

public sealed record HeaderTemplate(string Name, string Value);

/// <summary>Stores part of a response under a name for later steps: <c>header:ETag</c>, <c>body</c> or <c>status</c>.</summary>
public sealed record Capture(string Name, CaptureSource Source, string? HeaderName);

public enum CaptureSource
{
    Header,
    Body,
    Status,
}
