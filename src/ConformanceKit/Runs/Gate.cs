using ConformanceKit.Checks;

namespace ConformanceKit.Runs;

/// <summary>
/// Decides the exit code of a run (NOTES section 2): 0 conformant, 1 non-conformant. What breaks the gate, by
/// level (<c>--fail-on</c>):
/// <list type="bullet">
/// <item><see cref="GateLevel.Must"/> (the default): fail and error (a check that errored could not show
/// conformance);</item>
/// <item><see cref="GateLevel.Should"/>: also warn (a broken SHOULD);</item>
/// <item><see cref="GateLevel.Any"/>: every verdict but pass and skip, so info (observations such as accepting
/// blind overwrites) too.</item>
/// </list>
/// Skip never breaks it. A check named by the run's <see cref="Baseline"/> does not break it whatever its verdict
/// (it is "baselined"); a baselined check that now passes is a stale entry, which breaks the gate only with a
/// strict baseline.
/// </summary>
public static class Gate
{
    public static bool Passes(RunResult result, GateLevel level = GateLevel.Must) => Judge(result, level).Passes;

    /// <summary>Whether a verdict, on its own (no baseline), breaks the gate at <paramref name="level"/>.</summary>
    public static bool Breaks(Verdict verdict, GateLevel level) => verdict switch
    {
        Verdict.Fail or Verdict.Error => true,
        Verdict.Warn => level >= GateLevel.Should,
        Verdict.Info => level >= GateLevel.Any,
        _ => false,
    };

    /// <summary>Whether a check of <paramref name="result"/> breaks the gate: its verdict does, and its id is not in
    /// the run's baseline.</summary>
    public static bool Breaks(RunResult result, CheckResult check, GateLevel level)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(check);
        return Breaks(check.Verdict, level) && result.Baseline.Find(check.Check.Id) is null;
    }

    /// <summary>The gate's judgement of a run, with the checks behind it, in the run's order.</summary>
    public static GateOutcome Judge(RunResult result, GateLevel level = GateLevel.Must)
    {
        ArgumentNullException.ThrowIfNull(result);
        var breaking = new List<CheckResult>();
        var baselined = new List<BaselinedCheck>();
        var stale = new List<BaselineEntry>();
        foreach (var check in result.Checks)
        {
            var entry = result.Baseline.Find(check.Check.Id);
            if (entry is null)
            {
                if (Breaks(check.Verdict, level))
                {
                    breaking.Add(check);
                }
            }
            else if (check.Verdict == Verdict.Pass)
            {
                stale.Add(entry);
            }
            else if (Breaks(check.Verdict, level))
            {
                baselined.Add(new BaselinedCheck(check, entry));
            }
        }

        var ran = result.Checks.Select(c => c.Check.Id).ToHashSet(StringComparer.Ordinal);
        var notRun = result.Baseline.Entries.Where(e => !ran.Contains(e.Id)).ToList();
        return new GateOutcome(level, breaking, baselined, stale, notRun, result.Baseline.Strict);
    }

    /// <summary><c>MUST</c>, <c>SHOULD</c> or <c>ANY</c>, as the reports name the gate.</summary>
    public static string Name(GateLevel level) => level.ToString().ToUpperInvariant();

    /// <summary>What breaks the gate at <paramref name="level"/>, in words: "fail and error", ...</summary>
    public static string Breaking(GateLevel level) => level switch
    {
        GateLevel.Must => "fail and error",
        GateLevel.Should => "fail, warn and error",
        _ => "fail, warn, info and error",
    };

    /// <summary>What holds when the gate passes at <paramref name="level"/>, in words.</summary>
    public static string Holds(GateLevel level) => level switch
    {
        GateLevel.Must => "no MUST broken, no check in error",
        GateLevel.Should => "no MUST or SHOULD broken, no check in error",
        _ => "every check passed or did not apply",
    };
}

/// <summary>How demanding the gate is (<c>--fail-on must|should|any</c>); each level includes the ones before.</summary>
public enum GateLevel
{
    Must,
    Should,
    Any,
}

/// <summary>A check that would have broken the gate, kept from it by a baseline entry.</summary>
public sealed record BaselinedCheck(CheckResult Check, BaselineEntry Entry);

/// <summary>
/// The gate's judgement: the checks that break it (none baselined), the baselined checks that would have, the
/// stale baseline entries (their check passed: remove them), and the entries whose check was not in this run
/// (not selected by --only/--exclude). It passes with no breaking check, and, under a strict baseline, no stale
/// entry.
/// </summary>
public sealed record GateOutcome(
    GateLevel Level,
    IReadOnlyList<CheckResult> Breaking,
    IReadOnlyList<BaselinedCheck> Baselined,
    IReadOnlyList<BaselineEntry> Stale,
    IReadOnlyList<BaselineEntry> NotRun,
    bool StrictBaseline)
{
    public bool Passes => Breaking.Count == 0 && !(StrictBaseline && Stale.Count > 0);

    /// <summary>Whether the stale entries are what breaks the gate.</summary>
    public bool StaleBreaks => StrictBaseline && Stale.Count > 0;
}
