using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Preconditions;

/// <summary>
/// The one place where preconditions are evaluated, in the order of RFC 9110 13.2.2. The caller has
/// already applied 13.2.1: it only asks when the response without preconditions would be 2xx (the target
/// exists, or the method would create it), so a missing target is answered 404 before we get here.
/// Every defect mode that bends an evaluation rule is checked here, next to the rule it bends.
/// </summary>
internal sealed class PreconditionEvaluator(DefectSet defects, bool requirePreconditions)
{
    /// <param name="method">The request method.</param>
    /// <param name="conditions">The request's precondition fields.</param>
    /// <param name="current">The selected representation, or null when there is none (a PUT that would
    /// create, a POST to the collection).</param>
    /// <param name="now">The server's clock now; the response's Date is not earlier.</param>
    public PreconditionResult Evaluate(string method, RequestConditions conditions, Representation? current, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var isGet = HttpMethods.IsGet(method);
        var isRead = isGet || HttpMethods.IsHead(method);

        // RFC 6585 section 3: a server that requires conditional writes answers 428 to one without any.
        if (requirePreconditions && MustBeConditional(method) && !ProtectsWrite(conditions))
        {
            return PreconditionResult.Required();
        }

        // Steps 1 to 4: the If-Match pair decides before the If-None-Match pair.
        // Defect if-none-match-evaluated-first: the other way round.
        var decided = defects.Has(Defects.IfNoneMatchEvaluatedFirst)
            ? IfNoneMatchOrModifiedSince(isRead, conditions, current) ?? IfMatchOrUnmodifiedSince(isRead, conditions, current)
            : IfMatchOrUnmodifiedSince(isRead, conditions, current) ?? IfNoneMatchOrModifiedSince(isRead, conditions, current);
        if (decided is { } failed)
        {
            return failed;
        }

        // Defect if-range-as-precondition: If-Range is evaluated like If-Match, Range or not, and a validator
        // that does not match refuses the GET with 412 (13.1.5: without Range it is ignored; otherwise it only
        // decides between the range and the whole representation).
        if (isGet && conditions.IfRange is { } asPrecondition && defects.Has(Defects.IfRangeAsPrecondition)
            && !IfRangeMatches(asPrecondition, current, now))
        {
            return PreconditionResult.Failed(HeaderNames.IfRange);
        }

        // Step 5 (13.1.5): GET with Range. Without If-Range the range applies; with it, only if it matches.
        // Defect if-range-not-evaluated: the range applies whatever If-Range says.
        var applyRange = isGet && conditions.HasRange;
        if (applyRange && conditions.IfRange is { } ifRange && !defects.Has(Defects.IfRangeNotEvaluated))
        {
            applyRange = IfRangeMatches(ifRange, current, now);
        }

        // Step 6: perform the method.
        return PreconditionResult.Proceed(applyRange);
    }

    // Steps 1 and 2; null when both hold (or are absent).
    private PreconditionResult? IfMatchOrUnmodifiedSince(bool isRead, RequestConditions conditions, Representation? current)
    {
        // Defect write-preconditions-ignored: state-changing methods skip steps 1 to 3.
        if (!isRead && defects.Has(Defects.WritePreconditionsIgnored))
        {
            return null;
        }

        // Step 1 (13.1.1): If-Match, for every method. Defect if-match-ignored-on-reads: writes only.
        var ifMatch = isRead && defects.Has(Defects.IfMatchIgnoredOnReads) ? null : conditions.IfMatch;
        if (ifMatch is not null && !IfMatchHolds(ifMatch, current))
        {
            return PreconditionResult.Failed(HeaderNames.IfMatch);
        }

        // Step 2 (13.1.4): only without If-Match (defect if-unmodified-since-evaluated-with-if-match: with it
        // too); ignored when the date was invalid (then null).
        if ((ifMatch is not null && !defects.Has(Defects.IfUnmodifiedSinceEvaluatedWithIfMatch))
            || defects.Has(Defects.IfUnmodifiedSinceIgnored)
            || conditions.IfUnmodifiedSince is not { } unmodifiedSince)
        {
            return null;
        }

        // Ignored, too, when there is no representation or it has no modification date. Defect
        // if-unmodified-since-fails-without-date: false instead.
        if (current?.ModifiedAt is not { } modifiedAt || current.LastModified is not { } lastModified)
        {
            return defects.Has(Defects.IfUnmodifiedSinceFailsWithoutDate) ? PreconditionResult.Failed(HeaderNames.IfUnmodifiedSince) : null;
        }

        // Last-Modified has whole seconds, like the date. Defect last-modified-subsecond-comparison compares
        // the precise modification time, which is later than its own Last-Modified within that second.
        var modified = defects.Has(Defects.LastModifiedSubsecondComparison) ? modifiedAt : lastModified;

        // False when modified after the date. Defect if-unmodified-since-exact-match: false unless modified at
        // exactly that date.
        var holds = defects.Has(Defects.IfUnmodifiedSinceExactMatch) ? modified == unmodifiedSince : modified <= unmodifiedSince;
        return holds ? null : PreconditionResult.Failed(HeaderNames.IfUnmodifiedSince);
    }

