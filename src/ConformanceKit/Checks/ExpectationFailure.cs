namespace ConformanceKit.Checks;

/// <summary>One expectation that did not hold at a step: what was expected and what the server did.</summary>
public sealed record ExpectationFailure(int Step, string StepLabel, string Subject, string Expected, string Actual)
{
    /// <summary>How the server fixes it (a step's <c>fix</c>), or null.</summary>
    public string? Fix { get; init; }

    public string Describe() => $"step {Step} ({StepLabel}): {Subject}: expected {Expected}, got {Actual}{(Fix is null ? string.Empty : $"; fix: {Fix}")}";
}
