namespace ConformanceKit.Http;

/// <summary>Limits every harness client obeys, so a misbehaving target ends as an error verdict.</summary>
public sealed record ClientSettings
{
    /// <summary>How long one request may take, headers and body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Response bytes kept; reading stops beyond this and the body is marked truncated.</summary>
    public int MaxBodyBytes { get; init; } = 1024 * 1024;
}