    // Steps 3 and 4; null when both hold (or are absent).
    private PreconditionResult? IfNoneMatchOrModifiedSince(bool isRead, RequestConditions conditions, Representation? current)
    {
        if (!isRead && defects.Has(Defects.WritePreconditionsIgnored))
        {
            return null;
        }

        // Defect if-none-match-ignored-on-get: reads treat it as absent. Defect
        // if-none-match-star-ignored-on-writes: writes treat "*" as absent.
        var ifNoneMatch = conditions.IfNoneMatch;
        if ((isRead && defects.Has(Defects.IfNoneMatchIgnoredOnGet))
            || (!isRead && ifNoneMatch is { IsAny: true } && defects.Has(Defects.IfNoneMatchStarIgnoredOnWrites)))
        {
            ifNoneMatch = null;
        }

        // Step 3 (13.1.2): false is 304 for GET/HEAD and 412 for other methods.
        // Defect not-modified-for-writes: 304 for writes too.
        if (ifNoneMatch is not null && !IfNoneMatchHolds(isRead, ifNoneMatch, current))
        {
            return isRead || defects.Has(Defects.NotModifiedForWrites)
                ? PreconditionResult.NotModified(HeaderNames.IfNoneMatch)
                : PreconditionResult.Failed(HeaderNames.IfNoneMatch);
        }

        // Step 4 (13.1.3): GET/HEAD only (defect if-modified-since-evaluated-on-writes: every method), only
        // without If-None-Match (defect if-modified-since-evaluated-with-if-none-match: with it too); ignored
        // when invalid, and without a modification date. RFC 9110 dropped RFC 2616's "a date later than the
        // server's current time is invalid", so such a date is simply compared.
        if ((!isRead && !defects.Has(Defects.IfModifiedSinceEvaluatedOnWrites))
            || (ifNoneMatch is not null && !defects.Has(Defects.IfModifiedSinceEvaluatedWithIfNoneMatch))
            || defects.Has(Defects.IfModifiedSinceIgnored)
            || conditions.IfModifiedSince is not { } modifiedSince
            || current?.LastModified is not { } lastModified)
        {
            return null;
        }

        // False (not modified) when last modified at or before the date. Defect if-modified-since-presence-only:
        // false without comparing.
        if (!defects.Has(Defects.IfModifiedSincePresenceOnly) && lastModified > modifiedSince)
        {
            return null;
        }

        return isRead
            ? PreconditionResult.NotModified(HeaderNames.IfModifiedSince)
            : PreconditionResult.Failed(HeaderNames.IfModifiedSince);
    }

