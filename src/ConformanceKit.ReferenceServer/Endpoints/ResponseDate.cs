using ConformanceKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// The Date field comes from the injected clock, not Kestrel's, so tests with a fake clock see Date and
/// Last-Modified on the same time line. Responses that carry Last-Modified stamp Date themselves, after any
/// write, and clamp Last-Modified to it (<see cref="ValidatorFields"/>); every other response gets Date when
/// its headers are sent.
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
}
