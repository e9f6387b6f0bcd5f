namespace ConformanceKit.Load.Http;

/// <summary>The limits of a <see cref="LoadHttpClient"/>: how long one request may take (connect, headers and body),
/// and how many body bytes it keeps when a step needs the body (more are read and counted, not kept); and its
/// <see cref="Transport"/> (by default the raw HTTP/1.1 client for plain http, HttpClient for https).</summary>
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

    public LoadTransport Transport
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Transport), value, "Transport must be Auto, Raw or HttpClient.");
    } = LoadTransport.Auto;
}
