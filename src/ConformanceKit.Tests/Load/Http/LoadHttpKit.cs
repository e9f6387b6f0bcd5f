using ConformanceKit.Load;
using ConformanceKit.Load.Http;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Races;

namespace ConformanceKit.Tests.Load.Http;

/// <summary>Runs a built-in workload against the in-box reference server on loopback, bounded: a few seconds of load,
/// a run timeout, and a deadline for the whole test.</summary>
internal static class LoadHttpKit
{
    public static LoadOptions RunOptions(TimeSpan duration) => new() { Timeout = duration + TimeSpan.FromSeconds(30), Seed = 1 };

    public static async Task<(LoadResult Result, HttpWorkload Workload)> RunAsync(TargetSession session, string workload, WorkloadOptions options,
        CancellationToken cancellationToken, params string[] thresholds)
    {
        var load = Workloads.Create(workload, session, options);
        var scenarios = load.CreateScenarios(thresholds.Select(Threshold.Parse));
        var result = await LoadRunner.RunAsync(scenarios, RunOptions(options.Duration), null, cancellationToken);
        return (result, load);
    }

    public static Task<TargetSession> ReferenceAsync(CancellationToken cancellationToken, params string[] defects) =>
        ReferenceTarget.OpenAsync(cancellationToken, defects);
}
