using System.Diagnostics;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>
/// Runs the whole catalog (suites/) against the reference server on each store, plain and requiring
/// preconditions: four runs, each on its own loopback server (the SQLite ones on a fresh temporary file, as a
/// targets.json <c>"store": "sqlite"</c> target gets), in parallel. The tests then only read the verdicts.
/// </summary>
public sealed class SqliteCatalogFixture : IAsyncLifetime
{
    private static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    public RunResult MemoryPlain { get; private set; } = null!;

    public RunResult SqlitePlain { get; private set; } = null!;

    public RunResult MemoryStrict { get; private set; } = null!;

    public RunResult SqliteStrict { get; private set; } = null!;

    public TimeSpan Elapsed { get; private set; }

    public async Task InitializeAsync()
    {
        var catalog = new ScenarioLoader().Load([RepositoryPaths.Suites]);
        var stopwatch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(Budget);
        var runs = await Task.WhenAll(
            RunAsync(catalog, ReferenceStore.Memory, requirePreconditions: false, timeout.Token),
            RunAsync(catalog, ReferenceStore.Sqlite, requirePreconditions: false, timeout.Token),
            RunAsync(catalog, ReferenceStore.Memory, requirePreconditions: true, timeout.Token),
            RunAsync(catalog, ReferenceStore.Sqlite, requirePreconditions: true, timeout.Token));
        (MemoryPlain, SqlitePlain, MemoryStrict, SqliteStrict) = (runs[0], runs[1], runs[2], runs[3]);
        Elapsed = stopwatch.Elapsed;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<RunResult> RunAsync(IReadOnlyList<Scenario> catalog, ReferenceStore store, bool requirePreconditions, CancellationToken cancellationToken)
    {
        var target = TargetDefinition.InBoxReference($"reference-{store.ToString().ToLowerInvariant()}{(requirePreconditions ? "-strict" : string.Empty)}", [], "store catalog runs") with
        {
            Capabilities = Capabilities.ReferenceDefault with { RequirePreconditions = requirePreconditions },
            Store = store,
        };
        await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, cancellationToken);
        return await ConformanceRun.ExecuteAsync(session, catalog, seed: 1, progress: null, cancellationToken);
    }
}
