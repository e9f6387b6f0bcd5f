namespace ConformanceKit.Checks;

/// <summary>One expectation that did not hold at a step: what was expected and what the server did.</summary>
public sealed record ExpectationFailure(int Step, string StepLabel, string Subject, string Expected, string Actual)
{
    public string Describe() => $"step {Step} ({StepLabel}): {Subject}: expected {Expected}, got {Actual}";
}
