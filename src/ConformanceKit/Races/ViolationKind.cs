namespace ConformanceKit.Races;

/// <summary>The anomalies the history checker looks for.</summary>
public enum ViolationKind
{
    /// <summary>More writes succeeded with one If-Match validator than could have found it current.</summary>
    LostUpdate,

    /// <summary>One strong entity-tag stood for different contents.</summary>
    DuplicateValidator,

    /// <summary>A write succeeded with an If-Match validator that was never current.</summary>
    BrokenChain,

    /// <summary>The final content or ETag is not what the writes that could have been last left.</summary>
    FinalStateInconsistent,
}

public static class ViolationKinds
{
    /// <summary>The stable kebab-case name, e.g. <c>lost-update</c>.</summary>
    public static string Id(this ViolationKind kind) => kind switch
    {
        ViolationKind.LostUpdate => "lost-update",
        ViolationKind.DuplicateValidator => "duplicate-validator",
        ViolationKind.BrokenChain => "broken-chain",
        ViolationKind.FinalStateInconsistent => "final-state-inconsistent",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
