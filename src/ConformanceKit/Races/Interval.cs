namespace ConformanceKit.Races;

/// <summary>
/// When an operation was in flight: from just before its request was handed to the client to just after
/// its answer (or failure) came back, as offsets from one origin on a monotonic clock. The server acted on
/// it somewhere inside. Invariant: <see cref="Start"/> is not after <see cref="End"/>.
/// </summary>
public readonly record struct Interval
{
    public Interval(TimeSpan start, TimeSpan end)
    {
        if (end < start)
        {
            throw new ArgumentException($"An interval cannot end ({end.TotalMilliseconds} ms) before it starts ({start.TotalMilliseconds} ms).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public TimeSpan Start { get; }

    public TimeSpan End { get; }

    /// <summary>Whether this one had ended before <paramref name="other"/> started, so it took effect first.</summary>
    public bool Precedes(Interval other) => End < other.Start;

    public override string ToString() => $"{Start.TotalMilliseconds:0.###}..{End.TotalMilliseconds:0.###} ms";
}
