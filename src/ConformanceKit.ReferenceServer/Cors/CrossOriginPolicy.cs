using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ConformanceKit.ReferenceServer.Cors;

/// <summary>
/// The Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol) for scripts of other
/// origins, so that a page's script can use validators: read ETag (it is not a CORS-safelisted response header, so
/// only <c>Access-Control-Expose-Headers</c> lets a script read it) and send If-Match and If-None-Match (not
/// safelisted request headers, so the browser asks first with a preflight OPTIONS, whose answer must list them in
/// <c>Access-Control-Allow-Headers</c>, and PUT, PATCH or DELETE in <c>Access-Control-Allow-Methods</c>).
/// A request from an origin that is not allowed, or without Origin, passes through untouched (the browser then
/// keeps the answer from the script). The two CORS defect modes are decided here, where the header lists are made.
/// </summary>
internal sealed class CrossOriginPolicy
{
    /// <summary>Every origin (answered with <c>*</c>; the harness's scripts send no credentials).</summary>
    public const string AnyOrigin = "*";

    private const string AllowedMethods = "GET, HEAD, PUT, PATCH, DELETE, POST";
    private const string MaxAge = "600";

    private readonly HashSet<string> origins;
    private readonly bool anyOrigin;
    private readonly string allowedHeaders;
    private readonly string exposedHeaders;

    public CrossOriginPolicy(IReadOnlyList<string> allowedOrigins, DefectSet defects)
    {
        ArgumentNullException.ThrowIfNull(allowedOrigins);
        ArgumentNullException.ThrowIfNull(defects);
        anyOrigin = allowedOrigins.Contains(AnyOrigin);
        origins = new HashSet<string>(allowedOrigins.Where(o => o != AnyOrigin).Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);
        IEnumerable<string> requestHeaders = ["Content-Type", "If-Match", "If-None-Match", "If-Modified-Since", "If-Unmodified-Since", "If-Range", "Range"];
        if (defects.Has(Defects.CorsIfMatchNotAllowed))
        {
            requestHeaders = requestHeaders.Where(h => h != "If-Match");
        }

        // Last-Modified is safelisted (scripts read it without exposure); these are not.
        IEnumerable<string> responseHeaders = ["ETag", "Location", "Content-Range", "Accept-Ranges"];
        if (defects.Has(Defects.CorsETagNotExposed))
        {
            responseHeaders = responseHeaders.Where(h => h != "ETag");
        }

        allowedHeaders = string.Join(", ", requestHeaders);
        exposedHeaders = string.Join(", ", responseHeaders);
    }

    /// <summary>Whether any origin is allowed at all.</summary>
    public bool IsEnabled => anyOrigin || origins.Count > 0;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !(anyOrigin || origins.Contains(origin)))
        {
            return next(context);
        }

        var allowOrigin = anyOrigin ? AnyOrigin : origin;
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod))
        {
            // A preflight: answered here, before any resource is looked at.
            var headers = context.Response.Headers;
            headers.AccessControlAllowOrigin = allowOrigin;
            headers.AccessControlAllowMethods = AllowedMethods;
            headers.AccessControlAllowHeaders = allowedHeaders;
            headers.AccessControlMaxAge = MaxAge;
            AddVary(context, allowOrigin);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        // Every answer, 304 and 412 included, so a script can tell a conflict from a network failure.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.AccessControlAllowOrigin = allowOrigin;
            context.Response.Headers.AccessControlExposeHeaders = exposedHeaders;
            AddVary(context, allowOrigin);
            return Task.CompletedTask;
        });
        return next(context);
    }

    private static void AddVary(HttpContext context, string allowOrigin)
    {
        if (allowOrigin != AnyOrigin)
        {
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        }
    }
}
