using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;
using ConformanceKit.Targets;
using static ConformanceKit.Tests.Scenarios.SuiteText;

namespace ConformanceKit.Tests.Scenarios;

/// <summary>
/// A step's <c>waitFor</c>: the bounded wait for a legal state the check needs (here a strong ETag from a
/// server that makes a freshly written document's tag weak for a while), never a blind sleep. Loader rules,
/// and runs against <see cref="FreshlyWeakServer"/>: waits until the state shows and says how long, skips with
/// the reason when the bound passes first, and does not wait at all when the state cannot come.
/// </summary>
public sealed class StepWaitTests : IDisposable
{
    private const string WaitForStrong = """ "waitFor": { "until": { "headers": { "ETag": "strong-entity-tag" } }, "while": { "headers": { "ETag": "entity-tag" } }WITHIN } """;

    private readonly Configuration.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string StrongReadThenWrite(string within = "") =>
        Scenario(
            "waits-for-strong",
            "",
            $$"""{ "client": "A", "request": { "method": "GET" }, "capture": { "etag": "header:ETag" }, {{WaitForStrong.Replace("WITHIN", within, StringComparison.Ordinal)}}, "assume": { "headers": { "ETag": "strong-entity-tag" } }, "expect": { "status": 200 } }""",
            """{ "client": "A", "request": { "method": "PUT", "headers": { "If-Match": "{etag}" }, "body": "{doc:a}" }, "expect": { "status": "2xx" } }""");

    [Fact]
    public void The_loader_maps_waitFor_with_its_defaults()
    {
        var step = LoadSingle(Suite(StrongReadThenWrite())).Steps[0];

        var wait = step.Wait.ShouldNotBeNull();
        wait.Until.Headers.Single().ShouldBe(new HeaderExpectation("ETag", HeaderCondition.StrongEntityTag, null));
        wait.While.ShouldNotBeNull().Headers.Single().Condition.ShouldBe(HeaderCondition.EntityTag);
        wait.Within.ShouldBe(TimeSpan.FromMilliseconds(1500));
        wait.Every.ShouldBe(TimeSpan.FromMilliseconds(100));
        ScenarioNarrative.Lines(LoadSingle(Suite(StrongReadThenWrite())))[1]
            .ShouldContain("re-sent every 100 ms for at most 1500 ms until ETag a strong entity-tag, as long as ETag an entity-tag");
    }

    [Fact]
    public void The_loader_takes_within_and_every_and_an_after_condition_on_the_steps_own_capture()
    {
        var step = LoadSingle(Suite(Scenario(
            "date-past-last-modified",
            "",
            """{ "client": "A", "request": { "method": "GET" }, "capture": { "lm": "header:Last-Modified" }, "waitFor": { "until": { "headers": { "Date": { "after": "{lm}" } } }, "within": 2000, "every": 50 } }"""))).Steps[0];

        step.Wait!.Within.ShouldBe(TimeSpan.FromSeconds(2));
        step.Wait.Every.ShouldBe(TimeSpan.FromMilliseconds(50));
        step.Wait.While.ShouldBeNull();
        step.Wait.Until.Headers.Single().ShouldBe(new HeaderExpectation("Date", HeaderCondition.After, "{lm}"));
    }

