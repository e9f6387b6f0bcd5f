namespace ConformanceKit.Load;

/// <summary>
/// One scenario's state and stats at one moment. <see cref="Requests"/> adds up all its steps; <see cref="Iterations"/>
/// is whole iterations (a failed one names its failing step as the reason); <see cref="Steps"/> one entry per step,
/// in order. <see cref="Started"/> counts iterations begun; <see cref="Dropped"/> arrivals not started because
/// MaxInFlight were in flight; <see cref="Late"/> iterations that began more than the late tolerance after their
/// intended start; <see cref="Interrupted"/> iterations cancelled by a stop (not counted as failed).
/// </summary>
public sealed record ScenarioSnapshot
{
    public required string Name { get; init; }

    /// <summary>From the load's start (after every init hook) to this snapshot, or to the scenario's end.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>0-based index of the phase running, or the number of phases once all have run.</summary>
    public required int Phase { get; init; }

    public required string PhaseDescription { get; init; }

    public required bool Finished { get; init; }

    /// <summary>Closed-model users looping now (those finishing their last iteration included).</summary>
    public required int ActiveUsers { get; init; }

    /// <summary>Open-model iterations running now.</summary>
    public required int InFlight { get; init; }

    public required long Started { get; init; }

    public required long Dropped { get; init; }

    public required long Late { get; init; }

    public required long Interrupted { get; init; }

    /// <summary>Iterations still running when the run stopped waiting for them (a step that ignored cancellation).</summary>
    public required long Abandoned { get; init; }

    public required StatsSnapshot Iterations { get; init; }

    public required StatsSnapshot Requests { get; init; }

    public required IReadOnlyList<StatsSnapshot> Steps { get; init; }

    public StatsSnapshot? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);
}
