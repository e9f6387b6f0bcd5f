using System.Buffers;
using System.Text.Json;
using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using ConformanceKit.ReferenceServer.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// The JSON document collection. Status codes: GET/HEAD 200 (206/416 with Range, 304); PUT 201 when it
/// creates (Location), 204 when it replaces; PATCH 200 with the patched document; DELETE 204; POST to the
/// collection 201 with Location. Writes answer ETag and Last-Modified of the stored version, which is exactly
/// the content sent for PUT and POST (RFC 9110 9.3.4). The legal variants of those answers (200 with the
/// document for a replacing PUT, 204 for PATCH, ...) are chosen here, where the answers are made.
/// Order of checks: 415 (media type) and 400 (content) first, as they need no state; then, atomically
/// with the write, 404 for a missing target of PATCH/DELETE (13.2.1: preconditions ignored), 428, the
/// preconditions (13.2.2) and the change itself.
/// </summary>
internal sealed class DocumentEndpoints(
    IDocumentStore store,
    PreconditionEvaluator evaluator,
    ConditionalResponses conditional,
    RepresentationResponses representations,
    DefectSet defects,
    VariantSet variants,
    TimeProvider timeProvider,
    string collectionPath)
{
    public async Task ReadAsync(HttpContext context, string id, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = store.Get(id)?.Representation;
        if (current is null)
        {
            if (EvaluateOnMissingTarget(context.Request.Method, conditions) is { } missing
                && await conditional.TryAnswerAsync(context, missing, current: null).ConfigureAwait(false))
            {
                return;
            }

            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        var result = evaluator.Evaluate(context.Request.Method, conditions, current, timeProvider.GetUtcNow());
        if (await conditional.TryAnswerAsync(context, result, current).ConfigureAwait(false))
        {
            return;
        }

        await representations.WriteAsync(context, current, result.ApplyRange).ConfigureAwait(false);
    }

    public async Task PutAsync(HttpContext context, string id, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = await ReadJsonContentAsync(context, MediaTypes.IsJson, "application/json or a +json type").ConfigureAwait(false);
        if (content is null)
        {
            return;
        }

        var mediaType = context.Request.ContentType!;
        var (write, verdict) = await WriteAsync(id, HttpMethods.Put, conditions, requiresExisting: false, _ => WritePlan.Put(content.Value, mediaType)).ConfigureAwait(false);
        if (await conditional.TryAnswerAsync(context, verdict.Result, write.Before?.Representation).ConfigureAwait(false))
        {
            return;
        }

        // RFC 9110 9.3.4: a PUT response may carry validators only because the content is stored exactly as
        // received, and they must describe that new representation. Defect put-response-old-etag: the old one.
        // Variant put-without-validators: none at all, which is always allowed.
        var after = write.After!.Representation;
        var described = defects.Has(Defects.PutResponseOldETag) && write.Before is { } replaced ? replaced.Representation : after;
        if (!variants.Has(Variants.PutWithoutValidators))
        {
            representations.WriteValidators(context.Response, described);
        }

        // 9.3.4: 201 when it created, 200 or 204 when it replaced. Variants create-201-with-body and
        // put-replace-200-with-body send the stored document as content.
        var created = write.Before is null;
        if (created)
        {
            context.Response.Headers.Location = LocationOf(id);
        }

        var status = created ? StatusCodes.Status201Created
            : variants.Has(Variants.PutReplace200WithBody) ? StatusCodes.Status200OK
            : StatusCodes.Status204NoContent;
        var withDocument = created ? variants.Has(Variants.Create201WithBody) : variants.Has(Variants.PutReplace200WithBody);
        await WriteOutcomeAsync(context, status, withDocument ? after : null).ConfigureAwait(false);
    }

    public async Task PatchAsync(HttpContext context, string id, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var patch = await ReadJsonContentAsync(context, MediaTypes.IsMergePatch, MediaTypes.MergePatch).ConfigureAwait(false);
        if (patch is null)
        {
            return;
        }

        var (write, verdict) = await WriteAsync(
            id,
            HttpMethods.Patch,
            conditions,
            requiresExisting: true,
            current => WritePlan.Put(JsonContent.MergePatch(current!.Representation.Content, patch.Value), current.Representation.MediaType)).ConfigureAwait(false);
        if (verdict.NotFound)
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        if (await conditional.TryAnswerAsync(context, verdict.Result, write.Before?.Representation).ConfigureAwait(false))
        {
            return;
        }

        // The patched document is the new representation of the target (Content-Location says so). Variant
        // patch-204: only its validators, no content (RFC 5789 2 shows both answers).
        var after = write.After!.Representation;
        if (variants.Has(Variants.Patch204))
        {
            representations.WriteValidators(context.Response, after);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        representations.WriteMetadata(context.Response, after);
        context.Response.Headers.ContentLocation = LocationOf(id);
        await WriteOutcomeAsync(context, StatusCodes.Status200OK, after).ConfigureAwait(false);
    }

    public async Task DeleteAsync(HttpContext context, string id, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (write, verdict) = await WriteAsync(id, HttpMethods.Delete, conditions, requiresExisting: true, _ => WritePlan.Remove).ConfigureAwait(false);
        if (verdict.NotFound)
        {
            await NotFoundAsync(context, id).ConfigureAwait(false);
            return;
        }

        if (await conditional.TryAnswerAsync(context, verdict.Result, write.Before?.Representation).ConfigureAwait(false))
        {
            return;
        }

        // RFC 9110 9.3.5: 204 when enacted with nothing more to say. Variant delete-200-with-body: 200 with a
        // representation describing the outcome.
        if (!variants.Has(Variants.Delete200WithBody))
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        var status = DeletedStatus(LocationOf(id));
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = MediaTypes.Json;
        context.Response.ContentLength = status.Length;
        await context.Response.Body.WriteAsync(status, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>POST to the collection creates a document under a server-chosen id. Its preconditions are
    /// about the collection, which has no representation: If-Match fails, If-None-Match: * holds.</summary>
    public async Task PostAsync(HttpContext context, RequestConditions conditions)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = await ReadJsonContentAsync(context, MediaTypes.IsJson, "application/json or a +json type").ConfigureAwait(false);
        if (content is null)
        {
            return;
        }

        var mediaType = context.Request.ContentType!;
        var (write, verdict) = await WriteAsync(null, HttpMethods.Post, conditions, requiresExisting: false, _ => WritePlan.Put(content.Value, mediaType)).ConfigureAwait(false);
        if (await conditional.TryAnswerAsync(context, verdict.Result, current: null).ConfigureAwait(false))
        {
            return;
        }

        var after = write.After!;
        representations.WriteValidators(context.Response, after.Representation);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.Headers.Location = LocationOf(after.Id);
        context.Response.ContentLength = 0;
    }

    /// <summary>
    /// Evaluates the write's preconditions and applies it as one compare-and-set on the version they were
    /// evaluated against (<see cref="IDocumentStore.Write"/>). With <c>id</c> null the write creates a new
    /// document (POST). The store may run <c>Decide</c> more than once (another write won in between): each run
    /// overwrites <c>verdict</c>, and <c>change</c> is a pure function of the version it is given, so the last
    /// run, the one whose plan was applied or declined, is what the response describes.
    /// </summary>
    private async Task<(WriteResult Write, WriteVerdict Verdict)> WriteAsync(
        string? id,
        string method,
        RequestConditions conditions,
        bool requiresExisting,
        Func<StoredDocument?, WritePlan> change)
    {
        var verdict = default(WriteVerdict);
        WritePlan Decide(StoredDocument? current)
        {
            if (requiresExisting && current is null)
            {
                verdict = EvaluateOnMissingTarget(method, conditions) is { } missing
                    ? new WriteVerdict(NotFound: false, missing)
                    : new WriteVerdict(NotFound: true, PreconditionResult.Proceed(applyRange: false));
                return WritePlan.Nothing;
            }

            var result = evaluator.Evaluate(method, conditions, current?.Representation, timeProvider.GetUtcNow());
            verdict = new WriteVerdict(NotFound: false, result);
            if (result.Outcome == PreconditionOutcome.Proceed)
            {
                return change(current);
            }

            if (result.Outcome != PreconditionOutcome.PreconditionFailed)
            {
                return WritePlan.Nothing;
            }

            // Variant already-applied-2xx (13.1.1, 13.1.4): a change refused by If-Match or If-Unmodified-Since
            // that would leave exactly the current content has evidently been applied already: answer 2xx and
            // store nothing new.
            if (variants.Has(Variants.AlreadyApplied2xx) && IsAlreadyApplied(result, current, change))
            {
                verdict = new WriteVerdict(NotFound: false, PreconditionResult.Proceed(applyRange: false));
                return WritePlan.Nothing;
            }

            // 15.5.13: a 412 means the method was not applied. Defect precondition-failed-but-applied: it is.
            return defects.Has(Defects.PreconditionFailedButApplied) ? change(current) : WritePlan.Nothing;
        }

        if (defects.Has(Defects.NonAtomicWrite))
        {
            // Defect non-atomic-write: check against a snapshot, hold the window open, then apply what was decided
            // without looking again. Every writer that checked during the window wins (a lost update). The blind
            // plan is the same on every run, so a store that decides again still applies it.
            var seen = id is null ? null : store.Get(id);
            var planned = Decide(seen);
            if (planned.Action == WriteAction.None)
            {
                return (new WriteResult(seen, seen, Applied: false), verdict);
            }

            await DefectWindow.WaitAsync(defects.WindowOf(Defects.NonAtomicWrite)).ConfigureAwait(false);
            var blind = id is null ? store.Create(() => planned) : store.Write(id, _ => planned);
            return (blind with { Before = seen }, verdict);
        }

        var write = id is null ? store.Create(() => Decide(null)) : store.Write(id, Decide);
        return (write, verdict);
    }

    /// <summary>
    /// RFC 9110 13.2.1: preconditions are ignored when the response without them would be neither 2xx nor
    /// 412, so for a missing target (GET, HEAD, PATCH, DELETE) this is null and the caller answers 404.
    /// Defect preconditions-evaluated-on-missing evaluates them against no representation instead and returns
    /// the outcome unless it is to proceed (a false If-Match then answers 412). Defect not-modified-for-missing
    /// answers If-None-Match: * on GET and HEAD with 304 without looking for the target.
    /// </summary>
    private PreconditionResult? EvaluateOnMissingTarget(string method, RequestConditions conditions)
    {
        if (defects.Has(Defects.NotModifiedForMissing)
            && (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            && conditions.IfNoneMatch is { IsAny: true })
        {
            return PreconditionResult.NotModified(HeaderNames.IfNoneMatch);
        }

        if (!defects.Has(Defects.PreconditionsEvaluatedOnMissing) || !conditions.IsConditional)
        {
            return null;
        }

        var result = evaluator.Evaluate(method, conditions, current: null, timeProvider.GetUtcNow());
        return result.Outcome == PreconditionOutcome.Proceed ? null : result;
    }

    /// <summary>Checks the media type (415) and that the content is JSON (400); null when answered.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadJsonContentAsync(HttpContext context, Func<string?, bool> acceptsMediaType, string expected)
    {
        var request = context.Request;
        if (!acceptsMediaType(request.ContentType))
        {
            if (HttpMethods.IsPatch(request.Method))
            {
                context.Response.Headers["Accept-Patch"] = MediaTypes.MergePatch; // RFC 5789 2.2
            }

            var sent = request.ContentType is null ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            await Problem.WriteAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported Media Type",
                $"The request has {sent}; this resource accepts {expected}.").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        ReadOnlyMemory<byte> content = buffer.ToArray();
        if (!JsonContent.TryValidate(content, out var reason))
        {
            await Problem.WriteAsync(
                context,
                StatusCodes.Status400BadRequest,
                "Invalid JSON",
                $"The request content is not valid JSON (RFC 8259; duplicate member names are refused too): {reason}").ConfigureAwait(false);
            return null;
        }

        return content;
    }

    // Only If-Match and If-Unmodified-Since have the "already applied" allowance; If-None-Match has none.
    private static bool IsAlreadyApplied(PreconditionResult refused, StoredDocument? current, Func<StoredDocument?, WritePlan> change)
    {
        if (current is null || (refused.Field != HeaderNames.IfMatch && refused.Field != HeaderNames.IfUnmodifiedSince))
        {
            return false;
        }

        var wanted = change(current);
        return wanted.Action == WriteAction.Store
            && string.Equals(wanted.MediaType, current.Representation.MediaType, StringComparison.Ordinal)
            && wanted.Content.Span.SequenceEqual(current.Representation.Content.Span);
    }

    /// <summary>Status and, when given, the document as content with its media type.</summary>
    private static async Task WriteOutcomeAsync(HttpContext context, int status, Representation? document)
    {
        context.Response.StatusCode = status;
        if (document is null)
        {
            if (status != StatusCodes.Status204NoContent)
            {
                context.Response.ContentLength = 0;
            }

            return;
        }

        context.Response.ContentType = document.MediaType;
        context.Response.ContentLength = document.Content.Length;
        await context.Response.Body.WriteAsync(document.Content, context.RequestAborted).ConfigureAwait(false);
    }

    private static byte[] DeletedStatus(string location)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("deleted", location);
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private string LocationOf(string id) => $"{collectionPath}/{Uri.EscapeDataString(id)}";

    private static Task NotFoundAsync(HttpContext context, string id) =>
        Problem.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", $"There is no document '{id}'.");

    private readonly record struct WriteVerdict(bool NotFound, PreconditionResult Result);
}
