using ConformanceKit.Checks;

namespace ConformanceKit.Runs;

/// <summary>
/// Decides the exit code of a run (NOTES section 2): 0 conformant, 1 non-conformant. A check that errored
/// could not show conformance, so it fails the gate too. Level <see cref="GateLevel.Must"/> (the default)
/// counts fail verdicts; <see cref="GateLevel.Should"/> also warn. Info and skip never fail the gate.
/// </summary>
public static class Gate
{
    public static bool Passes(RunResult result, GateLevel level = GateLevel.Must)
    {
        ArgumentNullException.ThrowIfNull(result);
        return !result.Checks.Any(c => c.Verdict switch
        {
            Verdict.Fail or Verdict.Error => true,
            Verdict.Warn => level >= GateLevel.Should,
            _ => false,
        });
    }
}

public enum GateLevel
{
    Must,
    Should,
}
