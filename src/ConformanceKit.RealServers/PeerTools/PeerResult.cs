namespace ConformanceKit.RealServers.PeerTools;

/// <summary>
/// What a peer load tool measured, read from its own output. Latencies are in milliseconds; a percentile the
/// tool did not print is null (hey leaves one out when it has too few samples).
/// </summary>
public sealed record PeerResult
{
    /// <summary>wrk or hey.</summary>
    public required string Tool { get; init; }

    /// <summary>The tool's own "Requests/sec" figure. hey counts requests that ended in an error too.</summary>
    public required double RequestsPerSecond { get; init; }

    /// <summary>Requests completed: wrk's "N requests in"; for hey, the responses by status plus the errors.</summary>
    public required long TotalRequests { get; init; }

    /// <summary>The measured time the tool reports (wrk "requests in Xs", hey "Total:").</summary>
    public required TimeSpan Elapsed { get; init; }

    public double? LatencyP50Ms { get; init; }

    public double? LatencyP90Ms { get; init; }

    public double? LatencyP99Ms { get; init; }

    /// <summary>Responses that were neither 2xx nor 3xx (wrk: status above 399; hey: from its status table).</summary>
    public long NonSuccessResponses { get; init; }

    /// <summary>Requests that got no response: wrk's socket errors, hey's error distribution.</summary>
    public long Errors { get; init; }

    /// <summary>Errors by kind: wrk's connect/read/write/timeout (non-zero ones), hey's messages.</summary>
    public IReadOnlyDictionary<string, long> ErrorsByKind { get; init; } = new Dictionary<string, long>();

    /// <summary>Responses by status code, when the tool reports them (hey).</summary>
    public IReadOnlyDictionary<int, long>? StatusCounts { get; init; }

    public override string ToString() =>
        $"{Tool}: {RequestsPerSecond:0.##} req/s, {TotalRequests} requests in {Elapsed.TotalSeconds:0.##} s, " +
        $"p50 {Ms(LatencyP50Ms)} p90 {Ms(LatencyP90Ms)} p99 {Ms(LatencyP99Ms)}, non-2xx/3xx {NonSuccessResponses}, errors {Errors}";

    private static string Ms(double? value) => value is { } v ? $"{v:0.###} ms" : "n/a";
}
