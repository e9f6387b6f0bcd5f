using System.Collections.Concurrent;

namespace ConformanceKit.Load;

/// <summary>
/// What a step knows about where it runs: the virtual user (its index, its own state bag and seeded random),
/// the iteration, and the scenario's shared state. One user runs one iteration at a time, so <see cref="State"/>
/// needs no locking; <see cref="Shared"/> is used by every user at once.
/// In closed-model phases a user is a looping virtual user; in open-model phases it is the in-flight slot that runs
/// the iteration (at most <c>MaxInFlight</c> of them), so state kept there carries over between iterations too.
/// </summary>
public sealed class StepContext
{
    internal StepContext(string scenarioName, int userIndex, bool openModel, Random random, ConcurrentDictionary<string, object?> shared)
    {
        ScenarioName = scenarioName;
        UserIndex = userIndex;
        IsOpenModel = openModel;
        Random = random;
        Shared = shared;
    }

    public string ScenarioName { get; }

    /// <summary>0-based; unique among the scenario's closed-model users, and among its open-model slots.</summary>
    public int UserIndex { get; }

    /// <summary>Whether the user is an open-model slot (arrival rate phases) rather than a looping user.</summary>
    public bool IsOpenModel { get; }

    /// <summary>The step now running.</summary>
    public string StepName { get; internal set; } = "";

    /// <summary>The iteration's number in the scenario, 0-based, in the order iterations started.</summary>
    public long Iteration { get; internal set; }

    /// <summary>How many iterations this user started before this one.</summary>
    public long UserIteration { get; internal set; }

    /// <summary>This user's own state (e.g. the last ETag it saw); kept across its iterations.</summary>
    public IDictionary<string, object?> State { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);

    /// <summary>Seeded from the run's seed, the scenario name and the user, so a rerun draws the same numbers.</summary>
    public Random Random { get; }

    /// <summary>The scenario's shared state, as the init hook left it.</summary>
    public ConcurrentDictionary<string, object?> Shared { get; }
}