    // 13.1.1: "*" is true iff a current representation exists; a list is true iff any member matches the
    // current entity-tag by the strong comparison (so a weak member, or a weak current tag, never matches,
    // and without a current entity-tag nothing does).
    private bool IfMatchHolds(EntityTagCondition ifMatch, Representation? representation)
    {
        if (ifMatch.IsAny)
        {
            // Defect if-match-star-as-tag: "*" is compared like a tag, and no tag is "*".
            // Defect if-match-star-matches-missing: "*" holds without a current representation.
            return !defects.Has(Defects.IfMatchStarAsTag)
                && (representation is not null || defects.Has(Defects.IfMatchStarMatchesMissing));
        }

        if (representation?.ETag is not { } current)
        {
            return false;
        }

        // Defect if-match-unquoted-comparison: the member as written ("abc", quotes included) against the
        // stored opaque tag (abc): never equal.
        if (defects.Has(Defects.IfMatchUnquotedComparison))
        {
            return ifMatch.Tags.Any(tag => string.Equals(tag.ToString(), current.Opaque, StringComparison.Ordinal));
        }

        var comparison = defects.Has(Defects.IfMatchWeakComparison) ? EntityTagComparison.Weak : EntityTagComparison.Strong;
        return ifMatch.MatchesCurrent(current, comparison);
    }

    // 13.1.2: "*" is false iff a current representation exists; a list is false iff any member matches the
    // current entity-tag by the weak comparison (without a current entity-tag, none does).
    private bool IfNoneMatchHolds(bool isRead, EntityTagCondition ifNoneMatch, Representation? representation)
    {
        // Defect if-none-match-presence-only: on reads, present means false.
        if (isRead && defects.Has(Defects.IfNoneMatchPresenceOnly))
        {
            return false;
        }

        if (ifNoneMatch.IsAny)
        {
            // Defect if-none-match-star-fails-on-missing: false even without a current representation.
            return representation is null && !defects.Has(Defects.IfNoneMatchStarFailsOnMissing);
        }

        var comparison = defects.Has(Defects.IfNoneMatchStrongComparison) ? EntityTagComparison.Strong : EntityTagComparison.Weak;
        return !ifNoneMatch.MatchesCurrent(representation?.ETag, comparison);
    }

    // RFC 6585 section 3 as configured: PUT, PATCH and DELETE must be conditional.
    // Defect precondition-required-ignored: PUT is left out.
    private bool MustBeConditional(string method) =>
        (HttpMethods.IsPut(method) && !defects.Has(Defects.PreconditionRequiredIgnored))
        || HttpMethods.IsPatch(method)
        || HttpMethods.IsDelete(method);

    // Defect precondition-required-despite-if-match: If-Match does not count as a precondition.
    // Defect precondition-required-rejects-if-none-match-star: If-None-Match: * does not count.
    private bool ProtectsWrite(RequestConditions conditions)
    {
        if (defects.Has(Defects.PreconditionRequiredDespiteIfMatch))
        {
            return conditions.IfNoneMatch is not null || conditions.IfUnmodifiedSince is not null;
        }

        if (defects.Has(Defects.PreconditionRequiredRejectsIfNoneMatchStar))
        {
            return conditions.IfMatch is not null || conditions.IfNoneMatch is { IsAny: false } || conditions.IfUnmodifiedSince is not null;
        }

        return conditions.ProtectsWrite;
    }

    // 13.1.5: an entity-tag matches by the strong comparison (so a weak tag never does); an HTTP-date
    // matches only if it equals Last-Modified exactly and that Last-Modified is a strong validator, which
    // 8.8.2.2 lets an origin server assume when it is at least one second older than the response's Date.
    private bool IfRangeMatches(IfRangeValidator ifRange, Representation? current, DateTimeOffset now)
    {
        // Defect if-range-always-full: nothing matches.
        if (current is null || defects.Has(Defects.IfRangeAlwaysFull))
        {
            return false;
        }

        if (ifRange.Tag is { } tag)
        {
            var comparison = defects.Has(Defects.IfRangeWeakComparison) ? EntityTagComparison.Weak : EntityTagComparison.Strong;
            return current.ETag is { } currentTag && tag.Matches(currentTag, comparison);
        }

        if (ifRange.Date is { } date && current.LastModified is { } lastModified)
        {
            var lastModifiedIsStrong = HttpDate.Truncate(now) - lastModified >= TimeSpan.FromSeconds(1);
            return lastModifiedIsStrong && date == lastModified;
        }

        return false;
    }
}
