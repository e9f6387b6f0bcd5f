namespace ConformanceKit.ReferenceServer;

/// <summary>One named, single deviation from the RFC that the reference server can be told to make.</summary>
/// <param name="Name">Stable kebab-case name, as used in targets.json (<c>"defects": [...]</c>).</param>
/// <param name="Section">The rule broken, as <c>RFC/section</c>, e.g. <c>9110/13.1.1</c>.</param>
/// <param name="Description">What the server does instead of what the rule requires.</param>
public sealed record Defect(string Name, string Section, string Description)
{
    /// <summary>For a defect that opens a time window (<c>non-atomic-write:100us</c>): the window when the
    /// name carries none. Null for defects that take no argument.</summary>
    public TimeSpan? DefaultWindow { get; init; }

    /// <summary>A second, shorter name that selects the same defect (e.g. <c>toctou</c>), or null.</summary>
    public string? Alias { get; init; }
}
