namespace ConformanceKit.Load.Http;

/// <summary>
/// How a built-in workload loads its target: the closed model (<see cref="Users"/> looping users) or the open model
/// (<see cref="Rate"/> iterations per second, at most <see cref="MaxInFlight"/> in flight), for <see cref="Duration"/>;
/// the <see cref="Seed"/> of documents and users' randoms; for <c>mixed</c>, the number of <see cref="Resources"/> and
/// the writers' share of the users (or of the rate); for the writers, the retries after 412 before giving an increment
/// up; and the HTTP limits. Values are checked as they are set; <see cref="Check"/> checks how they go together.
/// </summary>
public sealed record WorkloadOptions
{
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public const int MaxUsers = 10_000;

    public const double MaxRate = 100_000;

    public const int MaxResources = 1000;

    public int? Users
    {
        get;
        init => field = value is null or (>= 1 and <= MaxUsers)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Users), value, $"Users must be between 1 and {MaxUsers}.");
    }

    public double? Rate
    {
        get;
        init => field = value is null || (value > 0 && value <= MaxRate)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Rate), value, $"Rate must be more than 0 and at most {MaxRate} per second.");
    }

    public int MaxInFlight
    {
        get;
        init => field = value is >= 1 and <= MaxUsers
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxInFlight), value, $"MaxInFlight must be between 1 and {MaxUsers}.");
    } = 100;

    public TimeSpan Duration
    {
        get;
        init => field = value > TimeSpan.Zero && value <= MaxDuration
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Duration), value, $"Duration must be more than zero and at most {MaxDuration.TotalMinutes:0} minutes.");
    } = TimeSpan.FromSeconds(10);

    public int Seed { get; init; } = 1;

    /// <summary>Resources the <c>mixed</c> workload creates and spreads its users over.</summary>
    public int Resources
    {
        get;
        init => field = value is >= 1 and <= MaxResources
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Resources), value, $"Resources must be between 1 and {MaxResources}.");
    } = 20;

    /// <summary>The <c>mixed</c> workload's share of writers, of the users or the rate (at least one writer and one reader).</summary>
    public double WriterShare
    {
        get;
        init => field = value is > 0 and < 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(WriterShare), value, "WriterShare must be more than 0 and less than 1.");
    } = 0.25;

    /// <summary>Retries after 412 before a contended writer gives its increment up (counted as <c>gave-up</c>) and starts another.</summary>
    public int MaxRetries
    {
        get;
        init => field = value is >= 0 and <= 10_000
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxRetries), value, "MaxRetries must be between 0 and 10000.");
    } = 100;

    /// <summary>Revalidating readers read the target's <c>resource.existing</c> even when they could create a resource.</summary>
    public bool UseExisting { get; init; }

    /// <summary>Operations the writers' histories keep between them (see <see cref="Races.HistoryRecorder"/>).</summary>
    public int MaxHistoryOperations
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxHistoryOperations), value, "MaxHistoryOperations must be at least 1.");
    } = Races.HistoryRecorder.DefaultMaxOperations;

    public LoadHttpSettings Http
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Http));
    } = new();

    /// <summary>The phases of a load plan (<see cref="LoadPlan"/>), in place of <see cref="Users"/> or <see cref="Rate"/>
    /// for <see cref="Duration"/>: for <c>mixed</c>, the readers' phases.</summary>
    public IReadOnlyList<LoadPhase>? Phases { get; init; }

    /// <summary>The name of the load plan the phases come from (for reports), or null.</summary>
    public string? Plan { get; init; }

    /// <summary>For <c>mixed</c> with <see cref="Phases"/>: the writers' phases.</summary>
    public IReadOnlyList<LoadPhase>? WriterPhases { get; init; }

    public bool IsOpenModel => Rate is not null || (Phases?.Any(p => p.IsOpenModel) ?? false);

    /// <summary>How long the load lasts by the clock: <see cref="Duration"/>, or the longest scenario's phases (a
    /// fixed-iterations phase counts as nothing: the run's timeout bounds it).</summary>
    public TimeSpan PlannedDuration =>
        Phases is null ? Duration : TimeSpan.FromTicks(Math.Max(LoadPhase.PlannedDurationOf(Phases).Ticks, LoadPhase.PlannedDurationOf(WriterPhases ?? []).Ticks));

    /// <summary>Why these options cannot drive a workload (neither or both of users and rate; too few users to split;
    /// phases beside users or rate; writers' phases for another workload than mixed, or missing for mixed), or null.</summary>
    public string? Check(string workload)
    {
        if (Phases is not null)
        {
            return Users is not null || Rate is not null ? "give phases or a number of users or an arrival rate, not both"
                : Phases.Count == 0 ? "a plan needs at least one phase"
                : workload == Workloads.Mixed && WriterPhases is not { Count: > 0 } ? "mixed runs readers and writers: give the writers' phases too"
                : workload != Workloads.Mixed && WriterPhases is not null ? $"only mixed has writers of their own; {workload} takes one list of phases"
                : null;
        }

        if (WriterPhases is not null)
        {
            return "writers' phases go with the readers' phases";
        }

        if ((Users is null) == (Rate is null))
        {
            return "give either a number of users (closed model) or an arrival rate (open model), not both and not neither";
        }

        if (workload == Workloads.Mixed && Users is < 2)
        {
            return "mixed splits its users into readers and writers, so it needs at least 2 users";
        }

        return null;
    }

    /// <summary>The phases of the whole load: the plan's, or that many users, or that rate, for the duration.</summary>
    internal IReadOnlyList<LoadPhase> LoadPhases() =>
        Phases ?? [Rate is { } rate
            ? LoadPhase.ConstantRate(rate, Duration) with { MaxInFlight = MaxInFlight }
            : LoadPhase.ConstantUsers(Users!.Value, Duration)];
}
