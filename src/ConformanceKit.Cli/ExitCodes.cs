namespace ConformanceKit.Cli;

/// <summary>The exit codes CI depends on (NOTES section 2).</summary>
public static class ExitCodes
{
    /// <summary>Conformant: no failure at or above the gate level, no check in error.</summary>
    public const int Conformant = 0;

    /// <summary>Non-conformant: a check failed (or could not be evaluated).</summary>
    public const int NonConformant = 1;

    /// <summary>Usage or configuration error: bad option, bad targets.json or suite file.</summary>
    public const int UsageError = 2;

    /// <summary>The run could not be carried out: target unreachable, reference server did not start.</summary>
    public const int CannotRun = 3;
}
