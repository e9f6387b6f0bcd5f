namespace ConformanceKit.Load.Http;

/// <summary>
/// A load run as data (<c>suites/load/NAME.json</c>, read by <see cref="LoadPlanFile"/>): a built-in workload (its
/// steps), the phases its scenarios go through (for <c>mixed</c> the readers' and the writers'), thresholds on top of
/// the workload's defaults, and for <c>mixed</c> the number of documents. <c>conformancekit load --plan NAME</c> runs
/// one; <see cref="Apply"/> turns it into <see cref="WorkloadOptions"/>.
/// </summary>
public sealed record LoadPlan(string Name, string? Description, string Workload, IReadOnlyList<LoadPhase> Phases,
    IReadOnlyList<LoadPhase>? WriterPhases, IReadOnlyList<Threshold> Thresholds, int? Resources, int? Seed)
{
    /// <summary>The options of a run of this plan: its phases, resources and seed over <paramref name="options"/>.</summary>
    public WorkloadOptions Apply(WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options with
        {
            Plan = Name,
            Phases = Phases,
            WriterPhases = WriterPhases,
            Resources = Resources ?? options.Resources,
            Seed = Seed ?? options.Seed,
        };
    }
}
