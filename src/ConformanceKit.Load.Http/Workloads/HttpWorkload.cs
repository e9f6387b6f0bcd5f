using System.Collections.Concurrent;
using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// A built-in HTTP workload over a target session: the load scenarios it runs (<see cref="CreateScenarios"/>, with
/// their default thresholds and any given), the verdicts of its verify hooks (<see cref="Verifications"/>, one per
/// resource whose history was checked), and the conditional metrics of a result (<see cref="Metrics"/>). Every
/// virtual user gets a <see cref="LoadHttpClient"/> of its own (one keep-alive connection), made on its first step and
/// kept with it; <see cref="Dispose"/> closes them all. Resources are created, following the target's recipe, in the
/// scenarios' init hooks and deleted in their cleanup.
/// </summary>
public abstract class HttpWorkload : IDisposable
{
    private const string UserStateKey = "conformancekit.load.http";

    private readonly ConcurrentBag<IDisposable> owned = [];
    private readonly ConcurrentQueue<ResourceVerification> verifications = new();
    private IReadOnlyList<ScenarioPlan>? plans;

    private protected HttpWorkload(string name, TargetSession session, WorkloadOptions options)
    {
        Name = name;
        Session = session;
        Options = options;
        RunId = Guid.NewGuid().ToString("N")[..8];
    }

    public string Name { get; }

    public TargetSession Session { get; }

    public WorkloadOptions Options { get; }

    /// <summary>Names this run's resources apart from every other run's.</summary>
    public string RunId { get; }

    /// <summary>The thresholds each scenario gets unless told otherwise, by scenario name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DefaultThresholds =>
        Plans.ToDictionary(p => p.Name, p => p.DefaultThresholds, StringComparer.Ordinal);

    /// <summary>Every step name, by scenario name.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Steps =>
        Plans.ToDictionary(p => p.Name, p => (IReadOnlyList<string>)[.. p.Steps.Select(s => s.Name)], StringComparer.Ordinal);

    /// <summary>Every scenario's phases as a line of text, e.g. <c>readers: 1 to 3 users over 0.6 s, then 3 users for 1 s</c>.</summary>
    public IReadOnlyList<string> PhaseLines => [.. Plans.Select(p => $"{p.Name}: {string.Join(", then ", p.Phases)}")];

    /// <summary>What the verify hooks found, one entry per checked resource (empty for readers, and until the run ends).</summary>
    public IReadOnlyList<ResourceVerification> Verifications => [.. verifications.OrderBy(v => v.Resource, StringComparer.Ordinal)];

    private IReadOnlyList<ScenarioPlan> Plans => plans ??= Plan();

    /// <summary>
    /// The scenarios to run. Each gets its default thresholds (unless <paramref name="includeDefaults"/> is false) and
    /// those of <paramref name="thresholds"/> that apply to it: a threshold scoped to a step goes to the scenarios that
    /// have the step; any other to every scenario. <paramref name="abortOnBreach"/> makes every threshold stop the run
    /// at its first breach.
    /// </summary>
    /// <exception cref="ArgumentException">A threshold names a step no scenario has.</exception>
    public IReadOnlyList<LoadScenario> CreateScenarios(IEnumerable<Threshold> thresholds, bool includeDefaults = true, bool abortOnBreach = false)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        var given = thresholds.ToList();
        foreach (var threshold in given)
        {
            if (threshold.Step is { } step && !Plans.Any(p => p.Steps.Any(s => s.Name == step)))
            {
                var known = string.Join(", ", Plans.SelectMany(p => p.Steps.Select(s => s.Name)).Distinct(StringComparer.Ordinal));
                throw new ArgumentException($"threshold '{threshold.Expression}' names step '{step}', which workload {Name} does not have (steps: {known})", nameof(thresholds));
            }
        }

        return [.. Plans.Select(plan =>
        {
            var mine = (includeDefaults ? plan.DefaultThresholds.Select(Threshold.Parse) : [])
                .Concat(given.Where(t => t.Step is null || plan.Steps.Any(s => s.Name == t.Step)))
                .Select(t => abortOnBreach ? t with { AbortOnBreach = true } : t)
                .ToList();
            return new LoadScenario(plan.Name, plan.Steps, plan.Phases)
            {
                Init = plan.Init,
                Verify = plan.Verify,
                Cleanup = plan.Cleanup,
                Thresholds = mine,
            };
        })];
    }

    /// <summary>The conditional metrics of a run of this workload.</summary>
    public ConditionalMetrics Metrics(LoadResult result) => ConditionalMetrics.From(result, Verifications);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            while (owned.TryTake(out var item))
            {
                item.Dispose();
            }
        }
    }

    private protected abstract IReadOnlyList<ScenarioPlan> Plan();

    /// <summary>A client of the workload's own (setup, final reads, cleanup), closed with the workload.</summary>
    internal LoadHttpClient NewClient()
    {
        var client = new LoadHttpClient(Session, Options.Http);
        owned.Add(client);
        return client;
    }

    /// <summary>The user's state, made on its first step (with a client of its own) and kept in its state bag.</summary>
    internal T UserState<T>(StepContext context, Func<LoadHttpClient, T> make)
        where T : class
    {
        if (context.State.TryGetValue(UserStateKey, out var found) && found is T state)
        {
            return state;
        }

        var made = make(NewClient());
        context.State[UserStateKey] = made;
        return made;
    }

    internal void AddVerification(ResourceVerification verification) => verifications.Enqueue(verification);

    /// <summary>The name of a user in histories: <c>u0007</c>.</summary>
    internal static string UserName(StepContext context) =>
        "u" + context.UserIndex.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One scenario of the workload before thresholds are attached.</summary>
    private protected sealed record ScenarioPlan(string Name, IReadOnlyList<LoadStep> Steps, IReadOnlyList<LoadPhase> Phases, IReadOnlyList<string> DefaultThresholds)
    {
        public Func<ScenarioContext, CancellationToken, ValueTask>? Init { get; init; }

        public Func<ScenarioContext, CancellationToken, ValueTask<IReadOnlyList<StepCounter>>>? Verify { get; init; }

        public Func<ScenarioContext, CancellationToken, ValueTask>? Cleanup { get; init; }
    }
}
