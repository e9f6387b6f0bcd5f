using System.Text.Json;
using ConformanceKit.Load;
using Microsoft.Extensions.Time.Testing;

namespace ConformanceKit.Tests.Load;

/// <summary>The run around the phases: thresholds during and after, hooks, bounds, several scenarios, the result's shape.</summary>
[Collection(LoadRuns.Name)]
public sealed class RunnerTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Thresholds_are_judged_at_the_end_pass_or_fail_each()
    {
        var scenario = new LoadScenario("reads", [LoadKit.Step("read", c => c.Iteration % 10 == 0
            ? StepOutcome.Ok(200, bytesIn: 500)
            : StepOutcome.Ok(304).WithCounter("not-modified").WithCounter("bytes-saved", 500))], [LoadPhase.FixedIterations(4, 200)])
        {
            Thresholds =
            [
                Threshold.Parse("not_modified_ratio >= 85%"),
                Threshold.Parse("status_304_rate >= 0.85"),
                Threshold.Parse("step:read error_rate < 1%"),
                Threshold.Parse("lost_updates == 0"),
                Threshold.Parse("p99.99 < 10s"),
                Threshold.Parse("rps > 100000000"),
            ],
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        result.Thresholds.Select(t => (t.Expression, t.Passed)).ShouldBe(
        [
            ("not_modified_ratio >= 85%", true), ("status_304_rate >= 0.85", true), ("step:read error_rate < 1%", true),
            ("lost_updates == 0", true), ("p99.99 < 10s", true), ("rps > 100000000", false),
        ]);
        result.Thresholds[0].Value.ShouldBe(0.9);
        result.Thresholds[0].Message.ShouldBe("not_modified_ratio is 90% (wanted >= 85%)");
        result.Thresholds[5].FirstBreach.ShouldNotBeNull();
        result.Passed.ShouldBeFalse();
        result.Scenarios[0].Stats.Requests.Latency.At(99.99).ShouldNotBeNull("a threshold's percentile is computed");
        result.Scenarios[0].Stats.Requests.Counter("bytes-saved").ShouldBe(180 * 500);
    }

    [Fact]
    public async Task A_breached_abort_threshold_ends_the_run_early_with_the_reason()
    {
        var scenario = new LoadScenario("failing", [LoadKit.Step("read", c => c.Iteration % 2 == 0 ? StepOutcome.Fail(500, "server error") : StepOutcome.Ok(200))],
            [LoadPhase.ConstantUsers(2, TimeSpan.FromSeconds(60))])
        {
            Thresholds = [Threshold.Parse("error_rate < 10%") with { AbortOnBreach = true }, Threshold.Parse("p99 < 1m")],
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.ThresholdBreached);
        result.Aborted.ShouldBeTrue();
        result.StopMessage.ShouldNotBeNull().ShouldStartWith("threshold 'error_rate < 10%' of scenario 'failing' was breached at ");
        // Every other iteration fails; a snapshot can fall between the two users' records (50.001%, or 49.999%).
        result.StopMessage.ShouldMatch(@"error_rate is (49\.[0-9]+|50(\.[0-9]+)?)% \(wanted < 10%\)");
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(30), "it stopped long before its 60 s phase");
        var abort = result.Thresholds[0];
        abort.StoppedRun.ShouldBeTrue();
        abort.Passed.ShouldBeFalse();
        abort.FirstBreach.ShouldNotBeNull();
        result.Thresholds[1].Passed.ShouldBeTrue();
        result.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task Thresholds_are_evaluated_during_the_run_and_a_breach_keeps_its_time()
    {
        var scenario = new LoadScenario("late-breach", [LoadKit.Delay("wait", TimeSpan.FromMilliseconds(5))], [LoadPhase.ConstantUsers(1, TimeSpan.FromSeconds(1))])
        {
            Thresholds = [Threshold.Parse("requests < 10")],
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        var outcome = result.Thresholds.ShouldHaveSingleItem();
        outcome.Passed.ShouldBeFalse();
        outcome.FirstBreach.ShouldNotBeNull().At.ShouldBeLessThan(result.Scenarios[0].Stats.Elapsed);
        outcome.Breaches.ShouldBeGreaterThan(1, "seen breached during the run and at the end");
    }

    [Fact]
    public async Task Init_prepares_shared_state_and_cleanup_runs_after_the_load()
    {
        var cleaned = false;
        var scenario = new LoadScenario("hooks", [LoadKit.Step("read", c => c.Shared["resource"] is "/items/1" ? StepOutcome.Ok() : StepOutcome.Fail("no resource"))],
            [LoadPhase.FixedIterations(2, 10)])
        {
            Init = (c, _) =>
            {
                c.Shared["resource"] = "/items/1";
                return ValueTask.CompletedTask;
            },
            Cleanup = (c, _) =>
            {
                cleaned = c.Shared.ContainsKey("resource");
                return ValueTask.CompletedTask;
            },
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.Scenarios[0].Stats.Iterations.Ok.ShouldBe(10);
        cleaned.ShouldBeTrue();
        result.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failing_init_stops_the_run_before_any_load()
    {
        var ran = 0;
        var scenario = new LoadScenario("broken", [LoadKit.Step("read", _ => StepOutcome.Ok(Interlocked.Increment(ref ran) > 0 ? 200 : 500))],
            [LoadPhase.FixedIterations(1, 10)])
        {
            Init = (_, _) => throw new InvalidOperationException("target unreachable"),
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.InitFailed);
        result.StopMessage.ShouldBe("scenario 'broken' init failed: InvalidOperationException: target unreachable");
        result.Scenarios[0].InitError.ShouldBe("InvalidOperationException: target unreachable");
        ran.ShouldBe(0);
        result.Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task Several_scenarios_run_at_the_same_time()
    {
        var readersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writersStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readers = new LoadScenario("readers", [new LoadStep("read", async (_, ct) =>
        {
            readersStarted.TrySetResult();
            await writersStarted.Task.WaitAsync(ct);
            return StepOutcome.Ok(200);
        })], [LoadPhase.FixedIterations(4, 40)]);
        var writers = new LoadScenario("writers", [new LoadStep("write", async (_, ct) =>
        {
            writersStarted.TrySetResult();
            await readersStarted.Task.WaitAsync(ct);
            return StepOutcome.Ok(204);
        })], [LoadPhase.FixedIterations(2, 10)]);

        var result = await LoadRunner.RunAsync([readers, writers], LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        result.Scenario("readers")!.Stats.Iterations.Ok.ShouldBe(40);
        result.Scenario("writers")!.Stats.Iterations.Ok.ShouldBe(10);
        Should.Throw<ArgumentException>(() => LoadRunner.RunAsync([readers, readers])).Message
            .ShouldStartWith("Two scenarios are named 'readers'; names must be unique in a run.");
    }

    [Fact]
    public async Task Cancelling_stops_everything_promptly_and_counts_the_interrupted_iterations()
    {
        using var cts = new CancellationTokenSource();
        var progress = new Collect<LoadSnapshot>(s =>
        {
            if (s.Scenarios[0].Iterations.Count > 0)
            {
                cts.Cancel();
            }
        });
        var scenario = LoadKit.Scenario(LoadPhase.ConstantUsers(10, TimeSpan.FromMinutes(5)), new LoadStep("wait", async (c, ct) =>
        {
            await Task.Delay(c.UserIndex == 0 ? 10 : 60_000, ct);
            return StepOutcome.Ok();
        }));

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options, progress, cts.Token);

        result.StopReason.ShouldBe(LoadStopReason.Cancelled);
        result.StopMessage.ShouldBe("cancelled by the caller");
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(30));
        var stats = result.Scenarios[0].Stats;
        stats.Interrupted.ShouldBeGreaterThanOrEqualTo(9);
        stats.Abandoned.ShouldBe(0);
        stats.Steps[0].Failed.ShouldBe(0, "an interruption is not a failure");
    }

    [Fact]
    public async Task A_progress_callback_that_throws_stops_the_load_and_the_exception_reaches_the_caller()
    {
        var scenario = LoadKit.Scenario(LoadPhase.ConstantUsers(2, TimeSpan.FromMinutes(5)), LoadKit.Delay("wait", TimeSpan.FromMilliseconds(5)));
        var progress = new Collect<LoadSnapshot>(_ => throw new InvalidOperationException("display gone"));

        var thrown = await Should.ThrowAsync<InvalidOperationException>(() => LoadRunner.RunAsync(scenario, LoadKit.Options, progress).WaitAsync(TimeSpan.FromSeconds(30)));

        thrown.Message.ShouldBe("display gone");
    }

    [Fact]
    public async Task The_timeout_is_measured_on_the_injected_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = LoadKit.Scenario(LoadPhase.FixedIterations(1, 1), new LoadStep("hang", async (_, ct) =>
        {
            entered.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return StepOutcome.Ok();
        }));

        var run = LoadRunner.RunAsync(scenario, LoadKit.Options with { TimeProvider = time, Timeout = TimeSpan.FromSeconds(5) });
        await entered.Task.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(6));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(10));

        result.StopReason.ShouldBe(LoadStopReason.Timeout);
        result.StopMessage.ShouldBe("the run's timeout of 00:00:05 ran out");
        result.StartedAt.ShouldBe(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        result.Scenarios[0].Stats.Interrupted.ShouldBe(1);
    }

    [Fact]
    public async Task The_result_serializes_as_plain_json()
    {
        var scenario = new LoadScenario("json", [LoadKit.Step("read", _ => StepOutcome.Ok(304).WithCounter("not-modified"))], [LoadPhase.FixedIterations(1, 3)])
        {
            Thresholds = [Threshold.Parse("p99 < 1s")],
        };
        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        var json = JsonSerializer.Serialize(result, Web);

        json.ShouldContain("\"stopReason\":\"Completed\"");
        json.ShouldContain("\"statusCodes\":{\"304\":3}");
        json.ShouldContain("\"counters\":{\"not-modified\":3}");
        json.ShouldContain("\"perSecond\":[{\"second\":0,\"ok\":3,\"failed\":0,\"total\":3}]");
        using var document = JsonDocument.Parse(json);
        var threshold = document.RootElement.GetProperty("scenarios")[0].GetProperty("thresholds")[0];
        threshold.GetProperty("expression").GetString().ShouldBe("p99 < 1s");
        threshold.GetProperty("passed").GetBoolean().ShouldBeTrue();
        document.RootElement.TryGetProperty("thresholds", out _).ShouldBeFalse();
        document.RootElement.GetProperty("scenarios")[0].GetProperty("stats").GetProperty("requests").GetProperty("latency")
            .GetProperty("percentiles").GetArrayLength().ShouldBe(6);
    }

    [Fact]
    public void Options_are_checked_when_set()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new LoadOptions { Timeout = TimeSpan.Zero }).Message
            .ShouldStartWith("Timeout must be more than zero and at most 1.00:00:00.");
        Should.Throw<ArgumentOutOfRangeException>(() => new LoadOptions { Percentiles = [50, 101] }).Message
            .ShouldStartWith("Percentiles must hold 1 to 32 values, each more than 0 and at most 100.");
        Should.Throw<ArgumentOutOfRangeException>(() => new LoadOptions { SnapshotInterval = TimeSpan.FromMilliseconds(1) });
        Should.Throw<ArgumentOutOfRangeException>(() => new LoadOptions { LateTolerance = TimeSpan.FromSeconds(-1) });
        new LoadOptions { Percentiles = [99, 50, 99] }.Percentiles.ShouldBe([50, 99]);
    }
}
