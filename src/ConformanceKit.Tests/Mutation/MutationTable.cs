using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Tests.Mutation;

/// <summary>
/// What the catalog must do to each defect mode. A row names the checks expected to kill the defect (fail
/// for a MUST, warn for a SHOULD); the run must break at least those, and at least one broken check must
/// be in the defect's own section (or a subsection of it).
/// </summary>
internal static class MutationTable
{
    /// <param name="Defect">The defect the reference server runs with, alone.</param>
    /// <param name="Killers">Check ids that must fail or warn against it.</param>
    /// <param name="RequirePreconditions">Run the target with <c>requirePreconditions: true</c> (the 428
    /// checks apply only then).</param>
    public sealed record Row(Defect Defect, string[] Killers, bool RequirePreconditions = false);

    public static IReadOnlyList<Row> MustKill { get; } =
    [
        new(Defects.WritePreconditionsIgnored, ["optimistic-locking", "if-match-stale-delete", "if-match-weak-tag-never-matches", "if-match-star-absent", "if-none-match-star-put-existing-412", "if-unmodified-since-earlier-date-412"]),
        new(Defects.IfMatchWeakComparison, ["if-match-weak-tag-never-matches"]),
        new(Defects.NotModifiedWithoutETag, ["not-modified-carries-etag", "not-modified-after-if-modified-since-carries-etag", "conditional-get-304", "if-none-match-head-304"]),
        new(Defects.ETagUnchangedAfterWrite, ["etag-changes-when-content-changes", "optimistic-locking"]),
        new(Defects.IfNoneMatchIgnoredOnGet, ["conditional-get-304", "if-none-match-head-304", "if-none-match-weak-comparison", "if-none-match-list"]),

        // 13.1.1 If-Match
        new(Defects.IfMatchUnquotedComparison, ["if-match-current-etag-put", "optimistic-locking", "if-match-list-with-current-etag"]),
        new(Defects.IfMatchStarAsTag, ["if-match-star-existing"]),
        new(Defects.IfMatchStarMatchesMissing, ["if-match-star-absent"]),
        new(Defects.IfMatchIgnoredOnReads, ["if-match-stale-get", "if-match-evaluated-before-if-none-match"]),
        new(Defects.EntityTagListFirstOnly, ["if-match-list-with-current-etag", "if-none-match-list"]),

        // 13.1.2 If-None-Match
        new(Defects.IfNoneMatchStrongComparison, ["if-none-match-weak-comparison"]),
        new(Defects.IfNoneMatchPresenceOnly, ["if-none-match-other-etag-200", "if-none-match-after-change-200"]),
        new(Defects.IfNoneMatchStarIgnoredOnWrites, ["if-none-match-star-put-existing-412"]),

        // Also breaks the harness's own setup (it creates every fresh resource with If-None-Match: *), so the
        // other checks end as errors; the one check on an absent resource fails.
        new(Defects.IfNoneMatchStarFailsOnMissing, ["if-none-match-star-put-absent-creates"]),
        new(Defects.NotModifiedForWrites, ["if-none-match-put-current-etag-412", "if-none-match-star-put-existing-412"]),

        // 13.1.3 If-Modified-Since
        new(Defects.IfModifiedSinceIgnored, ["if-modified-since-last-modified-304", "if-modified-since-obsolete-date-format"]),
        new(Defects.IfModifiedSincePresenceOnly, ["if-modified-since-earlier-date-200"]),
        new(Defects.InvalidDateAsNow, ["if-modified-since-invalid-date-ignored"]),
        new(Defects.IfModifiedSinceEvaluatedOnWrites, ["if-modified-since-ignored-on-put"]),
        new(Defects.ImfFixdateOnly, ["if-unmodified-since-asctime-understood", "if-unmodified-since-rfc850-understood", "if-modified-since-obsolete-date-format", "if-modified-since-rfc850-date"]),

        // 13.1.4 If-Unmodified-Since
        new(Defects.IfUnmodifiedSinceIgnored, ["if-unmodified-since-earlier-date-412"]),
        new(Defects.LastModifiedSubsecondComparison, ["if-unmodified-since-last-modified-2xx"]),
        new(Defects.InvalidDateFailsPrecondition, ["if-unmodified-since-invalid-date-ignored"]),
        new(Defects.IfUnmodifiedSinceExactMatch, ["if-unmodified-since-later-date-2xx", "if-unmodified-since-true-if-none-match-false-304"]),
        new(Defects.IfUnmodifiedSinceFailsWithoutDate, ["if-unmodified-since-ignored-without-date"]),

        // 13.1.5 If-Range
        new(Defects.IfRangeAlwaysFull, ["if-range-current-etag-206"]),
        new(Defects.IfRangeNotEvaluated, ["if-range-stale-etag-200", "if-range-weak-etag-200"]),
        new(Defects.IfRangeWeakComparison, ["if-range-weak-etag-200"]),
        new(Defects.IfRangeAsPrecondition, ["if-range-without-range-ignored", "if-range-stale-etag-200", "if-range-weak-etag-200", "if-match-true-if-range-stale-200"]),

        // 15.3.7 206 Partial Content
        new(Defects.PartialContentWithoutContentRange, ["partial-content-carries-content-range"]),
        new(Defects.PartialContentWithoutETag, ["partial-content-carries-etag"]),

        // 15.4.5 304 Not Modified, and 8.6 Content-Length on it
        new(Defects.NotModifiedWithRepresentationMetadata, ["not-modified-no-content-type"]),
        new(Defects.NotModifiedWithoutCacheControl, ["not-modified-carries-cache-control"]),
        new(Defects.NotModifiedContentLengthZero, ["not-modified-content-length-consistent"]),

        // 13.2
        new(Defects.PreconditionsEvaluatedOnMissing, ["preconditions-ignored-on-404-get", "preconditions-ignored-on-404-delete"]),
        new(Defects.NotModifiedForMissing, ["if-none-match-star-get-absent-404"]),
        new(Defects.IfUnmodifiedSinceEvaluatedWithIfMatch, ["if-match-takes-precedence-over-if-unmodified-since"]),
        new(Defects.IfModifiedSinceEvaluatedWithIfNoneMatch, ["if-none-match-takes-precedence-over-if-modified-since"]),
        new(Defects.IfNoneMatchEvaluatedFirst, ["if-match-evaluated-before-if-none-match"]),

        // 8.8 validators
        new(Defects.ETagNotSent, ["etag-sent"]),
        new(Defects.UnquotedETag, ["etag-well-formed"]),
        new(Defects.ETagChangesEveryResponse, ["etag-stable-without-change", "if-match-current-etag-put", "conditional-get-304"]),
        new(Defects.LastModifiedNotSent, ["last-modified-sent"]),
        new(Defects.LastModifiedNotHttpDate, ["last-modified-is-http-date"]),
        new(Defects.LastModifiedInFuture, ["last-modified-not-after-date"]),

        // 9.3.4 PUT
        new(Defects.PutResponseOldETag, ["put-response-etag-is-new"]),

        // 15.5.13: a 412 means the method was not applied.
        new(Defects.PreconditionFailedButApplied, ["precondition-failed-put-changes-nothing", "precondition-failed-delete-changes-nothing", "precondition-failed-patch-changes-nothing", "precondition-failed-by-date-changes-nothing", "optimistic-locking"]),

        // 13.1.1 under concurrency: only racing clients show a check-then-write that is not atomic.
        new(Defects.NonAtomicWrite, ["if-match-race-one-winner", "read-modify-write-no-lost-update"]),

        // Scripts of other origins (the Fetch standard's CORS protocol), seen through Chromium.
        new(Defects.CorsETagNotExposed, ["script-reads-etag-cross-origin"]),
        new(Defects.CorsIfMatchNotAllowed, ["script-conditional-requests-cross-origin"]),

        // RFC 6585 section 3
        new(Defects.PreconditionRequiredWithoutExplanation, ["unconditional-write-refused-with-428"], RequirePreconditions: true),
        new(Defects.PreconditionRequiredIgnored, ["unconditional-write-refused-with-428"], RequirePreconditions: true),
        new(Defects.PreconditionRequiredDespiteIfMatch, ["conditional-write-accepted-when-required"], RequirePreconditions: true),

        // Also breaks the harness's setup under requirePreconditions (fresh resources are created with
        // If-None-Match: *), so most other checks end as errors; the check on an absent resource fails.
        new(Defects.PreconditionRequiredRejectsIfNoneMatchStar, ["create-with-if-none-match-star-when-required"], RequirePreconditions: true),
    ];

    /// <summary>Whether the defect's run needs the target to require preconditions.</summary>
    public static bool RequirePreconditions(Defect defect) =>
        MustKill.FirstOrDefault(row => row.Defect == defect)?.RequirePreconditions ?? false;
}
