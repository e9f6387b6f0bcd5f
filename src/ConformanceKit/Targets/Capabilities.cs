namespace ConformanceKit.Targets;

/// <summary>What a target supports; a scenario that needs something the target lacks is skipped with the reason.</summary>
public sealed record Capabilities(bool Writes, bool LastModified, bool Ranges, bool RequirePreconditions)
{
    public static IReadOnlyList<string> Names { get; } = ["writes", "lastModified", "ranges", "requirePreconditions", "patch", "cors"];

    public static Capabilities ReferenceDefault { get; } = new(Writes: true, LastModified: true, Ranges: true, RequirePreconditions: false) { Patch = true, Cors = true };

    /// <summary>The target applies PATCH with a JSON merge patch (RFC 7396, <c>application/merge-patch+json</c>).</summary>
    public bool Patch { get; init; }

    /// <summary>The target serves scripts of other origins (the Fetch standard's CORS protocol): the page-script
    /// checks run only then. A reference target without it runs its server without CORS.</summary>
    public bool Cors { get; init; }

    /// <summary>The value of a capability by its targets.json name; null for an unknown name.</summary>
    public bool? Get(string name) => name switch
    {
        "writes" => Writes,
        "lastModified" => LastModified,
        "ranges" => Ranges,
        "requirePreconditions" => RequirePreconditions,
        "patch" => Patch,
        "cors" => Cors,
        _ => null,
    };
}
