using System.Diagnostics;
using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Mutation;

/// <summary>
/// Runs the whole catalog (suites/) once against the correct reference server, plain and requiring
/// preconditions, and once per defect mode with just that defect, each on its own loopback server. The
/// runs go in parallel (each is a sequence of small loopback exchanges that mostly waits); the tests then only
/// read the verdicts. One Chromium serves the browser checks of every run (a context per check, a few at once);
/// its 220 checks are most of the matrix's cost (about 2 min 20 s alone on 2 cores, more beside the rest of the
/// suite). The budget only guards against a hang.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class MutationMatrixFixture : IAsyncLifetime
{
    // Generous per-request and per-browser-action bound: these runs go beside the rest of the suite on 2 cores, where a
    // Chromium navigation once took over the default 10 s. A bound, not a speed assertion.
    private static readonly ClientSettings Settings = new() { RequestTimeout = TimeSpan.FromSeconds(30) };

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(8);

    private readonly ChromiumBrowsers browsers = new();

    private readonly Dictionary<string, RunResult> defectRuns = new(StringComparer.Ordinal);

    public IReadOnlyList<Scenario> Catalog { get; private set; } = [];

    /// <summary>The correct server; the target does not require preconditions.</summary>
    public RunResult CorrectPlain { get; private set; } = null!;

    /// <summary>The correct server requiring preconditions (RFC 6585 section 3), so the 428 checks apply.</summary>
    public RunResult CorrectStrict { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    /// <summary>The run with just <paramref name="defect"/>.</summary>
    public RunResult RunWith(Defect defect) => defectRuns[defect.Name];

    public async Task InitializeAsync()
    {
        // The browser checks must run here, or their verdicts would be skips and the matrix would prove nothing.
        browsers.Unavailable.ShouldBeNull($"the mutation matrix runs the browser checks: {browsers.ExecutablePath} is missing (.ci/run installs chromium)");
        Catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Budget);
        using var gate = new SemaphoreSlim(Math.Max(4, Environment.ProcessorCount * 4));
        await browsers.WarmUpAsync(timeout.Token);

        async Task<(string Name, RunResult Run)> RunGated(string name, IReadOnlyList<string> defects, bool requirePreconditions)
        {
            await gate.WaitAsync(timeout.Token);
            try
            {
                return (name, await RunCatalogAsync(name, defects, requirePreconditions, timeout.Token));
            }
            finally
            {
                gate.Release();
            }
        }

        var correctPlain = RunGated("correct", [], requirePreconditions: false);
        var correctStrict = RunGated("correct-strict", [], requirePreconditions: true);
        var perDefect = Defects.All.Select(d => RunGated(d.Name, [d.Name], MutationTable.RequirePreconditions(d))).ToList();

        CorrectPlain = (await correctPlain).Run;
        CorrectStrict = (await correctStrict).Run;
        foreach (var (name, run) in await Task.WhenAll(perDefect))
        {
            defectRuns.Add(name, run);
        }

        Elapsed = stopwatch.Elapsed;
    }

    public async Task DisposeAsync() => await browsers.DisposeAsync();

    private async Task<RunResult> RunCatalogAsync(string name, IReadOnlyList<string> defects, bool requirePreconditions, CancellationToken cancellationToken)
    {
        var target = TargetDefinition.InBoxReference(name, defects, "mutation matrix") with
        {
            Capabilities = Capabilities.ReferenceDefault with { RequirePreconditions = requirePreconditions },
        };
        await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), Settings, TimeProvider.System, cancellationToken);
        // A few scenarios at once within each run, so the steps that wait for a state the check needs (a Date
        // past Last-Modified, up to a second) overlap instead of adding up.
        return await ConformanceRun.ExecuteAsync(session, Catalog, seed: 1, progress: null, parallelism: 4, browsers, cancellationToken);
    }
}

/// <summary>Verdicts that kill a defect: a broken MUST (fail) or a broken SHOULD (warn).</summary>
internal static class Kills
{
    public static bool IsKill(this CheckResult result) => result.Verdict is Verdict.Fail or Verdict.Warn;

    /// <summary>Whether a check's section is <paramref name="section"/> or one of its subsections
    /// (<c>9110/13.1</c> covers <c>9110/13.1.2</c> but not <c>9110/13.10</c>).</summary>
    public static bool IsWithin(string checkSection, string section) =>
        checkSection == section || checkSection.StartsWith(section + ".", StringComparison.Ordinal);
}
