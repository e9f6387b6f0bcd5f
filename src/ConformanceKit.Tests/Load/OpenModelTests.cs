using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Arrival rates: counts by the schedule, the in-flight cap, coordinated-omission correction.</summary>
[Collection(LoadRuns.Name)]
public sealed class OpenModelTests
{
    [Fact]
    public async Task A_constant_rate_starts_its_scheduled_arrivals()
    {
        var scenario = LoadKit.Scenario(LoadPhase.ConstantRate(40, TimeSpan.FromSeconds(1)), LoadKit.Delay("wait", TimeSpan.FromMilliseconds(2)));

        var stats = (await LoadRunner.RunAsync(scenario, LoadKit.Options)).Scenarios[0].Stats;

        (stats.Started + stats.Dropped).ShouldBe(40);
        stats.Iterations.Count.ShouldBeInRange(36, 40);
        stats.Steps[0].Rps.ShouldBeInRange(10, 60);
    }

    [Fact]
    public async Task Half_an_arrival_per_second_for_four_seconds_is_two_iterations()
    {
        var scenario = LoadKit.Scenario(LoadPhase.ConstantRate(0.5, TimeSpan.FromSeconds(4)), LoadKit.Ok());

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        result.Scenarios[0].Stats.Iterations.Ok.ShouldBe(2);
        result.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3.9));
    }

    [Fact]
    public async Task Arrivals_beyond_max_in_flight_are_dropped_and_counted()
    {
        var running = 0;
        var most = 0;
        var scenario = LoadKit.Scenario(LoadPhase.ConstantRate(100, TimeSpan.FromSeconds(1)) with { MaxInFlight = 5 }, new LoadStep("slow", async (c, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            c.UserIndex.ShouldBeInRange(0, 4);
            await Task.Delay(200, ct);
            Interlocked.Decrement(ref running);
            return StepOutcome.Ok();
        }));

        var stats = (await LoadRunner.RunAsync(scenario, LoadKit.Options)).Scenarios[0].Stats;

        most.ShouldBeLessThanOrEqualTo(5);
        stats.Dropped.ShouldBeGreaterThan(0);
        (stats.Started + stats.Dropped).ShouldBe(100);
        stats.Iterations.Ok.ShouldBe(stats.Started);
        Threshold.Parse("dropped_rate < 1%").Read(stats).ShouldBe((double)stats.Dropped / 100);
    }

    [Fact]
    public async Task A_stall_shows_in_the_latency_of_the_arrivals_queued_behind_it_but_not_in_their_service_time()
    {
        var stalled = 0;
        // 50/s for 2 s; the 11th iteration (due at 0.2 s) blocks its thread for 500 ms, so the 24 arrivals due
        // during the stall start late, in a burst, at about 0.7 s.
        var scenario = LoadKit.Scenario(LoadPhase.ConstantRate(50, TimeSpan.FromSeconds(2)), LoadKit.Step("step", c =>
        {
            if (c.Iteration == 10 && Interlocked.Exchange(ref stalled, 1) == 0)
            {
                Thread.Sleep(500);
            }

            return StepOutcome.Ok(200);
        }));

        var stats = (await LoadRunner.RunAsync(scenario, LoadKit.Options)).Scenarios[0].Stats;

        stats.Iterations.Ok.ShouldBe(100);
        stats.Late.ShouldBeGreaterThanOrEqualTo(10);
        var step = stats.Steps[0];
        step.Latency.MaxMs.ShouldBeGreaterThanOrEqualTo(450);
        step.ServiceTime.MaxMs.ShouldBeGreaterThanOrEqualTo(450, "the stalled iteration itself");
        step.Latency.At(90).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(150, "queued arrivals waited up to 480 ms");
        step.ServiceTime.At(90).ShouldNotBeNull().ShouldBeLessThan(100, "once started, they were quick");
        stats.Iterations.Latency.At(90).ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(150);
    }

    [Fact]
    public async Task A_rate_ramp_then_a_closed_phase_run_in_sequence()
    {
        var open = 0;
        var closed = 0;
        var scenario = new LoadScenario("mixed", [LoadKit.Step("step", c =>
        {
            Interlocked.Increment(ref c.IsOpenModel ? ref open : ref closed);
            return StepOutcome.Ok();
        })], [LoadPhase.RampRate(0, 40, TimeSpan.FromSeconds(1)), LoadPhase.FixedIterations(2, 10)]);

        var result = await LoadRunner.RunAsync(scenario, LoadKit.Options);

        open.ShouldBe(20);
        closed.ShouldBe(10);
        result.Scenarios[0].Stats.Iterations.Ok.ShouldBe(30);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
            seen = Volatile.Read(ref target);
        }
    }
}
