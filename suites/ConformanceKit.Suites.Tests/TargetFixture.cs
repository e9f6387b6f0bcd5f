using System.Globalization;
using ConformanceKit.Browser;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Suites.Tests;

/// <summary>
/// The target named by CONFORMANCE_TARGET (default <c>reference</c>) from targets.json, opened once for all
/// scenario tests, and the scenario runner bound to it, with one Chromium for the browser checks (started by the
/// first of them). CONFORMANCE_SEED sets the seed (default 1).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class TargetFixture : IAsyncLifetime
{
    private readonly ChromiumBrowsers _browsers = new();
    private TargetSession? _session;

    public static string TargetName =>
        Environment.GetEnvironmentVariable("CONFORMANCE_TARGET") is { Length: > 0 } name ? name : "reference";

    public static int Seed =>
        int.TryParse(Environment.GetEnvironmentVariable("CONFORMANCE_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 1;

    public TargetSession Session => _session ?? throw new InvalidOperationException("The target is not open.");

    public ScenarioRunner Runner { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var target = TargetsFile.Load(RepositoryPaths.TargetsFile, TargetName, Environment.GetEnvironmentVariable);
        // The target's timeouts, body cap, redirects, TLS and HTTP version, as conformancekit run uses them.
        _session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), target.Transport.ApplyTo(new ClientSettings()), TimeProvider.System, CancellationToken.None);
        Runner = new ScenarioRunner(_session, Seed, $"t{Environment.ProcessId:x}", _browsers);
    }

    public async Task DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        await _browsers.DisposeAsync();
    }
}
