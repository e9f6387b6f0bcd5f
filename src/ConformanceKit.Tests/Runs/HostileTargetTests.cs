using System.Diagnostics;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Reports;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Cli;

namespace ConformanceKit.Tests.Runs;

/// <summary>A target that misbehaves ends as error or fail verdicts within bounded time, and the report is still
/// written: never a crash, never a pass.</summary>
public sealed class HostileTargetTests
{
    private static readonly ClientSettings Limits = new() { RequestTimeout = TimeSpan.FromSeconds(1), MaxBodyBytes = 64 * 1024 };

    [Theory]
    [InlineData(Misbehaviour.NeverAnswers, "no complete response within 1 s")]
    [InlineData(Misbehaviour.Garbage, "")]
    [InlineData(Misbehaviour.ClosesMidResponse, "")]
    [InlineData(Misbehaviour.HugeBody, "")]
    public async Task Misbehaving_target_gives_error_verdicts_and_a_report(Misbehaviour misbehaviour, string expectedMessage)
    {
        await using var server = new HostileServer(misbehaviour);
        var result = await RunAsync(server, Limits, "conditional-get-304", "optimistic-locking", "preconditions-ignored-on-404-get");

        result.Checks.Count.ShouldBe(3);
        foreach (var check in result.Checks)
        {
            check.Verdict.ShouldBe(Verdict.Error, check.Message);
            check.Message.ShouldContain(expectedMessage);
            check.Exchanges.ShouldNotBeEmpty("the failed exchange is the evidence");
        }

        Gate.Passes(result).ShouldBeFalse("an error does not show conformance");
        ReportsAreWritten(result);
    }

    [Fact]
    public async Task A_100_MB_body_is_read_only_up_to_the_cap()
    {
        await using var server = new HostileServer(Misbehaviour.HugeBody);
        var result = await RunAsync(server, Limits, "etag-well-formed");

        var response = result.Checks.Single().Exchanges.Select(e => e.Response).OfType<RecordedResponse>().First();
        response.BodyTruncated.ShouldBeTrue();
        response.BodyLength.ShouldBe(Limits.MaxBodyBytes + 1, "reading stops one byte past the cap");
        response.Body.Length.ShouldBe(Limits.MaxBodyBytes);
        server.BodyBytesSent.ShouldBeLessThan(32L * 1024 * 1024, "the harness hangs up after the cap: the rest of the 100 MB is never read, only what the sockets buffered");
    }

    [Theory]
    [InlineData(Misbehaviour.UnquotedETag)]
    [InlineData(Misbehaviour.ControlCharacterETag)]
    [InlineData(Misbehaviour.SeveralETags)]
    public async Task Malformed_etags_end_as_fail_or_error_verdicts_and_a_report(Misbehaviour misbehaviour)
    {
        await using var server = new HostileServer(misbehaviour);
        var result = await RunAsync(server, Limits, "etag-well-formed", "conditional-get-304", "optimistic-locking", "if-match-stale-delete");

        result.Checks.Count.ShouldBe(4);
        result.Checks.Single(c => c.Check.Id == "etag-well-formed").Verdict.ShouldBe(Verdict.Fail, "the field is not one entity-tag");
        foreach (var check in result.Checks)
        {
            // A check that builds on a strong ETag does not apply without one (its reason says so); none passes.
            check.Verdict.ShouldBeOneOf([Verdict.Fail, Verdict.Error, Verdict.Skip], $"{check.Check.Id}: {check.Message}");
            if (check.Verdict == Verdict.Skip)
            {
                check.Message.ShouldStartWith("not applicable: ");
                check.Message.ShouldContain("entity-tag");
            }
        }

        Gate.Passes(result).ShouldBeFalse();
        ReportsAreWritten(result);
    }

    [Fact]
    public async Task A_redirect_is_an_answer_to_judge_when_redirects_are_not_followed()
    {
        await using var server = new HostileServer(Misbehaviour.RedirectLoop);
        var result = await RunAsync(server, Limits, "etag-well-formed", "conditional-get-304", "optimistic-locking");

        foreach (var check in result.Checks)
        {
            check.Verdict.ShouldBeOneOf([Verdict.Fail, Verdict.Error], $"{check.Check.Id}: {check.Message}");
            check.Exchanges.Select(e => e.Response?.Status).ShouldContain(307);
        }

        server.Redirects.ShouldBe(result.Checks.Sum(c => c.Exchanges.Count(e => e.Response?.Status == 307)), "one request, one redirect: none followed");
        ReportsAreWritten(result);
    }

