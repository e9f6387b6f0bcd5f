using System.Reflection;
using System.Security.Cryptography;
using ConformanceKit.Checks;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Runs;

/// <summary>Runs the selected scenarios, one after the other, against one open target.</summary>
public static class ConformanceRun
{
    public static string ToolVersion { get; } =
        typeof(ConformanceRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static async Task<RunResult> ExecuteAsync(
        TargetSession session,
        IReadOnlyList<Scenario> scenarios,
        int seed,
        IProgress<CheckResult>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(scenarios);
        var startedAt = session.Time.GetUtcNow();
        var started = session.Time.GetTimestamp();
        var runner = new ScenarioRunner(session, seed, NewNonce());
        var results = new List<CheckResult>(scenarios.Count);
        foreach (var scenario in scenarios)
        {
            var result = await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(result);
        }

        var target = session.Target;
        return new RunResult(
            target.Name,
            target.Kind == TargetKind.Reference ? "reference" : "http",
            target.Defects,
            startedAt,
            session.Time.GetElapsedTime(started),
            seed,
            ToolVersion,
            results);
    }

    /// <summary>Six hex digits that make this run's fresh resource ids unique on a shared server.</summary>
    private static string NewNonce() => Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
}
