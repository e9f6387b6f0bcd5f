namespace ConformanceKit.Races;

/// <summary>
/// How a race block runs: <see cref="Clients"/> clients race on one validator per round, for
/// <see cref="Rounds"/> rounds on the same resource. <see cref="Seed"/> fixes the bodies and the order in which
/// clients are released. Every request is bounded by <see cref="RequestTimeout"/>; no round starts once
/// <see cref="Budget"/> has been used. Values are checked as they are set.
/// </summary>
public sealed record RaceOptions
{
    public int Clients
    {
        get;
        init => field = OptionChecks.InRange(value, 2, RaceDefaults.MaxClients, nameof(Clients));
    } = RaceDefaults.Clients;

    public int Rounds
    {
        get;
        init => field = OptionChecks.InRange(value, 1, RaceDefaults.MaxRounds, nameof(Rounds));
    } = RaceDefaults.Rounds;

    public int Seed { get; init; }

    /// <summary>Names the bodies this block generates, so two blocks on one seed write different documents.</summary>
    public string Scope { get; init; } = RacePlan.DocumentScope;

    public TimeSpan RequestTimeout
    {
        get;
        init => field = OptionChecks.Positive(value, RaceDefaults.MaxRequestTimeout, nameof(RequestTimeout));
    } = RaceDefaults.RequestTimeout;

    public TimeSpan Budget
    {
        get;
        init => field = OptionChecks.Positive(value, TimeSpan.MaxValue, nameof(Budget));
    } = RaceDefaults.Budget;

    /// <summary>Stop after the first round with a violation (to measure how soon a defect shows).</summary>
    public bool StopAtFirstViolation { get; init; }
}
