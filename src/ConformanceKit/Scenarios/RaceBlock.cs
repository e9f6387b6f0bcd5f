namespace ConformanceKit.Scenarios;

/// <summary>
/// A scenario that races clients instead of scripting steps (a suites/*.json <c>race</c> block). Each
/// workload runs against a fresh resource made for it, with <see cref="Clients"/> clients on their own
/// connections, released together.
/// </summary>
/// <param name="Workload">What the clients do.</param>
/// <param name="Clients">How many clients race.</param>
/// <param name="Rounds">If-Match races: how many rounds, each on the ETag the previous one left.</param>
/// <param name="Iterations">Read-modify-write: how many increments each client makes.</param>
public sealed record RaceBlock(RaceWorkload Workload, int Clients, int Rounds, int Iterations);

public enum RaceWorkload
{
    /// <summary>Every client sends PUT with the same If-Match: exactly one may win, the rest get 412.</summary>
    IfMatch,

    /// <summary>Every client increments a counter by GET, change, PUT with If-Match, retrying on 412.</summary>
    ReadModifyWrite,
}

public static class RaceWorkloads
{
    /// <summary>The name used in suite files, e.g. <c>read-modify-write</c>.</summary>
    public static string Id(this RaceWorkload workload) => workload switch
    {
        RaceWorkload.IfMatch => "if-match",
        RaceWorkload.ReadModifyWrite => "read-modify-write",
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, null),
    };
}
