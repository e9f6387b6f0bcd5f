namespace ConformanceKit.Checks;

/// <summary>The outcome of one check (NOTES section 2).</summary>
public enum Verdict
{
    /// <summary>The requirement holds.</summary>
    Pass,

    /// <summary>A MUST is broken.</summary>
    Fail,

    /// <summary>A SHOULD is broken.</summary>
    Warn,

    /// <summary>An observation: a MAY, or behaviour worth knowing that no rule forbids.</summary>
    Info,

    /// <summary>Not applicable to this target; the reason says why.</summary>
    Skip,

    /// <summary>Could not be evaluated (network, setup, a harness problem); conformance is unknown.</summary>
    Error,
}
