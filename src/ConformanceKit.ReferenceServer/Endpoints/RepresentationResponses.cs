using System.Globalization;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>Sends a selected representation: 200, 206 or 416 for GET, headers only for HEAD. The one place
/// where range requests are served and where the Cache-Control of a representation is decided.</summary>
internal sealed class RepresentationResponses(DefectSet defects, VariantSet variants, ValidatorFields validators)
{
    public const string CacheControl = "no-cache";

    /// <param name="context">The exchange.</param>
    /// <param name="representation">The selected representation.</param>
    /// <param name="applyRange">Whether a Range field survived the preconditions (RFC 9110 13.2.2 step 5).</param>
    public async Task WriteAsync(HttpContext context, Representation representation, bool applyRange)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(representation);
        var request = context.Request;
        var response = context.Response;
        var content = representation.Content;
        var length = content.Length;

        // Variant ranges-unsupported: Range is ignored (RFC 9110 14.2 allows it), so If-Range has nothing to decide.
        var supportsRanges = !variants.Has(Variants.RangesUnsupported);
        var range = supportsRanges && applyRange && request.Headers.Range.Count == 1
            ? ByteRangeRequest.Resolve(request.Headers.Range[0], length)
            : default;

        if (range.Kind == ByteRangeKind.Unsatisfiable)
        {
            // RFC 9110 15.5.17: 416 with the current length, so the client can ask again.
            response.Headers.ContentRange = $"bytes */{length.ToString(CultureInfo.InvariantCulture)}";
            await Problem.WriteAsync(
                context,
                StatusCodes.Status416RangeNotSatisfiable,
                "Range Not Satisfiable",
                $"No byte of the requested range is within the representation's {length} bytes.").ConfigureAwait(false);
            return;
        }

        // RFC 9110 15.3.7: a 206 carries the ETag and Cache-Control a 200 would (defect
        // partial-content-without-etag leaves the ETag out) and Content-Range (defect
        // partial-content-without-content-range leaves it out).
        var partial = range.Kind == ByteRangeKind.Satisfiable;
        WriteMetadata(response, representation, withETag: !(partial && defects.Has(Defects.PartialContentWithoutETag)));
        if (supportsRanges)
        {
            response.Headers.AcceptRanges = "bytes";
        }

        if (partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            if (!defects.Has(Defects.PartialContentWithoutContentRange))
            {
                response.Headers.ContentRange = string.Create(
                    CultureInfo.InvariantCulture,
                    $"bytes {range.First}-{range.Last}/{length}");
            }

            content = content.Slice((int)range.First, (int)range.Length);
        }
        else
        {
            response.StatusCode = StatusCodes.Status200OK;
        }

        response.ContentLength = content.Length;
        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(content, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>Content-Type, ETag, Last-Modified (with Date) and Cache-Control of a representation.</summary>
    public void WriteMetadata(HttpResponse response, Representation representation, bool withETag = true)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(representation);
        response.ContentType = representation.MediaType;
        WriteCacheControl(response);
        if (withETag)
        {
            validators.WriteETag(response, representation.ETag);
        }

        validators.WriteLastModified(response, representation.LastModified);
    }

    /// <summary>The Cache-Control every representation is sent with, on 200, 206 and 304 alike.
    /// Variant no-cache-control: none.</summary>
    public void WriteCacheControl(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!variants.Has(Variants.NoCacheControl))
        {
            response.Headers.CacheControl = CacheControl;
        }
    }

    /// <summary>The validators of a representation just written (RFC 9110 9.3.4 for PUT).</summary>
    public void WriteValidators(HttpResponse response, Representation representation)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(representation);
        validators.WriteETag(response, representation.ETag);
        validators.WriteLastModified(response, representation.LastModified);
    }
}
