using ConformanceKit.Targets;

namespace ConformanceKit.Load.Http;

/// <summary>
/// The built-in HTTP workloads, by name:
/// <list type="bullet">
/// <item><c>revalidating-readers</c> (<see cref="RevalidatingReadersWorkload"/>): GET a resource once, then again
/// and again with If-None-Match; 304 ratio and bytes saved.</item>
/// <item><c>contended-writers</c> (<see cref="ContendedWritersWorkload"/>): read-modify-write of one counter document
/// with If-Match, retried after 412; 412 rate, retries per successful write, and lost updates from the history checker.</item>
/// <item><c>mixed</c> (<see cref="MixedWorkload"/>): readers and writers over many generated documents, each
/// document's history checked.</item>
/// </list>
/// </summary>
public static class Workloads
{
    public const string RevalidatingReaders = "revalidating-readers";

    public const string ContendedWriters = "contended-writers";

    public const string Mixed = "mixed";

    public static IReadOnlyList<string> Names { get; } = [RevalidatingReaders, ContendedWriters, Mixed];

    /// <summary>The workload <paramref name="name"/> over <paramref name="session"/>'s target.</summary>
    /// <exception cref="ArgumentException">Unknown name, or options that do not fit (see <see cref="WorkloadOptions.Check"/>).</exception>
    /// <exception cref="WorkloadException">The target cannot take this workload (no writes, no resource to read).</exception>
    public static HttpWorkload Create(string name, TargetSession session, WorkloadOptions options)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        if (!Names.Contains(name))
        {
            throw new ArgumentException($"there is no workload '{name}' (workloads: {string.Join(", ", Names)})", nameof(name));
        }

        if (options.Check(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        return name switch
        {
            RevalidatingReaders => new RevalidatingReadersWorkload(session, options),
            ContendedWriters => new ContendedWritersWorkload(session, options),
            _ => new MixedWorkload(session, options),
        };
    }
}
