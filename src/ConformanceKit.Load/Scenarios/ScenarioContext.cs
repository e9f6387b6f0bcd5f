using System.Collections.Concurrent;

namespace ConformanceKit.Load;

/// <summary>What a scenario's init and cleanup hooks get: its name, its shared state and a seeded random.</summary>
public sealed class ScenarioContext
{
    internal ScenarioContext(string scenarioName, Random random)
    {
        ScenarioName = scenarioName;
        Random = random;
    }

    public string ScenarioName { get; }

    /// <summary>What init puts here (e.g. the resources it created) every step can read as <see cref="StepContext.Shared"/>.</summary>
    public ConcurrentDictionary<string, object?> Shared { get; } = new(StringComparer.Ordinal);

    public Random Random { get; }
}
