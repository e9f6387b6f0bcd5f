using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// Dispatches by path, then method: unknown paths 404, unsupported methods 405 with Allow (RFC 9110
/// 15.5.6), malformed If-Match/If-None-Match 400, then the endpoint. A request that is answered at once (a GET
/// revalidated with 304, say) allocates little: the handlers are bound once, the precondition fields are read
/// without LINQ, and a field value seen just before is not parsed again (<see cref="ConditionCache"/>).
/// </summary>
internal sealed class RequestRouter(DocumentEndpoints documents, StaticEndpoints statics, DefectSet defects, TimeProvider timeProvider, ResponseDate responseDate,
    string collectionPath)
{
    private const string ReadMethods = "GET, HEAD";
    private const string DocumentMethods = "GET, HEAD, PUT, PATCH, DELETE";
    private const string CollectionMethods = "POST";
    private const int MaxIdLength = 200;

    private readonly Func<HttpContext, string, RequestConditions, Task> read = documents.ReadAsync;
    private readonly Func<HttpContext, string, RequestConditions, Task> put = documents.PutAsync;
    private readonly Func<HttpContext, string, RequestConditions, Task> patch = documents.PatchAsync;
    private readonly Func<HttpContext, string, RequestConditions, Task> delete = documents.DeleteAsync;
    private readonly ConditionCache conditionCache = new();

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        responseDate.StampWhenStarting(context);
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;

        if (path is "/" or "/health")
        {
            await (IsRead(method) ? StaticEndpoints.HealthAsync(context) : MethodNotAllowedAsync(context, ReadMethods)).ConfigureAwait(false);
            return;
        }

        if (path == StaticEndpoints.HelloPath)
        {
            if (!IsRead(method))
            {
                await MethodNotAllowedAsync(context, ReadMethods).ConfigureAwait(false);
                return;
            }

            await (TryReadConditions(context, out var conditions, out var error)
                ? statics.HelloAsync(context, conditions)
                : MalformedAsync(context, error)).ConfigureAwait(false);
            return;
        }

        if (path == collectionPath)
        {
            if (!HttpMethods.IsPost(method))
            {
                await MethodNotAllowedAsync(context, CollectionMethods).ConfigureAwait(false);
                return;
            }

            await (TryReadConditions(context, out var conditions, out var error)
                ? documents.PostAsync(context, conditions)
                : MalformedAsync(context, error)).ConfigureAwait(false);
            return;
        }

        if (TryGetDocumentId(path, out var id))
        {
            await DispatchDocumentAsync(context, method, id).ConfigureAwait(false);
            return;
        }

        await Problem.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", $"Nothing is served at '{path}'.").ConfigureAwait(false);
    }

    private async Task DispatchDocumentAsync(HttpContext context, string method, string id)
    {
        var handler =
            IsRead(method) ? read
            : HttpMethods.IsPut(method) ? put
            : HttpMethods.IsPatch(method) ? patch
            : HttpMethods.IsDelete(method) ? delete
            : null;
        if (handler is null)
        {
            await MethodNotAllowedAsync(context, DocumentMethods).ConfigureAwait(false);
            return;
        }

        await (TryReadConditions(context, out var conditions, out var error)
            ? handler(context, id, conditions)
            : MalformedAsync(context, error)).ConfigureAwait(false);
    }

    private bool TryReadConditions(HttpContext context, out RequestConditions conditions, out string? error) =>
        RequestConditions.TryRead(context.Request.Headers, timeProvider.GetUtcNow(), defects, out conditions, out error, conditionCache);

    private static Task MalformedAsync(HttpContext context, string? error) =>
        Problem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed Precondition", error!);

    // {collection}/{id}: one segment of URI unreserved characters (RFC 3986 2.3), so ids need no escaping.
    private bool TryGetDocumentId(string path, out string id)
    {
        id = string.Empty;
        if (!path.StartsWith(collectionPath, StringComparison.Ordinal)
            || path.Length <= collectionPath.Length + 1
            || path[collectionPath.Length] != '/')
        {
            return false;
        }

        var candidate = path.AsSpan(collectionPath.Length + 1);
        if (candidate.Length > MaxIdLength || candidate.ContainsAnyExcept(Unreserved))
        {
            return false;
        }

        id = candidate.ToString();
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> Unreserved =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    private static Task MethodNotAllowedAsync(HttpContext context, string allow)
    {
        context.Response.Headers[HeaderNames.Allow] = allow;
        return Problem.WriteAsync(
            context,
            StatusCodes.Status405MethodNotAllowed,
            "Method Not Allowed",
            $"{context.Request.Method} is not supported here; the allowed methods are {allow}.");
    }
}
