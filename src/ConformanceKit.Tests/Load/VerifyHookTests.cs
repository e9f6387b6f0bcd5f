using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>The verify hook: after the load and before the final stats, its counters join the named step (and so the
/// scenario's requests), where thresholds judge them; it runs after an abort too; what goes wrong is reported, not thrown.</summary>
[Collection(LoadRuns.Name)]
public sealed class VerifyHookTests
{
    [Fact]
    public async Task Its_counters_join_the_final_stats_and_the_thresholds_judge_them()
    {
        var iterationsSeen = -1L;
        var scenario = new LoadScenario("writers", [LoadKit.Ok("read"), LoadKit.Step("write", _ => StepOutcome.Ok(204).WithCounter("lost-updates", 0))],
            [LoadPhase.FixedIterations(2, 20)])
        {
            Verify = (context, _) =>
            {
                iterationsSeen = 20;
                return ValueTask.FromResult<IReadOnlyList<StepCounter>>([new("write", "lost-updates", 3), new("write", "history-violations", 1)]);
            },
            Thresholds = [Threshold.Parse("lost_updates == 0"), Threshold.Parse("step:write history_violations <= 1")],
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        iterationsSeen.ShouldBe(20);
        var stats = result.Scenarios[0].Stats;
        stats.Step("write")!.Counter("lost-updates").ShouldBe(3);
        stats.Step("read")!.Counters.ShouldNotContainKey("lost-updates");
        stats.Requests.Counter("history-violations").ShouldBe(1);
        stats.Step("write")!.Count.ShouldBe(20, "a verify counter is not a request");
        result.Thresholds.Select(t => (t.Expression, t.Passed)).ShouldBe([("lost_updates == 0", false), ("step:write history_violations <= 1", true)]);
        result.Thresholds[0].Message.ShouldBe("lost_updates is 3 (wanted == 0)");
        result.Scenarios[0].VerifyError.ShouldBeNull();
    }

    [Fact]
    public async Task It_runs_after_an_abort_and_before_cleanup()
    {
        var order = new List<string>();
        var scenario = new LoadScenario("aborted", [LoadKit.Step("read", _ => StepOutcome.Fail(500, "down"))], [LoadPhase.ConstantUsers(1, TimeSpan.FromSeconds(30))])
        {
            Init = (_, _) => ValueTask.CompletedTask,
            Verify = (_, _) =>
            {
                lock (order)
                {
                    order.Add("verify");
                }

                return ValueTask.FromResult<IReadOnlyList<StepCounter>>([new("read", "checked", 1)]);
            },
            Cleanup = (_, _) =>
            {
                lock (order)
                {
                    order.Add("cleanup");
                }

                return ValueTask.CompletedTask;
            },
            Thresholds = [Threshold.Parse("error_rate < 1%") with { AbortOnBreach = true }],
        };

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.ThresholdBreached);
        order.ShouldBe(["verify", "cleanup"]);
        result.Scenarios[0].Stats.Requests.Counter("checked").ShouldBe(1);
    }

    [Fact]
    public async Task A_throwing_hook_or_an_unknown_step_is_reported_and_adds_nothing()
    {
        var throwing = new LoadScenario("throwing", [LoadKit.Ok("read")], [LoadPhase.FixedIterations(1, 3)])
        {
            Verify = (_, _) => throw new InvalidOperationException("final read failed"),
        };
        var unknown = new LoadScenario("unknown", [LoadKit.Ok("read")], [LoadPhase.FixedIterations(1, 3)])
        {
            Verify = (_, _) => ValueTask.FromResult<IReadOnlyList<StepCounter>>([new("write", "lost-updates", 1)]),
        };

        var result = await LoadRunner.RunAsync([throwing, unknown], LoadKit.Options);

        result.Scenario("throwing")!.VerifyError.ShouldBe("InvalidOperationException: final read failed");
        result.Scenario("unknown")!.VerifyError.ShouldBe("the verify hook named step 'write', which scenario 'unknown' does not have");
        result.Scenario("unknown")!.Stats.Requests.Counters.ShouldBeEmpty();
        result.StopReason.ShouldBe(LoadStopReason.Completed);
    }

    [Fact]
    public void A_step_counter_checks_its_name_and_value()
    {
        Should.Throw<ArgumentException>(() => new StepCounter("write", "Lost Updates", 1));
        Should.Throw<ArgumentOutOfRangeException>(() => new StepCounter("write", "lost-updates", -1));
        new StepCounter("write", "lost-updates", 0).Value.ShouldBe(0);
    }
}
