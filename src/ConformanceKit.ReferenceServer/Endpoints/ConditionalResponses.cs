using System.Diagnostics;
using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>Maps a precondition outcome to its response, in one switch.</summary>
internal sealed class ConditionalResponses(DefectSet defects, VariantSet variants, ValidatorFields validators, RepresentationResponses representations)
{
    /// <summary>Answers the request unless the outcome is <see cref="PreconditionOutcome.Proceed"/>;
    /// returns whether it did.</summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, PreconditionResult result, Representation? current)
    {
        ArgumentNullException.ThrowIfNull(context);
        switch (result.Outcome)
        {
            case PreconditionOutcome.Proceed:
                return false;

            case PreconditionOutcome.NotModified:
                WriteNotModified(context.Response, current);
                return true;

            case PreconditionOutcome.PreconditionFailed:
                // Not required on a 412, but the current entity-tag lets a client re-read or retry knowingly.
                if (current is not null)
                {
                    validators.WriteETag(context.Response, current.ETag);
                }

                await Problem.WriteAsync(
                    context,
                    StatusCodes.Status412PreconditionFailed,
                    "Precondition Failed",
                    DescribeFailure(result.Field, current),
                    result.Field).ConfigureAwait(false);
                return true;

            case PreconditionOutcome.PreconditionRequired when defects.Has(Defects.PreconditionRequiredWithoutExplanation):
                // Defect precondition-required-without-explanation: the status alone, nothing on how to resubmit.
                context.Response.StatusCode = StatusCodes.Status428PreconditionRequired;
                context.Response.ContentLength = 0;
                return true;

            case PreconditionOutcome.PreconditionRequired:
                // RFC 6585 section 3: the response SHOULD explain how to resubmit the request successfully.
                await Problem.WriteAsync(
                    context,
                    StatusCodes.Status428PreconditionRequired,
                    "Precondition Required",
                    "This server only accepts conditional writes (RFC 6585 section 3). Read the resource, then send " +
                    "its entity-tag in If-Match; to create a resource that must not exist yet, send If-None-Match: *.").ConfigureAwait(false);
                return true;

            default:
                throw new UnreachableException($"Unknown precondition outcome {result.Outcome}.");
        }
    }

    // RFC 9110 15.4.5: a 304 has no content and carries the fields a 200 would have sent among
    // Cache-Control, Content-Location, Date, ETag, Expires and Vary (we send no Content-Location, Expires or
    // Vary on 200). Other representation metadata SHOULD NOT be sent; Last-Modified is left out because the
    // ETag already identifies the stored response to update (variant not-modified-with-last-modified sends
    // it, as metadata that guides that update). Without a representation (only defect
    // not-modified-for-missing gets here so) there are no validators to send.
    private void WriteNotModified(HttpResponse response, Representation? current)
    {
        response.StatusCode = StatusCodes.Status304NotModified;

        // Defect not-modified-without-cache-control: the 200's Cache-Control is left out.
        if (!defects.Has(Defects.NotModifiedWithoutCacheControl))
        {
            representations.WriteCacheControl(response);
        }

        // Defect not-modified-content-length-zero: the length of the 304's own empty content (8.6 allows only
        // the length a 200 would have had, or none).
        if (defects.Has(Defects.NotModifiedContentLengthZero))
        {
            response.ContentLength = 0;
        }

        if (current is null)
        {
            return;
        }

        if (!defects.Has(Defects.NotModifiedWithoutETag))
        {
            validators.WriteETag(response, current.ETag);
        }

        if (defects.Has(Defects.NotModifiedWithRepresentationMetadata))
        {
            response.ContentType = current.MediaType;
            validators.WriteLastModified(response, current.LastModified);
        }
        else if (variants.Has(Variants.NotModifiedWithLastModified))
        {
            validators.WriteLastModified(response, current.LastModified);
        }
    }

    private static string DescribeFailure(string? field, Representation? current)
    {
        var state = current is null ? "the target resource has no current representation"
            : current.ETag is null ? "the current representation has no entity-tag"
            : $"the current entity-tag is {current.ETag}";
        return field switch
        {
            _ when field == HeaderNames.IfMatch =>
                $"If-Match did not match: {state}. If-Match uses the strong comparison, so weak tags never match (RFC 9110 13.1.1).",
            _ when field == HeaderNames.IfNoneMatch =>
                $"If-None-Match matched: {state}. The request must not be applied to an existing or matching representation (RFC 9110 13.1.2).",
            _ when field == HeaderNames.IfUnmodifiedSince =>
                "The resource was modified after the If-Unmodified-Since date (RFC 9110 13.1.4).",
            _ => "A precondition evaluated to false.",
        };
    }
}
