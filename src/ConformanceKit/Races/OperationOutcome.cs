namespace ConformanceKit.Races;

/// <summary>What an answer says about whether an operation took effect.</summary>
public enum OperationOutcome
{
    /// <summary>2xx: it took effect.</summary>
    Ok,

    /// <summary>412 or 428: a precondition stopped it; it did not take effect.</summary>
    Refused,

    /// <summary>Any other answer below 500 (3xx, other 4xx): declined for another reason; it did not take effect.</summary>
    Rejected,

    /// <summary>No answer (timeout, reset, garbage) or 5xx: it may or may not have taken effect, so it is never
    /// counted as a success or as a failure.</summary>
    Indeterminate,
}

/// <summary>The one mapping from a status code (null: no response) to an <see cref="OperationOutcome"/>.</summary>
public static class OperationOutcomes
{
    public static OperationOutcome FromStatus(int? status) => status switch
    {
        null => OperationOutcome.Indeterminate,
        >= 200 and < 300 => OperationOutcome.Ok,
        412 or 428 => OperationOutcome.Refused,
        >= 500 => OperationOutcome.Indeterminate,
        _ => OperationOutcome.Rejected,
    };
}
