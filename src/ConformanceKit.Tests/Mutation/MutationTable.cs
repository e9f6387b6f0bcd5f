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
    /// <param name="KilledUnder">Only while the catalog checks the defect's rule under another section: the
    /// section its killers carry instead. Each use says which scenario should move; once one does, the test
    /// asks for this to be dropped.</param>
    public sealed record Row(Defect Defect, string[] Killers, bool RequirePreconditions = false, string? KilledUnder = null);

    public static IReadOnlyList<Row> MustKill { get; } =
    [
        new(Defects.WritePreconditionsIgnored, ["optimistic-locking", "if-match-stale-delete", "if-match-weak-tag-never-matches", "if-match-star-absent", "if-none-match-star-put-existing-412", "if-unmodified-since-earlier-date-412"]),
        new(Defects.IfMatchWeakComparison, ["if-match-weak-tag-never-matches"]),

        // The 15.4.5 rule (a 304 carries the ETag a 200 would) is checked inside conditional-get-304
        // (9110/13.1.2). Proposed: its own scenario in 9110/15.4.5 (see the report).
        new(Defects.NotModifiedWithoutETag, ["conditional-get-304", "if-none-match-head-304"], KilledUnder: "9110/13.1.2"),
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

        // 5.6.7 (recipients accept the obsolete date formats) is checked through If-Modified-Since in
        // if-modified-since-obsolete-date-format (9110/13.1.3). Proposed: move it to 9110/5.6.7.
        new(Defects.ImfFixdateOnly, ["if-modified-since-obsolete-date-format"], KilledUnder: "9110/13.1.3"),

        // 13.1.4 If-Unmodified-Since
        new(Defects.IfUnmodifiedSinceIgnored, ["if-unmodified-since-earlier-date-412"]),
        new(Defects.LastModifiedSubsecondComparison, ["if-unmodified-since-last-modified-2xx"]),
        new(Defects.InvalidDateFailsPrecondition, ["if-unmodified-since-invalid-date-ignored"]),

        // 13.1.5 If-Range
        new(Defects.IfRangeAlwaysFull, ["if-range-current-etag-206"]),
        new(Defects.IfRangeNotEvaluated, ["if-range-stale-etag-200", "if-range-weak-etag-200"]),
        new(Defects.IfRangeWeakComparison, ["if-range-weak-etag-200"]),

        // 13.2
        new(Defects.PreconditionsEvaluatedOnMissing, ["preconditions-ignored-on-404-get", "preconditions-ignored-on-404-delete"]),
        new(Defects.IfUnmodifiedSinceEvaluatedWithIfMatch, ["if-match-takes-precedence-over-if-unmodified-since"]),
        new(Defects.IfModifiedSinceEvaluatedWithIfNoneMatch, ["if-none-match-takes-precedence-over-if-modified-since"]),
        new(Defects.IfNoneMatchEvaluatedFirst, ["if-match-evaluated-before-if-none-match"]),

        // 8.8 validators
        new(Defects.ETagNotSent, ["etag-sent"]),
        new(Defects.UnquotedETag, ["etag-well-formed"]),
        new(Defects.ETagChangesEveryResponse, ["etag-stable-without-change", "if-match-current-etag-put", "conditional-get-304"]),
        new(Defects.LastModifiedNotSent, ["last-modified-sent"]),
        new(Defects.LastModifiedNotHttpDate, ["last-modified-is-http-date"]),

        // RFC 6585 section 3
        new(Defects.PreconditionRequiredWithoutExplanation, ["unconditional-write-refused-with-428"], RequirePreconditions: true),
        new(Defects.PreconditionRequiredIgnored, ["unconditional-write-refused-with-428"], RequirePreconditions: true),
        new(Defects.PreconditionRequiredDespiteIfMatch, ["conditional-write-accepted-when-required"], RequirePreconditions: true),
    ];

    /// <summary>
    /// Defects the catalog cannot kill today, with why. The matrix test asserts they are indeed not killed,
    /// so when the catalog learns to kill one, the test says to move it into <see cref="MustKill"/>.
    /// </summary>
    public static IReadOnlyDictionary<Defect, string> NotYetKillable { get; } = new Dictionary<Defect, string>
    {
        // Only a race shows it; the sequential catalog stays green against it (a later issue adds race checks).
        [Defects.NonAtomicWrite] = "only concurrent writes show a lost update; the catalog runs its steps one at a time",

        // No scenario looks at representation metadata on a 304 (RFC 9110 15.4.5: SHOULD NOT).
        [Defects.NotModifiedWithRepresentationMetadata] = "no check looks for Content-Type or Last-Modified on a 304",

        // put-response-etag-is-new checks exactly this but is level MAY, so it can only report info.
        [Defects.PutResponseOldETag] = "put-response-etag-is-new is MAY (info), though RFC 9110 9.3.4 makes validators in a PUT response a MUST NOT unless they describe the new representation",
    };

    /// <summary>Whether the defect's run needs the target to require preconditions.</summary>
    public static bool RequirePreconditions(Defect defect) =>
        MustKill.FirstOrDefault(row => row.Defect == defect)?.RequirePreconditions ?? false;
}
