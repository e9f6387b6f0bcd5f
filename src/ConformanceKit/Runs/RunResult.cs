using ConformanceKit.Checks;

namespace ConformanceKit.Runs;

/// <summary>Everything one run found about one target; the source of every report.</summary>
public sealed record RunResult(
    string Target,
    string TargetKind,
    IReadOnlyList<string> Defects,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int Seed,
    string ToolVersion,
    IReadOnlyList<CheckResult> Checks)
{
    public RunSummary Summary => RunSummary.Of(Checks);

    /// <summary>The known deviations the gate accepts for this run (<c>--baseline</c>); none by default. Set it
    /// with <c>with</c> before the reports are written: every report shows the baselined checks.</summary>
    public Baseline Baseline { get; init; } = Baseline.None;

    /// <summary>Set when the run's time budget ran out before every check had run: the checks left are error
    /// verdicts saying so.</summary>
    public string? StoppedEarly { get; init; }
}

/// <summary>Counts per verdict.</summary>
public sealed record RunSummary(int Pass, int Fail, int Warn, int Info, int Skip, int Error)
{
    public int Total => Pass + Fail + Warn + Info + Skip + Error;

    public static RunSummary Of(IEnumerable<CheckResult> checks)
    {
        var counts = checks.GroupBy(c => c.Verdict).ToDictionary(g => g.Key, g => g.Count());
        int Count(Verdict verdict) => counts.GetValueOrDefault(verdict);
        return new RunSummary(Count(Verdict.Pass), Count(Verdict.Fail), Count(Verdict.Warn), Count(Verdict.Info), Count(Verdict.Skip), Count(Verdict.Error));
    }
}
