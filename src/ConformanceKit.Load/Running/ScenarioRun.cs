namespace ConformanceKit.Load;

/// <summary>One scenario in a run: its hooks, its phases in sequence, the drain after the last phase, its snapshots.</summary>
internal sealed class ScenarioRun : IDisposable
{
    private readonly LoadOptions options;
    private readonly IReadOnlyList<double> percentiles;
    private readonly RunClock clock;
    private readonly CancellationToken stop;
    private readonly CancellationTokenSource iterations;
    private readonly IterationRunner runner;
    private readonly ClosedModel closed;
    private readonly OpenModel open;
    private readonly Lock snapshotLock = new();
    private readonly StatsAccumulator[] stepTotals;
    private readonly StatsAccumulator requestTotals = new();
    private readonly StatsAccumulator iterationTotals = new();
    private StepCounter[] verified = [];
    private volatile int phase;
    private long end;
    private long abandoned;

    public ScenarioRun(LoadScenario scenario, LoadOptions options, IReadOnlyList<double> percentiles, RunClock clock, CancellationToken stop)
    {
        Scenario = scenario;
        this.options = options;
        this.percentiles = percentiles;
        this.clock = clock;
        this.stop = stop;
        Context = new ScenarioContext(scenario.Name, new Random(VirtualUser.Seed(options.Seed, scenario.Name, false, -1)));
        Monitor = new ThresholdMonitor(scenario.Name, scenario.Thresholds);
        iterations = CancellationTokenSource.CreateLinkedTokenSource(stop);
        runner = new IterationRunner(scenario, clock, options.LateTolerance);
        closed = new ClosedModel(runner, i => NewUser(i, openModel: false), iterations.Token);
        open = new OpenModel(runner, clock, i => NewUser(i, openModel: true), iterations.Token);
        stepTotals = [.. scenario.Steps.Select(_ => new StatsAccumulator())];
    }

    public LoadScenario Scenario { get; }

    public ScenarioContext Context { get; }

    public ThresholdMonitor Monitor { get; }

    public string? InitError { get; private set; }

    public bool InitRan { get; private set; }

    public string? CleanupError { get; private set; }

    public string? VerifyError { get; private set; }

