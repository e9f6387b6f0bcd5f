using System.Diagnostics;
using ConformanceKit.Browser;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Variants;

/// <summary>
/// Runs the whole catalog (suites/) once per row of <see cref="VariantTable"/>: the reference server with
/// that row's legal variants, declared to the harness with the capabilities a user of such a server would
/// declare. Each run has its own loopback server; the runs go in parallel, and so do the scenarios within a
/// run, so the table costs a few seconds. One Chromium serves the browser checks of every row.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class VariantRunsFixture : IAsyncLifetime
{
    // Guards against a hang only: the browser checks make the runs take a minute or more beside the rest of the suite.
    // Generous per-request and per-browser-action bound: these runs go beside the rest of the suite on 2 cores, where a
    // Chromium navigation once took over the default 10 s. A bound, not a speed assertion.
    private static readonly ClientSettings Settings = new() { RequestTimeout = TimeSpan.FromSeconds(30) };

    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(6);

    private readonly ChromiumBrowsers browsers = new();

    private const int Parallelism = 8;

    private readonly Dictionary<string, RunResult> runs = new(StringComparer.Ordinal);

    public IReadOnlyList<Scenario> Catalog { get; private set; } = [];

    public TimeSpan Elapsed { get; private set; }

    internal RunResult RunOf(VariantTable.Row row) => runs[row.Name];

    public async Task InitializeAsync()
    {
        browsers.Unavailable.ShouldBeNull($"the legal variants run the browser checks: {browsers.ExecutablePath} is missing (.ci/run installs chromium)");
        Catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Budget);
        await browsers.WarmUpAsync(timeout.Token);
        var results = await Task.WhenAll(VariantTable.Rows.Select(row => RunAsync(row, timeout.Token)));
        foreach (var (name, run) in results)
        {
            runs.Add(name, run);
        }

        Elapsed = stopwatch.Elapsed;
    }

    public async Task DisposeAsync() => await browsers.DisposeAsync();

    private async Task<(string Name, RunResult Run)> RunAsync(VariantTable.Row row, CancellationToken cancellationToken)
    {
        var resource = row.ReadOnly
            ? ResourceRecipe.ReferenceDefault with { PathTemplate = null, Collection = null }
            : ResourceRecipe.ReferenceDefault;
        var target = TargetDefinition.InBoxReference(row.Name, [], "legal variants") with { Resource = resource, Capabilities = row.Capabilities };
        var launcher = new ReferenceTargetLauncher(VariantSet.Of(row.Variants));
        await using var session = await TargetSession.OpenAsync(target, launcher, Settings, TimeProvider.System, cancellationToken);
        // Several scenarios at once: on a server whose tags stay weak, every check that waits for a strong one
        // waits its whole bound (1.5 s) before it skips, which one after the other would take most of a minute.
        return (row.Name, await ConformanceRun.ExecuteAsync(session, Catalog, seed: 1, progress: null, Parallelism, browsers, cancellationToken));
    }
}
