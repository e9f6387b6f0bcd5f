using System.Net;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>
/// One run of a peer load tool (wrk, hey) against a loopback URL. Checked before the tool starts: load goes to
/// loopback only, and every run is bounded by <see cref="Timeout"/>, after which the tool is killed.
/// </summary>
public sealed record PeerRunOptions(Uri Url)
{
    /// <summary>Open connections (wrk -c, hey -c), 1 to 1000.</summary>
    public int Connections { get; init; } = 8;

    /// <summary>wrk's threads (-t), 1 to <see cref="Connections"/>; hey has no such option.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>How long the tool sends (wrk -d, hey -z): whole seconds, 1 s to 10 min.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Request header fields sent on every request (-H "Name: value"), e.g. If-None-Match.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The hard bound on the tool's process; null is <see cref="Duration"/> + 30 s.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The tool's binary; null finds it on PATH.</summary>
    public string? Binary { get; init; }

    internal TimeSpan Bound => Timeout ?? Duration + TimeSpan.FromSeconds(30);

    internal string DurationArgument => $"{(long)Duration.TotalSeconds}s";

    internal IEnumerable<string> HeaderArguments => Headers.SelectMany(h => (string[])["-H", $"{h.Key}: {h.Value}"]);

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Url);
        if (!Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{Url} is not an absolute http(s) URL", nameof(Url));
        }

        if (!Url.IsLoopback && !(IPAddress.TryParse(Url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address)))
        {
            throw new ArgumentException($"{Url} is not on loopback: peer load goes to loopback only", nameof(Url));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Connections, 1, nameof(Connections));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Connections, 1000, nameof(Connections));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Threads, Connections, nameof(Threads)); // wrk refuses more threads than connections
        ArgumentOutOfRangeException.ThrowIfLessThan(Duration, TimeSpan.FromSeconds(1), nameof(Duration));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Duration, TimeSpan.FromMinutes(10), nameof(Duration));
        if (Duration.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Duration), Duration, "whole seconds only (wrk's -d takes no fractions)");
        }

        if (Timeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), timeout, "must be positive");
        }

        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c > '~') || value.Any(c => c is '\r' or '\n' or '\0'))
            {
                throw new ArgumentException($"header '{name}' is not a field name with a single-line value", nameof(Headers));
            }
        }
    }
}