    public async Task InitAsync()
    {
        try
        {
            if (Scenario.Init is { } init)
            {
                await init(Context, stop).ConfigureAwait(false);
            }

            InitRan = true;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run's timeout or the caller; the stop reason says so.
        }
        catch (Exception exception) // An init hook's exception stops the run with its message; it is not thrown.
        {
            InitError = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>Runs the cleanup hook (if init ran), bounded by <see cref="LoadConstants.CleanupTimeout"/>, not by the run.</summary>
    public async Task CleanupAsync()
    {
        if (Scenario.Cleanup is not { } cleanup || !InitRan)
        {
            return;
        }

        using var bound = new CancellationTokenSource(LoadConstants.CleanupTimeout, clock.Time);
        try
        {
            await cleanup(Context, bound.Token).AsTask().WaitAsync(LoadConstants.CleanupTimeout, clock.Time).ConfigureAwait(false);
        }
        catch (Exception exception) // A cleanup hook's exception is reported with the result.
        {
            CleanupError = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>Runs the verify hook (if init ran), bounded by <see cref="LoadConstants.VerifyTimeout"/> and the caller's
    /// token only (it runs after the run's timeout too); its counters go into the final snapshot.</summary>
    public async Task VerifyAsync(CancellationToken caller)
    {
        if (Scenario.Verify is not { } verify || !InitRan)
        {
            return;
        }

        using var bound = CancellationTokenSource.CreateLinkedTokenSource(caller);
        bound.CancelAfter(LoadConstants.VerifyTimeout);
        try
        {
            var counters = await verify(Context, bound.Token).AsTask().WaitAsync(LoadConstants.VerifyTimeout, clock.Time, caller).ConfigureAwait(false);
            if (counters?.FirstOrDefault(c => c is null || !Scenario.Steps.Any(s => s.Name == c.Step)) is { } unknown)
            {
                VerifyError = $"the verify hook named step '{unknown.Step}', which scenario '{Scenario.Name}' does not have";
                return;
            }

            Volatile.Write(ref verified, counters is null ? [] : [.. counters]);
        }
        catch (Exception exception) // A verify hook's exception is reported with the result.
        {
            VerifyError = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    public async Task RunAsync()
    {
        try
        {
            for (var i = 0; i < Scenario.Phases.Count; i++)
            {
                phase = i;
                await RunPhaseAsync(Scenario.Phases[i]).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: drain below, without grace.
        }

        await DrainAsync().ConfigureAwait(false);
        Volatile.Write(ref end, clock.Now);
        phase = Scenario.Phases.Count;
    }

    public ScenarioSnapshot Snapshot(bool final)
    {
        lock (snapshotLock)
        {
            var ended = Volatile.Read(ref end);
            var now = ended != 0 ? ended : clock.Now;
            var elapsed = clock.Since(now);
            var second = clock.Second(now);
            // The phase and the user count at the moment the snapshot is dated: merging the stats below takes time,
            // and a ramp read after it would be ahead of its elapsed time.
            var current = phase;
            var activeUsers = closed.Running;
            requestTotals.Reset();
            var steps = new List<StatsSnapshot>();
            for (var i = 0; i < stepTotals.Length; i++)
            {
                stepTotals[i].Reset();
                runner.Steps[i].MergeInto(stepTotals[i]);
                foreach (var counter in Volatile.Read(ref verified))
                {
                    if (counter.Step == Scenario.Steps[i].Name)
                    {
                        stepTotals[i].AddCounter(counter.Counter, counter.Value);
                    }
                }

                requestTotals.Add(stepTotals[i]);
                steps.Add(StatsSnapshot.From(Scenario.Steps[i].Name, stepTotals[i], percentiles, elapsed, second, final));
            }

            iterationTotals.Reset();
            runner.Iterations.MergeInto(iterationTotals);
            return new()
            {
                Name = Scenario.Name,
                Elapsed = elapsed,
                Phase = current,
                PhaseDescription = current < Scenario.Phases.Count ? Scenario.Phases[current].ToString() : "done",
                Finished = ended != 0,
                ActiveUsers = activeUsers,
                InFlight = open.InFlight,
                Started = runner.Started,
                Dropped = open.Dropped,
                Late = runner.Late,
                Interrupted = runner.Interrupted,
                Abandoned = Interlocked.Read(ref abandoned),
                Iterations = StatsSnapshot.From("iterations", iterationTotals, percentiles, elapsed, second, final),
                Requests = StatsSnapshot.From("requests", requestTotals, percentiles, elapsed, second, final),
                Steps = steps,
            };
        }
    }

    private async Task RunPhaseAsync(LoadPhase loadPhase)
    {
        var start = clock.Now;
        switch (loadPhase)
        {
            case ConstantUsersPhase p:
                closed.Apply(new IterationGate(), p.Users);
                await clock.DelayUntil(clock.After(start, p.Duration), stop).ConfigureAwait(false);
                break;
            case RampUsersPhase p:
                var gate = new IterationGate();
                closed.Apply(gate, p.From);
                for (var change = 1; change <= Math.Abs(p.To - p.From); change++)
                {
                    await clock.DelayUntil(clock.After(start, p.ChangeTime(change)), stop).ConfigureAwait(false);
                    closed.Apply(gate, p.To >= p.From ? p.From + change : p.From - change);
                }

                await clock.DelayUntil(clock.After(start, p.Duration), stop).ConfigureAwait(false);
                break;
            case FixedIterationsPhase p:
                var budget = new BudgetGate(p.Iterations);
                closed.Apply(budget, p.Users);
                await budget.AllDone.WaitAsync(stop).ConfigureAwait(false);
                break;
            case PausePhase p:
                closed.Apply(null, 0);
                await clock.DelayUntil(clock.After(start, p.Duration), stop).ConfigureAwait(false);
                break;
            case OpenModelPhase p:
                closed.Apply(null, 0);
                await open.RunPhaseAsync(p, stop).ConfigureAwait(false);
                break;
            default:
                throw new NotSupportedException($"Phase {loadPhase.GetType().Name} is not known to the runner.");
        }
    }

    /// <summary>Lets in-flight iterations finish (at most the graceful stop; none when stopped), then cancels the rest
    /// and waits a little more for steps that ignore cancellation, which are then left and counted.</summary>
    private async Task DrainAsync()
    {
        var drained = Task.WhenAll(closed.StopAsync(), open.StopAsync());
        if (!stop.IsCancellationRequested)
        {
            await Quietly(drained.WaitAsync(options.GracefulStop, clock.Time, stop)).ConfigureAwait(false);
        }

        if (!drained.IsCompleted)
        {
            await iterations.CancelAsync().ConfigureAwait(false);
            await Quietly(drained.WaitAsync(LoadConstants.AbandonAfter, clock.Time)).ConfigureAwait(false);
            if (!drained.IsCompleted)
            {
                Interlocked.Exchange(ref abandoned, closed.Running + open.InFlight);
            }
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            // Bounded waits: what did not finish is dealt with by the caller.
        }
    }

    public void Dispose() => iterations.Dispose();

    private VirtualUser NewUser(int index, bool openModel) =>
        new(new StepContext(Scenario.Name, index, openModel, new Random(VirtualUser.Seed(options.Seed, Scenario.Name, openModel, index)),
            Context.Shared));
}
