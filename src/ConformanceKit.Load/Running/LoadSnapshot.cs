namespace ConformanceKit.Load;

/// <summary>Every scenario's snapshot at one moment of the load; reported to the progress callback once per interval.</summary>
public sealed record LoadSnapshot(TimeSpan Elapsed, IReadOnlyList<ScenarioSnapshot> Scenarios)
{
    public ScenarioSnapshot? Scenario(string name) => Scenarios.FirstOrDefault(s => s.Name == name);
}
