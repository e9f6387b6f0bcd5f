using ConformanceKit.ReferenceServer.Preconditions;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// Dispatches by path, then method: unknown paths 404, unsupported methods 405 with Allow (RFC 9110
/// 15.5.6), malformed If-Match/If-None-Match 400, then the endpoint.
/// </summary>
internal sealed class RequestRouter(DocumentEndpoints documents, StaticEndpoints statics, DefectSet defects, TimeProvider timeProvider, string collectionPath)
{
    private const string ReadMethods = "GET, HEAD";
    private const string DocumentMethods = "GET, HEAD, PUT, PATCH, DELETE";
    private const string CollectionMethods = "POST";
    private const int MaxIdLength = 200;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ResponseDate.StampWhenStarting(context, timeProvider);
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

            var conditions = await ReadConditionsAsync(context).ConfigureAwait(false);
            if (conditions is not null)
            {
                await statics.HelloAsync(context, conditions).ConfigureAwait(false);
            }

            return;
        }

        if (path == collectionPath)
        {
            if (!HttpMethods.IsPost(method))
            {
                await MethodNotAllowedAsync(context, CollectionMethods).ConfigureAwait(false);
                return;
            }

            var conditions = await ReadConditionsAsync(context).ConfigureAwait(false);
            if (conditions is not null)
            {
                await documents.PostAsync(context, conditions).ConfigureAwait(false);
            }

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
        Func<HttpContext, string, RequestConditions, Task>? handler =
            IsRead(method) ? documents.ReadAsync
            : HttpMethods.IsPut(method) ? documents.PutAsync
            : HttpMethods.IsPatch(method) ? documents.PatchAsync
            : HttpMethods.IsDelete(method) ? documents.DeleteAsync
            : null;
        if (handler is null)
        {
            await MethodNotAllowedAsync(context, DocumentMethods).ConfigureAwait(false);
            return;
        }

        var conditions = await ReadConditionsAsync(context).ConfigureAwait(false);
        if (conditions is not null)
        {
            await handler(context, id, conditions).ConfigureAwait(false);
        }
    }

    private async Task<RequestConditions?> ReadConditionsAsync(HttpContext context)
    {
        if (RequestConditions.TryRead(context.Request.Headers, timeProvider.GetUtcNow(), defects, out var conditions, out var error))
        {
            return conditions;
        }

        await Problem.WriteAsync(context, StatusCodes.Status400BadRequest, "Malformed Precondition", error!).ConfigureAwait(false);
        return null;
    }

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

        var candidate = path[(collectionPath.Length + 1)..];
        if (candidate.Length > MaxIdLength || !candidate.All(IsUnreserved))
        {
            return false;
        }

        id = candidate;
        return true;
    }

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

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
