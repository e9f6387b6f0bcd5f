using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Preconditions;

/// <summary>
/// The one place where preconditions are evaluated, in the order of RFC 9110 13.2.2. The caller has
/// already applied 13.2.1: it only asks when the response without preconditions would be 2xx (the target
/// exists, or the method would create it), so a missing target is answered 404 before we get here.
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
        var isGetOrHead = isGet || HttpMethods.IsHead(method);

        // RFC 6585 section 3: a server that requires conditional writes answers 428 to one without any.
        if (requirePreconditions && IsUpdate(method) && !conditions.ProtectsWrite)
        {
            return PreconditionResult.Required();
        }

        // Defect write-preconditions-ignored: state-changing methods skip steps 1 to 3.
        var evaluateWriteConditions = isGetOrHead || !defects.Has(Defects.WritePreconditionsIgnored);

        // Step 1 (13.1.1): If-Match, strong comparison. "*" is true iff a current representation exists;
        // a list is true iff any member matches (a weak member never matches strongly).
        if (evaluateWriteConditions && conditions.IfMatch is { } ifMatch)
        {
            var comparison = defects.Has(Defects.IfMatchWeakComparison) ? EntityTagComparison.Weak : EntityTagComparison.Strong;
            if (!ifMatch.MatchesCurrent(current?.ETag, comparison))
            {
                return PreconditionResult.Failed(HeaderNames.IfMatch);
            }
        }

        // Step 2 (13.1.4): only without If-Match; ignored when the date was invalid (then null) or when there
        // is no representation with a modification date. False when modified after the given date.
        else if (evaluateWriteConditions && conditions.IfUnmodifiedSince is { } unmodifiedSince && current is not null)
        {
            if (current.LastModified > unmodifiedSince)
            {
                return PreconditionResult.Failed(HeaderNames.IfUnmodifiedSince);
            }
        }

        // Step 3 (13.1.2): If-None-Match, weak comparison. "*" is false iff a current representation exists;
        // a list is false iff any member matches. False: 304 for GET/HEAD, 412 for other methods.
        var ifNoneMatch = conditions.IfNoneMatch;
        if ((isGetOrHead && defects.Has(Defects.IfNoneMatchIgnoredOnGet)) || !evaluateWriteConditions)
        {
            ifNoneMatch = null;
        }

        if (ifNoneMatch is not null)
        {
            if (ifNoneMatch.MatchesCurrent(current?.ETag, EntityTagComparison.Weak))
            {
                return isGetOrHead
                    ? PreconditionResult.NotModified(HeaderNames.IfNoneMatch)
                    : PreconditionResult.Failed(HeaderNames.IfNoneMatch);
            }
        }

        // Step 4 (13.1.3): GET/HEAD only, only without If-None-Match; ignored when invalid. False (304) when
        // the representation was last modified at or before the given date. RFC 9110 dropped RFC 2616's
        // "a date later than the server's current time is invalid", so such a date is simply compared.
        else if (isGetOrHead && conditions.IfModifiedSince is { } modifiedSince && current is not null)
        {
            if (current.LastModified <= modifiedSince)
            {
                return PreconditionResult.NotModified(HeaderNames.IfModifiedSince);
            }
        }

        // Step 5 (13.1.5): GET with Range. Without If-Range the range applies; with it, only if it matches.
        var applyRange = isGet && conditions.HasRange;
        if (applyRange && conditions.IfRange is { } ifRange)
        {
            applyRange = IfRangeMatches(ifRange, current, now);
        }

        // Step 6: perform the method.
        return PreconditionResult.Proceed(applyRange);
    }

    private static bool IsUpdate(string method) =>
        HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    // 13.1.5: an entity-tag matches by the strong comparison (so a weak tag never does); an HTTP-date
    // matches only if it equals Last-Modified exactly and that Last-Modified is a strong validator, which
    // 8.8.2.2 lets an origin server assume when it is at least one second older than the response's Date.
    private static bool IfRangeMatches(IfRangeValidator ifRange, Representation? current, DateTimeOffset now)
    {
        if (current is null)
        {
            return false;
        }

        if (ifRange.Tag is { } tag)
        {
            return tag.Matches(current.ETag, EntityTagComparison.Strong);
        }

        if (ifRange.Date is { } date)
        {
            var lastModifiedIsStrong = HttpDate.Truncate(now) - current.LastModified >= TimeSpan.FromSeconds(1);
            return lastModifiedIsStrong && date == current.LastModified;
        }

        return false;
    }
}
