using ConformanceKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// The Date field comes from the injected clock, not Kestrel's, so tests with a fake clock see Date and
/// Last-Modified on the same time line. Responses that carry Last-Modified stamp Date themselves, after any
/// write, and clamp Last-Modified to it (RFC 9110 8.8.2.1: never later than Date); every other response
/// gets Date when its headers are sent.
/// </summary>
internal static class ResponseDate
{
    public static void StampWhenStarting(HttpContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(
            static state =>
            {
                var (response, clock) = ((HttpResponse, TimeProvider))state;
                if (StringValues.IsNullOrEmpty(response.Headers.Date))
                {
                    response.Headers.Date = HttpDate.Format(clock.GetUtcNow());
                }

                return Task.CompletedTask;
            },
            (context.Response, timeProvider));
    }

    /// <summary>Sets Date to now and Last-Modified to <paramref name="lastModified"/>, clamped to Date.</summary>
    public static void StampWithLastModified(HttpResponse response, TimeProvider timeProvider, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(response);
        var date = HttpDate.Truncate(timeProvider.GetUtcNow());
        response.Headers.Date = HttpDate.Format(date);
        response.Headers.LastModified = HttpDate.Format(lastModified > date ? date : lastModified);
    }
}
