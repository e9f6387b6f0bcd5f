using ConformanceKit.Browser;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.Browser;

/// <summary>One Chromium for the browser check tests.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ChromiumFixture : IAsyncLifetime
{
    public ChromiumBrowsers Browsers { get; } = new();

    public Task InitializeAsync()
    {
        Browsers.Unavailable.ShouldBeNull($"the browser tests need {Browsers.ExecutablePath} (apt-get install chromium; .ci/run installs it)");
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Browsers.DisposeAsync();
}

/// <summary>
/// The catalog's browser checks (suites/9110-13-browser-clients.json) in Chromium against the reference server:
/// what the browser sent and was answered is in the verdict and the evidence, the CORS defects end in warnings whose
/// message says what the browser hid or blocked and how to fix it, and without a browser the checks skip.
/// </summary>
[Collection(ConformanceKit.Tests.Load.LoadRuns.Name)]
public sealed class BrowserChecksTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private static readonly IReadOnlyList<Scenario> Checks =
        new ScenarioLoader().LoadFile(Path.Combine(RepositoryPaths.Suites, "9110-13-browser-clients.json"));

    [Fact]
    public async Task Against_the_reference_server_every_browser_check_passes_and_shows_what_chromium_did()
    {
        var run = await RunAsync(chromium.Browsers);

        run.Checks.Select(c => $"{c.Check.Id}: {c.Verdict}").ShouldBe(Checks.Select(s => $"{s.Id}: Pass"));
        var reload = run.Checks.Single(c => c.Check.Id == "browser-reload-revalidates-304");
        reload.Message.ShouldContain("step 2: the browser's reload sent If-Modified-Since and If-None-Match; the server answered 304");
        var revalidation = reload.Exchanges.Single(e => e.Client == "Browser" && e.Step == 2);
        revalidation.Request.Headers.ShouldContain(h => h.Name == "If-None-Match");
        revalidation.Response.ShouldNotBeNull().Status.ShouldBe(304);
        revalidation.Response.Body.ShouldBeEmpty();

        var script = run.Checks.Single(c => c.Check.Id == "script-conditional-requests-cross-origin");
        var write = script.Exchanges.Where(e => e.Client == "Script" && e.Step == 3).ToList();
        write.Select(e => $"{e.Request.Method} {e.Response?.Status}").ShouldBe(["OPTIONS 204", "PUT 204"], "the preflight first, then the write");
        write[1].Request.Headers.ShouldContain(h => h.Name == "Origin" && h.Value.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));
        write[1].Request.Url.Authority.ShouldNotBe(new Uri(write[1].Request.Headers.Single(h => h.Name == "Origin").Value).Authority, "the script's origin is not the target's");
    }

    [Fact]
    public async Task An_etag_not_exposed_warns_with_the_header_to_add()
    {
        var run = await RunAsync(chromium.Browsers, "cors-etag-not-exposed");

        var check = run.Checks.Single(c => c.Check.Id == "script-reads-etag-cross-origin");
        check.Verdict.ShouldBe(Verdict.Warn);
        check.Message.ShouldContain("ETag: expected '\"");
        check.Message.ShouldContain("got no such header (the answer carried ETag, but its Access-Control-Expose-Headers ('Location, Content-Range, Accept-Ranges') does not list it, so the browser hides it from scripts)");
        check.Message.ShouldContain("; fix: list ETag in Access-Control-Expose-Headers");
        check.Exchanges.Single(e => e.Client == "Script").Response.ShouldNotBeNull().Field("ETag").ShouldNotBeNull("the wire answer carries it");
        run.Checks.Where(c => c.Check.Id != check.Check.Id).ShouldAllBe(c => c.Verdict == Verdict.Pass);
    }

    [Fact]
    public async Task If_match_left_out_of_the_preflight_warns_that_the_browser_blocked_the_write()
    {
        var run = await RunAsync(chromium.Browsers, "cors-if-match-not-allowed");

        var check = run.Checks.Single(c => c.Check.Id == "script-conditional-requests-cross-origin");
        check.Verdict.ShouldBe(Verdict.Warn);
        check.Message.ShouldStartWith("step 3 (Script fetch PUT {resource} If-Match): status: expected 2xx, got no answer: the browser blocked it (the preflight (OPTIONS) answer's Access-Control-Allow-Headers ('Content-Type, If-None-Match, If-Modified-Since, If-Unmodified-Since, If-Range, Range') does not list the request's if-match); fix: list If-Match");
        var write = check.Exchanges.Single(e => e.Client == "Script" && e.Step == 3 && e.Request.Method == "PUT");
        write.Response.ShouldBeNull();
        write.Error.ShouldNotBeNull().ShouldStartWith("not sent: the browser blocked it (HeaderDisallowedByPreflightResponse: if-match)");
    }

    [Fact]
    public async Task A_server_answering_wrongly_fails_without_a_cors_fix()
    {
        var run = await RunAsync(chromium.Browsers, "etag-unchanged-after-write");

        var changed = run.Checks.Single(c => c.Check.Id == "browser-reload-after-change-shows-new-content");
        changed.Verdict.ShouldBe(Verdict.Fail);
        changed.Message.ShouldStartWith("step 3 (Browser reload): status: expected 200, got 304");
        var script = run.Checks.Single(c => c.Check.Id == "script-conditional-requests-cross-origin");
        script.Verdict.ShouldBe(Verdict.Warn);
        script.Message.ShouldStartWith("step 4 (Script fetch PUT {resource} If-Match): status: expected 412, got 204");
        script.Message.ShouldNotContain("fix:", Case.Sensitive, "the browser kept nothing from the script: a CORS fix would mislead");
    }

    [Fact]
    public async Task Without_a_browser_the_checks_skip_with_the_reason()
    {
        await using var missing = new ChromiumBrowsers("/nonexistent/chromium");
        missing.Unavailable.ShouldBe(BrowserClients.NoBrowser);

        var withoutFactory = await RunAsync(browsers: null);
        var withoutBinary = await RunAsync(missing);

        foreach (var run in new[] { withoutFactory, withoutBinary })
        {
            run.Checks.ShouldAllBe(c => c.Verdict == Verdict.Skip && c.Message == "no browser: install chromium (apt-get install chromium)");
        }
    }

    [Fact]
    public async Task A_reference_target_without_cors_skips_the_script_checks_only()
    {
        var target = TargetDefinition.InBoxReference("no-cors", [], "browser tests") with { Capabilities = Capabilities.ReferenceDefault with { Cors = false } };

        var run = await RunAsync(chromium.Browsers, target);

        run.Checks.Select(c => $"{c.Check.Id}: {c.Verdict}").ShouldBe(
        [
            "browser-reload-revalidates-304: Pass",
            "browser-reload-after-change-shows-new-content: Pass",
            "script-reads-etag-cross-origin: Skip",
            "script-conditional-requests-cross-origin: Skip",
        ]);
        run.Checks[2].Message.ShouldBe("needs capabilities.cors = true; target 'no-cors' has false");
    }

    private static Task<RunResult> RunAsync(IBrowserClientFactory? browsers, params string[] defects) =>
        RunAsync(browsers, TargetDefinition.InBoxReference("browser", defects, "browser tests"));

    private static async Task<RunResult> RunAsync(IBrowserClientFactory? browsers, TargetDefinition target)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await using var session = await TargetSession.OpenAsync(target, new ReferenceTargetLauncher(), new ClientSettings(), TimeProvider.System, bound.Token);
        return await ConformanceRun.ExecuteAsync(session, Checks, seed: 1, progress: null, parallelism: 4, browsers, bound.Token);
    }
}
