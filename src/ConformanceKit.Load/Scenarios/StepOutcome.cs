namespace ConformanceKit.Load;

/// <summary>
/// What one step reports: ok or failed (with a reason), an optional status code, bytes received and sent, and
/// optional custom counters (<c>not-modified: 1</c>, <c>bytes-saved: 512</c>, <c>conflict: 1</c>, <c>retry: 1</c>)
/// that the stats add up per step and that thresholds can name. Immutable; made by <see cref="Ok"/> and
/// <see cref="Fail(int?, string, long, long)"/>, extended by <see cref="WithCounter"/>.
/// Invariants: a status code is 100..999, byte counts and counter values are not negative, a failure has a reason.
/// </summary>
public sealed class StepOutcome
{
    /// <summary>Failure reasons are cut to this length, so an exception message cannot hold much memory.</summary>
    public const int MaxReasonLength = 300;

    private static readonly StepOutcome PlainOk = new(true, null, 0, 0, null, []);

    private readonly KeyValuePair<string, long>[] counters;

    private StepOutcome(bool isOk, int? statusCode, long bytesIn, long bytesOut, string? failureReason, KeyValuePair<string, long>[] counters)
    {
        if (statusCode is < 100 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "A status code must be between 100 and 999.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(bytesIn);
        ArgumentOutOfRangeException.ThrowIfNegative(bytesOut);
        IsOk = isOk;
        StatusCode = statusCode;
        BytesIn = bytesIn;
        BytesOut = bytesOut;
        FailureReason = failureReason is { Length: > MaxReasonLength } ? failureReason[..MaxReasonLength] : failureReason;
        this.counters = counters;
    }

    public bool IsOk { get; }

    public int? StatusCode { get; }

    public long BytesIn { get; }

    public long BytesOut { get; }

    /// <summary>Why the step failed; null when it is ok.</summary>
    public string? FailureReason { get; }

    /// <summary>Custom counters, one entry per name, in the order they were added.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Counters => counters;

    internal KeyValuePair<string, long>[] CounterArray => counters;

    public static StepOutcome Ok(int? statusCode = null, long bytesIn = 0, long bytesOut = 0) =>
        statusCode is null && bytesIn == 0 && bytesOut == 0 ? PlainOk : new(true, statusCode, bytesIn, bytesOut, null, []);

    public static StepOutcome Fail(string reason) => Fail(null, reason);

    public static StepOutcome Fail(int? statusCode, string reason, long bytesIn = 0, long bytesOut = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, statusCode, bytesIn, bytesOut, reason, []);
    }

    /// <summary>This outcome with <paramref name="value"/> added to counter <paramref name="name"/>.</summary>
    public StepOutcome WithCounter(string name, long value = 1)
    {
        Names.CheckCounter(name);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        var index = Array.FindIndex(counters, c => c.Key == name);
        var next = index < 0 ? [.. counters, new(name, value)] : counters.ToArray();
        if (index >= 0)
        {
            next[index] = new(name, checked(next[index].Value + value));
        }

        return new(IsOk, StatusCode, BytesIn, BytesOut, FailureReason, next);
    }

    /// <summary>A step that threw: a failure with the exception's type and message.</summary>
    internal static StepOutcome FromException(Exception exception) => Fail($"{exception.GetType().Name}: {exception.Message}");

    public override string ToString()
    {
        var status = StatusCode is { } s ? $" {s}" : "";
        return IsOk ? $"ok{status}" : $"failed{status}: {FailureReason}";
    }
}