    /// <summary>Case label, the waitFor object, expected JSON path, part of the reason.</summary>
    public static TheoryData<string, string, string, string> Refusals { get; } = new()
    {
        { "a write cannot wait", "PUT", """{ "until": { "status": 200 } }""", "only a GET or HEAD step can wait" },
        { "every beyond within", "GET", """{ "until": { "status": 200 }, "within": 100, "every": 200 }""", "would never re-read" },
        { "nothing to wait for", "GET", """{ "until": { } }""", "says nothing to wait for" },
        { "within beyond 5 s", "GET", """{ "until": { "status": 200 }, "within": 6000 }""", "5000" },
        { "an unknown field", "GET", """{ "until": { "status": 200 }, "timeout": 100 }""", "unknown field" },
        { "a capture no step made", "GET", """{ "until": { "headers": { "ETag": { "equals": "{never}" } } } }""", "{never} is not captured" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void The_loader_refuses_a_wait_that_cannot_work(string label, string method, string waitFor, string reason)
    {
        var body = method == "PUT" ? """, "body": "{doc:a}" """ : string.Empty;
        var file = _folder.Write("suite.json", Suite(Scenario("bad-wait", "", $$"""{ "client": "A", "request": { "method": "{{method}}"{{body}} }, "waitFor": {{waitFor}} }""")));

        var error = Should.Throw<ConfigurationException>(() => new ScenarioLoader().LoadFile(file), label);

        error.JsonPath.ShouldStartWith("$.scenarios[0].steps[0].waitFor", Case.Sensitive, label);
        error.Reason.ShouldContain(reason, Case.Sensitive, label);
    }

    [Fact]
    public async Task A_step_re_reads_until_the_etag_is_strong_and_says_how_long_it_waited()
    {
        await using var server = new FreshlyWeakServer(TimeSpan.FromMilliseconds(400));

        var result = await RunAsync(server, Suite(StrongReadThenWrite()));

        result.Verdict.ShouldBe(Verdict.Pass, result.Message);
        var note = System.Text.RegularExpressions.Regex.Match(result.Message, @"^requirement holds \[step 1 re-read for (\d+\.\d\d) s \((\d+) reads\) until ETag a strong entity-tag\]$");
        note.Success.ShouldBeTrue(result.Message);
        double.Parse(note.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(0.39, "it waited until the tag turned strong");
        int.Parse(note.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(server.Reads);
        var reads = result.Exchanges.Where(e => e.Step == 1).ToList();
        reads.Count.ShouldBe(2, "the first read (the state the server started in) and the last");
        reads[0].Response!.Field("ETag").ShouldBe("W/\"v1\"");
        reads[1].Response!.Field("ETag").ShouldBe("\"v1\"");
        server.Reads.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_step_whose_bound_passes_first_goes_on_and_the_check_skips_with_the_reason()
    {
        await using var server = new FreshlyWeakServer(TimeSpan.FromSeconds(30));

        var result = await RunAsync(server, Suite(StrongReadThenWrite(within: """, "within": 300""")));

        result.Verdict.ShouldBe(Verdict.Skip);
        result.Message.ShouldStartWith("not applicable: step 1 (A GET {resource}): ETag: the check needs one strong entity-tag, got 'W/\"v1\"'");
        result.Message.ShouldMatch(@"\[step 1 re-read for \d\.\d\d s \(\d+ reads\) and still not ETag a strong entity-tag\]$");
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task A_step_does_not_wait_when_the_state_cannot_come()
    {
        await using var server = new FreshlyWeakServer(TimeSpan.FromSeconds(30), sendsETag: false);

        var result = await RunAsync(server, Suite(StrongReadThenWrite()));

        result.Verdict.ShouldBe(Verdict.Skip);
        result.Message.ShouldBe("not applicable: step 1 (A GET {resource}): ETag: the check needs one strong entity-tag, got no such header");
        server.Reads.ShouldBe(1, "no ETag is not a weak ETag: it will not become strong, so there is nothing to wait for");
    }

    [Fact]
    public async Task A_step_that_needs_no_wait_reads_once_and_adds_no_note()
    {
        await using var server = new FreshlyWeakServer(TimeSpan.Zero);

        var result = await RunAsync(server, Suite(StrongReadThenWrite()));

        result.Verdict.ShouldBe(Verdict.Pass);
        result.Message.ShouldBe("requirement holds");
        server.Reads.ShouldBe(1);
    }

    [Fact]
    public async Task Scenarios_run_several_at_once_keep_their_order_in_results_and_progress()
    {
        await using var server = new FreshlyWeakServer(TimeSpan.FromMilliseconds(300));
        var ids = Enumerable.Range(1, 12).Select(i => $"check-{i:00}").ToList();
        var suite = Suite([.. ids.Select((id, i) => i % 2 == 0 ? Scenario(id) : StrongReadThenWrite().Replace("waits-for-strong", id, StringComparison.Ordinal))]);
        var scenarios = new ScenarioLoader().LoadFile(_folder.Write("suite.json", suite));
        var reported = new List<string>();

        await using var session = await OpenAsync(server);
        var run = await ConformanceRun.ExecuteAsync(session, scenarios, 1, new SynchronousProgress<CheckResult>(r => reported.Add(r.Check.Id)), parallelism: 6, CancellationToken.None);

        run.Checks.Select(c => c.Check.Id).ShouldBe(ids);
        reported.ShouldBe(ids);
        run.Checks.Where(c => c.Verdict != Verdict.Pass).Select(c => $"{c.Check.Id}: {c.Message}").ShouldBeEmpty();
    }

    private Scenario LoadSingle(string suite) => new ScenarioLoader().LoadFile(_folder.Write("suite.json", suite)).Single();

    private async Task<CheckResult> RunAsync(FreshlyWeakServer server, string suite)
    {
        var scenario = LoadSingle(suite);
        await using var session = await OpenAsync(server);
        var run = await ConformanceRun.ExecuteAsync(session, [scenario], 1, null, CancellationToken.None);
        return run.Checks.Single();
    }

    private static Task<TargetSession> OpenAsync(FreshlyWeakServer server)
    {
        var target = new TargetDefinition(
            "freshly-weak",
            TargetKind.Remote,
            server.BaseAddress,
            new ResourceRecipe("/docs/{id}", CreateMethod.Put, null, "application/json", null),
            [],
            new Capabilities(Writes: true, LastModified: true, Ranges: false, RequirePreconditions: false),
            [],
            "test");
        return TargetSession.OpenAsync(target, null, new ClientSettings { RequestTimeout = TimeSpan.FromSeconds(5) }, TimeProvider.System, CancellationToken.None);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
