using ConformanceKit.Http;
using ConformanceKit.Races;

namespace ConformanceKit.Checks;

/// <summary>
/// The immutable result of one check against one target, made only by the named factories below.
/// <see cref="Expected"/> and <see cref="Actual"/> are set when an expectation decided the verdict;
/// <see cref="DecidingStep"/> is the 1-based step that decided it (0 when none did).
/// </summary>
public sealed record CheckResult
{
    private CheckResult(CheckInfo check, Verdict verdict, string message)
    {
        Check = check;
        Verdict = verdict;
        Message = message;
    }

    public CheckInfo Check { get; }

    public Verdict Verdict { get; }

    public string Message { get; private init; }

    public string? Expected { get; private init; }

    public string? Actual { get; private init; }

    public int DecidingStep { get; private init; }

    public IReadOnlyList<Exchange> Exchanges { get; private init; } = [];

    public TimeSpan Duration { get; init; }

    /// <summary>For a race scenario: the figures, violations and rules behind the verdict.</summary>
    public RaceEvidence? Race { get; init; }

    public static CheckResult Passed(CheckInfo check, IReadOnlyList<Exchange> exchanges, string message = "requirement holds") =>
        new(check, Verdict.Pass, message) { Exchanges = exchanges };

    /// <summary>An expectation did not hold: fail for MUST, warn for SHOULD, info for MAY.</summary>
    public static CheckResult Broken(CheckInfo check, ExpectationFailure failure, IReadOnlyList<Exchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(failure);
        return new(check, VerdictFor(check.Level), failure.Describe())
        {
            Expected = failure.Expected,
            Actual = failure.Actual,
            DecidingStep = failure.Step,
            Exchanges = exchanges,
        };
    }

    /// <summary>A race broke the requirement (a violation in its history, or a race rule): fail for MUST,
    /// warn for SHOULD, info for MAY.</summary>
    public static CheckResult Violated(CheckInfo check, string message, string expected, string actual, IReadOnlyList<Exchange> exchanges)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new(check, VerdictFor(check.Level), message) { Expected = expected, Actual = actual, Exchanges = exchanges };
    }

    /// <summary>An observation: reported for information whatever it found.</summary>
    public static CheckResult Observed(CheckInfo check, string message, int decidingStep, IReadOnlyList<Exchange> exchanges) =>
        new(check, Verdict.Info, message) { DecidingStep = decidingStep, Exchanges = exchanges };

    public static CheckResult Skipped(CheckInfo check, string reason, IReadOnlyList<Exchange>? exchanges = null) =>
        new(check, Verdict.Skip, reason) { Exchanges = exchanges ?? [] };

    public static CheckResult Errored(CheckInfo check, string reason, IReadOnlyList<Exchange> exchanges) =>
        new(check, Verdict.Error, reason) { Exchanges = exchanges };

    /// <summary>The same result with <paramref name="note"/>, how it was reached (e.g. how long a step waited
    /// for a state the check needs), after its message in brackets.</summary>
    public CheckResult WithNote(string note) => string.IsNullOrEmpty(note) ? this : this with { Message = $"{Message} [{note}]" };

    private static Verdict VerdictFor(RequirementLevel level) => level switch
    {
        RequirementLevel.Must => Verdict.Fail,
        RequirementLevel.Should => Verdict.Warn,
        _ => Verdict.Info,
    };
}
