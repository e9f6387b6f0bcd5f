namespace ConformanceKit.Races;

/// <summary>
/// How the read-modify-write workload runs: <see cref="Clients"/> clients each make <see cref="Iterations"/>
/// increments of one counter document (GET, add one, PUT with If-Match), retrying an increment refused with
/// 412 up to <see cref="MaxRetries"/> times. <see cref="Seed"/> and <see cref="Scope"/> fix the generated
/// edits. No attempt starts once <see cref="Budget"/> has been used. Values are checked as they are set.
/// </summary>
public sealed record ReadModifyWriteOptions
{
    public int Clients
    {
        get;
        init => field = OptionChecks.InRange(value, 2, RaceDefaults.MaxClients, nameof(Clients));
    } = RaceDefaults.ReadModifyWriteClients;

    public int Iterations
    {
        get;
        init => field = OptionChecks.InRange(value, 1, RaceDefaults.MaxIterations, nameof(Iterations));
    } = RaceDefaults.Iterations;

    public int MaxRetries
    {
        get;
        init => field = OptionChecks.InRange(value, 0, RaceDefaults.MaxRetries, nameof(MaxRetries));
    } = RaceDefaults.MaxRetries;

    public int Seed { get; init; }

    /// <summary>Names the documents this workload generates, so two workloads on one seed write different edits.</summary>
    public string Scope { get; init; } = "read-modify-write";

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
}
