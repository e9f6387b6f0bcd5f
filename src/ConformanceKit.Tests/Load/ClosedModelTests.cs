using System.Collections.Concurrent;
using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Looping users: exact iteration counts, carried-over users, ramps, 1,000 users at once.</summary>
[Collection(LoadRuns.Name)]
public sealed class ClosedModelTests
{
    [Fact]
    public async Task Fixed_iterations_run_exactly_that_many_over_the_users()
    {
        var seen = new ConcurrentBag<(int User, long Iteration)>();
        var scenario = LoadKit.Scenario(LoadPhase.FixedIterations(7, 250), LoadKit.Step("step", c =>
        {
            seen.Add((c.UserIndex, c.Iteration));
            return StepOutcome.Ok(200);
        }));

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        var stats = result.Scenarios.ShouldHaveSingleItem().Stats;
        stats.Iterations.Ok.ShouldBe(250);
        stats.Started.ShouldBe(250);
        stats.Requests.Count.ShouldBe(250);
        seen.Select(s => s.Iteration).Order().ShouldBe(Enumerable.Range(0, 250).Select(i => (long)i));
        seen.Select(s => s.User).Distinct().ShouldAllBe(u => u >= 0 && u < 7);
        stats.Finished.ShouldBeTrue();
        stats.ActiveUsers.ShouldBe(0);
    }

    [Fact]
    public async Task Users_and_their_state_carry_over_from_one_closed_phase_to_the_next()
    {
        var scenario = new LoadScenario("carry", [LoadKit.Step("count", c =>
        {
            c.State["n"] = (int)(c.State.TryGetValue("n", out var n) ? n! : 0) + 1;
            c.UserIteration.ShouldBe((int)c.State["n"]! - 1);
            return StepOutcome.Ok();
        })], [LoadPhase.FixedIterations(3, 30), LoadPhase.FixedIterations(5, 20), LoadPhase.FixedIterations(2, 10)]);

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.Scenarios[0].Stats.Iterations.Ok.ShouldBe(60);
        result.Passed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_failed_step_ends_its_iteration_and_a_throwing_step_is_a_failure_not_a_crash()
    {
        var second = 0;
        var scenario = LoadKit.Scenario(LoadPhase.FixedIterations(3, 30),
            LoadKit.Step("first", c => c.Iteration % 3 == 0 ? throw new InvalidOperationException("boom") : StepOutcome.Ok(200)),
            LoadKit.Step("second", c =>
            {
                Interlocked.Increment(ref second);
                return c.Iteration % 3 == 1 ? StepOutcome.Fail(412, "conflict") : StepOutcome.Ok(204);
            }));

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        var stats = result.Scenarios[0].Stats;
        stats.Step("first")!.Failed.ShouldBe(10);
        stats.Step("first")!.FailureReasons.ShouldBe(new Dictionary<string, long> { ["InvalidOperationException: boom"] = 10 });
        second.ShouldBe(20);
        stats.Step("second")!.Count.ShouldBe(20);
        stats.Step("second")!.StatusCodes[412].ShouldBe(10);
        stats.Iterations.Ok.ShouldBe(10);
        stats.Iterations.Failed.ShouldBe(20);
        stats.Iterations.FailureReasons.ShouldBe(new Dictionary<string, long>
        {
            ["failed at step 'first'"] = 10,
            ["failed at step 'second'"] = 10,
        });
        stats.Requests.Count.ShouldBe(50);
    }

    [Fact]
    public async Task Ramping_changes_the_number_of_active_users_along_the_ramp()
    {
        var ramp = LoadPhase.RampUsers(0, 20, TimeSpan.FromSeconds(1));
        var scenario = new LoadScenario("ramp", [LoadKit.Delay("wait", TimeSpan.FromMilliseconds(5))],
            [ramp, LoadPhase.ConstantUsers(20, TimeSpan.FromSeconds(0.4)), LoadPhase.RampUsers(20, 0, TimeSpan.FromSeconds(0.6))]);
        var progress = new Collect<LoadSnapshot>();

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options, progress);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        var snapshots = progress.Items.Select(s => s.Scenarios[0]).ToList();
        snapshots.ShouldAllBe(s => s.ActiveUsers <= 20);
        snapshots.Where(s => s.Phase == 0).ShouldAllBe(s => s.ActiveUsers <= ramp.UsersAt(s.Elapsed) + 1, "never ahead of the ramp");
        snapshots.ShouldContain(s => s.Phase == 0 && s.ActiveUsers > 0 && s.ActiveUsers < 20);
        snapshots.ShouldContain(s => s.Phase == 1 && s.ActiveUsers == 20);
        snapshots.ShouldContain(s => s.Phase == 2 && s.ActiveUsers < 20);
        result.Scenarios[0].Stats.ActiveUsers.ShouldBe(0);
    }

    [Fact]
    public async Task A_thousand_users_are_all_in_flight_at_once_without_starving_the_thread_pool()
    {
        const int users = 1000;
        var arrived = 0;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scenario = LoadKit.Scenario(LoadPhase.FixedIterations(users, 3 * users), new LoadStep("step", async (c, ct) =>
        {
            if (c.UserIteration == 0 && Interlocked.Increment(ref arrived) == users)
            {
                all.TrySetResult();
            }

            // Every user's first iteration waits until all 1,000 are inside one: they are concurrent, or this never ends.
            await (c.UserIteration == 0 ? all.Task.WaitAsync(ct) : Task.Delay(1, ct));
            return StepOutcome.Ok(200);
        }));

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.StopReason.ShouldBe(LoadStopReason.Completed);
        arrived.ShouldBe(users);
        result.Scenarios[0].Stats.Iterations.Ok.ShouldBe(3 * users);
    }

    [Fact]
    public async Task Constant_users_loop_until_the_phase_ends_then_finish_their_iteration()
    {
        var scenario = LoadKit.Scenario(LoadPhase.ConstantUsers(4, TimeSpan.FromMilliseconds(500)), LoadKit.Delay("wait", TimeSpan.FromMilliseconds(20)));

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        var stats = result.Scenarios[0].Stats;
        stats.Iterations.Ok.ShouldBeGreaterThan(4);
        stats.Interrupted.ShouldBe(0);
        stats.Started.ShouldBe(stats.Iterations.Count);
        stats.Requests.BytesIn.ShouldBe(10 * stats.Requests.Count);
        result.Duration.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }
}

[CollectionDefinition(Name)]
public sealed class LoadRuns
{
    /// <summary>The runs that keep the two cores busy share this collection, so they never starve each other: the load
    /// engine's and the load command's, the mutation matrix and the legal variants (55 and 20 catalog runs, with
    /// Chromium), the browser checks and the real-server catalogs. Beside the matrix and Chromium, a 2-second load run
    /// finished 12 of its 100 arrivals and a check waiting for a clock second ran out of its bound.</summary>
    public const string Name = "runs that load the machine";
}
