namespace ConformanceKit.ReferenceServer.Preconditions;

/// <summary>
/// What the precondition evaluation decided. Each value maps to one status in
/// <see cref="Endpoints.ConditionalResponses"/>; only <see cref="Proceed"/> lets the method run.
/// </summary>
internal enum PreconditionOutcome
{
    /// <summary>No precondition failed: perform the method (RFC 9110 13.2.2 step 6).</summary>
    Proceed,

    /// <summary>If-None-Match or If-Modified-Since false on GET/HEAD: 304 (13.2.2 steps 3, 4).</summary>
    NotModified,

    /// <summary>If-Match or If-Unmodified-Since false, or If-None-Match false on another method: 412
    /// (13.2.2 steps 1-3).</summary>
    PreconditionFailed,

    /// <summary>A write without any precondition while the server requires one: 428 (RFC 6585 section 3).</summary>
    PreconditionRequired,
}

/// <summary>The outcome, the field that decided it (for the problem detail), and, when proceeding with
/// GET, whether a Range field is to be honoured (13.2.2 step 5).</summary>
internal readonly record struct PreconditionResult(PreconditionOutcome Outcome, string? Field, bool ApplyRange)
{
    public static PreconditionResult Proceed(bool applyRange) => new(PreconditionOutcome.Proceed, null, applyRange);

    public static PreconditionResult NotModified(string field) => new(PreconditionOutcome.NotModified, field, false);

    public static PreconditionResult Failed(string field) => new(PreconditionOutcome.PreconditionFailed, field, false);

    public static PreconditionResult Required() => new(PreconditionOutcome.PreconditionRequired, null, false);
}
