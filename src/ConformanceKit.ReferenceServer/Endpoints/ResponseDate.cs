using ConformanceKit.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ConformanceKit.ReferenceServer.Endpoints;

/// <summary>
/// The Date field comes from the injected clock, not Kestrel's, so tests with a fake clock see Date and
/// Last-Modified on the same time line. Responses that carry Last-Modified stamp Date themselves, after any
/// write, and clamp Last-Modified to it (<see cref="ValidatorFields"/>); every other response gets Date when
/// its headers are sent. The text of the current second is formatted once and reused (<see cref="HttpDateText"/>),
/// and the callback is made once per server, so stamping allocates nothing of its own.
/// </summary>
internal sealed class ResponseDate
{
    private readonly TimeProvider timeProvider;
    private readonly HttpDateText now = new();
    private readonly Func<object, Task> stamp;

    public ResponseDate(TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        stamp = state =>
        {
            var response = (HttpResponse)state;
            if (StringValues.IsNullOrEmpty(response.Headers.Date))
            {
                response.Headers.Date = Now();
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Now as an HTTP-date (whole seconds).</summary>
    public string Now() => now.Format(timeProvider.GetUtcNow());

    /// <summary>The HTTP-date of <paramref name="value"/>, which is now or close to it.</summary>
    public string Format(DateTimeOffset value) => now.Format(value);

    public void StampWhenStarting(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(stamp, context.Response);
    }
}

/// <summary>An HTTP-date's text, kept for the second it was last asked for: under load every response of a second
/// carries the same Date (and a representation the same Last-Modified), so it is formatted once. Thread-safe: the
/// pair is one immutable object swapped whole.</summary>
internal sealed class HttpDateText
{
    private Entry? last;

    public string Format(DateTimeOffset value)
    {
        var second = value.UtcTicks / TimeSpan.TicksPerSecond;
        var cached = Volatile.Read(ref last);
        if (cached is not null && cached.Second == second)
        {
            return cached.Text;
        }

        var text = HttpDate.Format(value);
        Volatile.Write(ref last, new Entry(second, text));
        return text;
    }

    private sealed record Entry(long Second, string Text);
}