    [Fact]
    public async Task A_redirect_loop_followed_stops_after_the_limit_and_judges_the_last_3xx()
    {
        await using var server = new HostileServer(Misbehaviour.RedirectLoop);
        var result = await RunAsync(server, Limits with { FollowRedirects = true }, "etag-well-formed", "conditional-get-304", "optimistic-locking");

        var exchanges = result.Checks.SelectMany(c => c.Exchanges).ToList();
        foreach (var check in result.Checks)
        {
            check.Verdict.ShouldBeOneOf([Verdict.Fail, Verdict.Error], $"{check.Check.Id}: {check.Message}");
        }

        exchanges.ShouldAllBe(e => e.Response == null || e.Response.Status == 307);
        exchanges.Where(e => e.Response is not null).ShouldAllBe(e => e.Response!.RedirectedTo != null, "the answer came from a redirected URL");
        server.Redirects.ShouldBeLessThanOrEqualTo(exchanges.Count * (ClientSettings.MaxRedirects + 1), "each request follows at most the limit");
        server.Redirects.ShouldBeGreaterThan(exchanges.Count, "redirects were followed");
        ReportsAreWritten(result);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_redirect_loop_through_the_command_line_ends_non_conformant_with_its_report(bool follow)
    {
        await using var server = new HostileServer(Misbehaviour.RedirectLoop);
        using var cli = new CliRun();
        var fields = follow ? ", \"followRedirects\": true" : string.Empty;
        var file = cli.WriteFile("targets.json", $$"""{ "targets": { "loop": { "baseUrl": "{{server.BaseAddress.ToString().TrimEnd('/')}}", "resource": { "path": "/items/{id}" }{{fields}} } } }""");

        var code = await cli.RunTargetAsync("loop", file, "--only", "conditional-get-304", "--only", "optimistic-locking");

        code.ShouldBe(ConformanceKit.Cli.ExitCodes.NonConformant, cli.Output + cli.Error);
        using var results = cli.Results("loop");
        var responses = results.RootElement.GetProperty("checks").EnumerateArray()
            .SelectMany(c => c.GetProperty("exchanges").EnumerateArray()).Select(e => e.GetProperty("response")).ToList();
        responses.ShouldAllBe(r => r.GetProperty("status").GetInt32() == 307);
        responses.Select(r => r.TryGetProperty("redirectedTo", out _)).ShouldAllBe(redirected => redirected == follow);
        (server.Redirects > responses.Count).ShouldBe(follow);
    }

    private static async Task<RunResult> RunAsync(HostileServer server, ClientSettings settings, params string[] ids)
    {
        var target = new TargetDefinition(
            "hostile",
            TargetKind.Remote,
            server.BaseAddress,
            new ResourceRecipe("/items/{id}", CreateMethod.Put, null, "application/json", null),
            [],
            new Capabilities(Writes: true, LastModified: true, Ranges: false, RequirePreconditions: false),
            [],
            "test");
        var scenarios = new ScenarioLoader().Load([RepositoryPaths.Suites]).Where(s => ids.Contains(s.Id)).ToList();
        scenarios.Count.ShouldBe(ids.Length);
        var clock = Stopwatch.StartNew();

        await using var session = await TargetSession.OpenAsync(target, null, settings, TimeProvider.System, CancellationToken.None);
        var result = await ConformanceRun.ExecuteAsync(session, scenarios, 1, null, CancellationToken.None);

        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "each request is bounded by the 1 s timeout");
        return result;
    }

    private static void ReportsAreWritten(RunResult result)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ck-hostile-" + Guid.NewGuid().ToString("N"));
        try
        {
            HtmlReportWriter.Write(result, Path.Combine(folder, "index.html"));
            JsonResultsWriter.Write(result, Path.Combine(folder, "results.json"));
            JunitWriter.Write(result, Path.Combine(folder, "junit.xml"));
            MarkdownSummaryWriter.Write(result, Path.Combine(folder, "summary.md"));
            File.ReadAllText(Path.Combine(folder, "results.json")).ShouldContain("\"verdict\": \"");
            File.ReadAllText(Path.Combine(folder, "index.html")).ShouldContain(result.Checks[0].Check.Id);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
