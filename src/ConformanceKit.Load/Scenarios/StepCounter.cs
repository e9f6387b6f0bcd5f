namespace ConformanceKit.Load;

/// <summary>A counter a scenario's verify hook adds to one step's final stats (<c>write</c>, <c>lost-updates</c>, 2).
/// Invariants, checked here: a counter name as <see cref="StepOutcome.WithCounter"/> takes, a value not negative.</summary>
public sealed record StepCounter
{
    public StepCounter(string step, string counter, long value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        Step = step;
        Counter = Names.CheckCounter(counter);
        Value = value;
    }

    public string Step { get; }

    public string Counter { get; }

    public long Value { get; }
}
