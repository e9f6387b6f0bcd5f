namespace ConformanceKit.Load.Http;

/// <summary>The limits of a <see cref="LoadHttpClient"/>: how long one request may take (connect, headers and body),
/// and how many body bytes it keeps when a step needs the body (more are read and counted, not kept).</summary>
public sealed record LoadHttpSettings
{
    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(5);

    public TimeSpan RequestTimeout
    {
        get;
        init => field = value > TimeSpan.Zero && value <= MaxRequestTimeout
            ? value
            : throw new ArgumentOutOfRangeException(nameof(RequestTimeout), value, $"RequestTimeout must be more than zero and at most {MaxRequestTimeout}.");
    } = TimeSpan.FromSeconds(10);

    public int MaxBodyBytes
    {
        get;
        init => field = value is >= 1024 and <= 64 * 1024 * 1024
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), value, "MaxBodyBytes must be between 1 KiB and 64 MiB.");
    } = 1024 * 1024;
}
