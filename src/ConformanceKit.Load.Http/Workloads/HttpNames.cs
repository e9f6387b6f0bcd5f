namespace ConformanceKit.Load.Http;

/// <summary>The step names of the built-in workloads, as thresholds name them (<c>step:write p99 &lt; 20ms</c>).</summary>
public static class HttpSteps
{
    /// <summary>Readers: a GET, with If-None-Match once the user holds an ETag.</summary>
    public const string Revalidate = "revalidate";

    /// <summary>Writers: the GET before a write.</summary>
    public const string Read = "read";

    /// <summary>Writers: the PUT with If-Match.</summary>
    public const string Write = "write";
}

/// <summary>The custom counters of the built-in workloads (a threshold writes '-' as '_': <c>lost_updates == 0</c>).</summary>
public static class HttpCounters
{
    public const string NotModified = "not-modified";

    public const string BytesSaved = "bytes-saved";

    public const string Refetch = "refetch";

    public const string Written = "written";

    public const string Conflict = "conflict";

    public const string Retry = "retry";

    public const string GaveUp = "gave-up";

    public const string LostUpdates = "lost-updates";

    public const string HistoryViolations = "history-violations";

    public const string LostIncrements = "lost-increments";
}
