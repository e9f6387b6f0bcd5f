using ConformanceKit.Checks;

namespace ConformanceKit.Scenarios;

/// <summary>
/// One conformance check as data (a suites/*.json entry): named clients send ordered steps against one
/// resource, and the first expectation that does not hold decides the verdict; or, for a race scenario
/// (<see cref="Race"/> set, no steps), many clients race on one fresh resource and the history checker and
/// the race rules decide it.
/// </summary>
public sealed record Scenario(
    CheckInfo Check,
    ScenarioKind Kind,
    ResourceSetup Resource,
    IReadOnlyDictionary<string, bool> Requires,
    IReadOnlyList<ScenarioStep> Steps,
    string SourceFile,
    string JsonPath)
{
    public string Id => Check.Id;

    /// <summary>For observations: what to report when every expectation held (the behaviour was seen).</summary>
    public string? Finding { get; init; }

    /// <summary>For observations: what to report when an expectation did not hold.</summary>
    public string? Otherwise { get; init; }

    /// <summary>How servers usually get the rule right (the scenario's own advice, else its suite file's), or null.</summary>
    public string? Advice { get; init; }

    /// <summary>The race this scenario runs instead of steps, or null for a scripted scenario.</summary>
    public RaceBlock? Race { get; init; }

    /// <summary>Whether a real browser takes part (a step with <c>"browser"</c>): without one the check is skipped.</summary>
    public bool UsesBrowser => Steps.Any(s => s.Browser is not null);

    /// <summary>Client names in order of first appearance (none for a race scenario: its clients are numbered).</summary>
    public IReadOnlyList<string> Clients => Steps.Select(s => s.Client).Distinct(StringComparer.Ordinal).ToList();
}

public enum ScenarioKind
{
    /// <summary>Enforces a requirement: a broken expectation is fail (MUST), warn (SHOULD) or info (MAY).</summary>
    Requirement,

    /// <summary>Reports what the server does, as info, without judging it.</summary>
    Observation,
}

/// <summary>What <c>{resource}</c> is when the steps start.</summary>
public enum ResourceSetup
{
    /// <summary>Created by the runner with the generated document <c>{doc:initial}</c> (needs writes).</summary>
    Fresh,

    /// <summary>A fresh path that was never created.</summary>
    Absent,

    /// <summary>The target's <c>resource.existing</c>.</summary>
    Existing,
}
