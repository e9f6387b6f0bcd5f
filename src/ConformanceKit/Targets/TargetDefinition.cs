namespace ConformanceKit.Targets;

/// <summary>A named server to check, as configured in targets.json (NOTES section 2).
/// A <see cref="TargetKind.Reference"/> target has no <see cref="BaseUrl"/>: the in-box server is started
/// on a free loopback port for the run.</summary>
public sealed record TargetDefinition(
    string Name,
    TargetKind Kind,
    Uri? BaseUrl,
    ResourceRecipe Resource,
    IReadOnlyList<TargetHeader> Headers,
    Capabilities Capabilities,
    IReadOnlyList<string> Defects,
    string SourceFile)
{
    /// <summary>Values that must never appear in clear in any output: every value filled from the environment.</summary>
    public IReadOnlyList<string> Secrets { get; init; } = [];

    /// <summary>Where a reference target's server keeps its documents; always <see cref="ReferenceStore.Memory"/>
    /// for other targets, which keep their own.</summary>
    public ReferenceStore Store { get; init; } = ReferenceStore.Memory;

    /// <summary>Timeouts, body cap, redirects, TLS and HTTP version for talking to this target.</summary>
    public TargetTransport Transport { get; init; } = TargetTransport.Default;

    /// <summary>An in-box reference target made in code (tests, benchmarks) rather than read from targets.json:
    /// the default resource recipe and capabilities, with <paramref name="defects"/>; <paramref name="origin"/>
    /// stands where a file name would in messages. Vary it with <c>with</c>.</summary>
    public static TargetDefinition InBoxReference(string name, IReadOnlyList<string> defects, string origin) =>
        new(name, TargetKind.Reference, BaseUrl: null, ResourceRecipe.ReferenceDefault, Headers: [], Capabilities.ReferenceDefault, defects, $"({origin})");
}

public enum TargetKind
{
    /// <summary>Any HTTP server reachable at a base URL.</summary>
    Remote,

    /// <summary>The in-box reference server, optionally with defect modes.</summary>
    Reference,
}

/// <summary>An extra header every client sends. <see cref="IsSecret"/> when its value came from the environment.</summary>
public sealed record TargetHeader(string Name, string Value, bool IsSecret);
