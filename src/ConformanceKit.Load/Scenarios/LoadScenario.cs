namespace ConformanceKit.Load;

/// <summary>
/// A load scenario: a name, ordered <see cref="Steps"/>, the <see cref="Phases"/> that drive it, optional
/// <see cref="Init"/> and <see cref="Cleanup"/> hooks and the <see cref="Thresholds"/> that gate it.
/// <para>
/// The model (after k6 and NBomber): one <b>iteration</b> runs the steps in order, as one virtual user; a failed
/// step ends its iteration, which counts as failed. The phases run one after another. Closed-model phases
/// (<see cref="LoadPhase.ConstantUsers"/>, <see cref="LoadPhase.RampUsers"/>, <see cref="LoadPhase.FixedIterations"/>)
/// keep a number of users looping, each starting its next iteration when the last one ends; users carry over from
/// one closed phase to the next with their state. Open-model phases (<see cref="LoadPhase.ConstantRate"/>,
/// <see cref="LoadPhase.RampRate"/>) start iterations on a schedule whatever the responses do, at most
/// <c>MaxInFlight</c> at once (an arrival beyond that is dropped and counted), and measure latency from each
/// iteration's intended start (coordinated-omission correction), beside the service time from its actual start.
/// </para>
/// Invariants, checked here: at least one step and one phase, unique step names, and every threshold scoped to a
/// step names one of these steps.
/// </summary>
public sealed class LoadScenario
{
    public LoadScenario(string name, IEnumerable<LoadStep> steps, IEnumerable<LoadPhase> phases)
    {
        Name = Names.Check(name, "Scenario name");
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(phases);
        Steps = [.. steps];
        Phases = [.. phases];
        if (Steps.Count == 0 || Steps.Any(s => s is null))
        {
            throw new ArgumentException($"Scenario '{Name}' needs at least one step, and no null step.", nameof(steps));
        }

        if (Phases.Count == 0 || Phases.Any(p => p is null))
        {
            throw new ArgumentException($"Scenario '{Name}' needs at least one phase, and no null phase.", nameof(phases));
        }

        if (Steps.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"Scenario '{Name}' has two steps named '{twice.Key}'.", nameof(steps));
        }
    }

    public string Name { get; }

    public IReadOnlyList<LoadStep> Steps { get; }

    public IReadOnlyList<LoadPhase> Phases { get; }

    /// <summary>Runs once before the load (e.g. to create resources into <see cref="ScenarioContext.Shared"/>).
    /// If it throws, the run stops before any load, with <see cref="LoadStopReason.InitFailed"/>.</summary>
    public Func<ScenarioContext, CancellationToken, ValueTask>? Init { get; init; }

    /// <summary>Runs once after the load, also after an abort or a timeout, if init completed; with its own time bound.</summary>
    public Func<ScenarioContext, CancellationToken, ValueTask>? Cleanup { get; init; }

    /// <summary>Runs once after the load has ended (in-flight iterations finished or stopped) and before the final
    /// stats, also after an abort or a timeout, if init completed; with its own time bound. It judges what the load left
    /// behind (e.g. a history checker over every write) and returns counters that are added to the named steps' final
    /// stats, and so to the scenario's, where thresholds read them like any other (<c>lost_updates == 0</c>). If it
    /// throws, or names a step the scenario does not have, nothing is added and the result says why
    /// (<see cref="ScenarioResult.VerifyError"/>).</summary>
    public Func<ScenarioContext, CancellationToken, ValueTask<IReadOnlyList<StepCounter>>>? Verify { get; init; }

    public IReadOnlyList<Threshold> Thresholds
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var threshold in value)
            {
                ArgumentNullException.ThrowIfNull(threshold, nameof(Thresholds));
                if (threshold.Step is { } step && !Steps.Any(s => s.Name == step))
                {
                    throw new ArgumentException(
                        $"Threshold '{threshold.Expression}' names step '{step}', which scenario '{Name}' does not have (steps: {string.Join(", ", Steps)}).",
                        nameof(Thresholds));
                }
            }

            field = [.. value];
        }
    } = [];

    /// <summary>The longest the phases take by the clock (phases that run to a count of iterations add nothing).</summary>
    public TimeSpan PlannedDuration => LoadPhase.PlannedDurationOf(Phases);

    public override string ToString() => Name;
}
