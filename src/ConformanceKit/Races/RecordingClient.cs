using ConformanceKit.Http;
using ConformanceKit.Targets;

namespace ConformanceKit.Races;

/// <summary>
/// One racing client: a <see cref="NamedClient"/> of its own (its own connection) that turns each GET or PUT
/// of the resource into an <see cref="Operation"/>, timed on a shared monotonic clock and numbered in the
/// order this client sent them.
/// </summary>
internal sealed class RecordingClient : IDisposable
{
    private readonly NamedClient client;
    private readonly MonotonicClock clock;
    private readonly Uri url;
    private readonly string contentType;
    private int sequence;

    public RecordingClient(TargetSession session, string name, TimeSpan requestTimeout, MonotonicClock clock, Uri url)
    {
        var headers = session.Target.Headers.Select(h => new HeaderLine(h.Name, h.Value)).ToList();
        client = new NamedClient(name, headers, session.Redactor, session.Settings with { RequestTimeout = requestTimeout }, session.Time);
        this.clock = clock;
        this.url = url;
        contentType = session.Target.Resource.ContentType;
    }

    public string Name => client.Name;

    public async Task<Operation> ReadAsync(CancellationToken cancellationToken)
    {
        var number = ++sequence;
        var start = clock.Now;
        var exchange = await client.SendAsync(number, HttpMethod.Get, url, [], null, null, cancellationToken).ConfigureAwait(false);
        return Operation.FromRead(number, new Interval(start, clock.Now), exchange);
    }

    public async Task<Operation> WriteAsync(EntityTag? ifMatch, string body, CancellationToken cancellationToken)
    {
        var number = ++sequence;
        IReadOnlyList<HeaderLine> headers = ifMatch is null ? [] : [new HeaderLine("If-Match", ifMatch.ToString())];
        var start = clock.Now;
        var exchange = await client.SendAsync(number, HttpMethod.Put, url, headers, body, contentType, cancellationToken).ConfigureAwait(false);
        return Operation.FromWrite(number, new Interval(start, clock.Now), ifMatch, body, exchange);
    }

    public void Dispose() => client.Dispose();
}
