using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Reading metrics from snapshots and judging them, without running any load.</summary>
public sealed class ThresholdEvaluationTests
{
    private static readonly ScenarioSnapshot Snapshot = LoadKit.Snapshot(
    [
        .. Enumerable.Range(1, 90).Select(i => ("read", StepOutcome.Ok(304).WithCounter("not-modified").WithCounter("bytes-saved", 100), (long)i * 100)),
        .. Enumerable.Range(1, 10).Select(i => ("read", StepOutcome.Ok(200, bytesIn: 100), (long)i * 1000)),
        .. Enumerable.Range(1, 8).Select(i => ("write", StepOutcome.Ok(204).WithCounter("retry", i % 2), 5000L)),
        ("write", StepOutcome.Fail(412, "conflict").WithCounter("conflict"), 5000L),
        ("write", StepOutcome.Fail(412, "conflict").WithCounter("conflict"), 5000L),
    ], dropped: 2, late: 11, elapsed: TimeSpan.FromSeconds(2));

    [Theory]
    [InlineData("requests == 110", 110)]
    [InlineData("ok == 108", 108)]
    [InlineData("failed == 2", 2)]
    [InlineData("rps == 55", 55)]
    [InlineData("max == 10ms", 10)]
    [InlineData("min == 0.1ms", 0.1)]
    [InlineData("step:read not_modified_ratio == 90%", 0.9)]
    [InlineData("step:read status_304 == 90", 90)]
    [InlineData("step:read status_200_rate == 10%", 0.1)]
    [InlineData("step:read bytes_saved == 9000", 9000)]
    [InlineData("step:read bytes_in == 1000", 1000)]
    [InlineData("step:write conflict_rate == 20%", 0.2)]
    [InlineData("step:write error_rate == 20%", 0.2)]
    [InlineData("step:write retry_per_ok == 0.5", 0.5)]
    [InlineData("step:write p50 == 5ms", 5)]
    [InlineData("lost_updates == 0", 0)]
    [InlineData("dropped == 2", 2)]
    [InlineData("late_rate == 10%", 0.1)]
    [InlineData("iteration requests == 110", 110)]
    public void Metrics_read_what_was_recorded(string expression, double expected)
    {
        var threshold = Threshold.Parse(expression);

        threshold.Read(Snapshot).ShouldNotBeNull().ShouldBe(expected, 1e-9);
        threshold.Holds(expected).ShouldBeTrue();
    }

    [Fact]
    public void Dropped_rate_counts_dropped_arrivals_among_all_arrivals()
    {
        Threshold.Parse("dropped_rate < 1").Read(Snapshot).ShouldNotBeNull().ShouldBe(2.0 / 112, 1e-9);
    }

    [Fact]
    public void A_percentile_is_read_from_the_snapshot_percentiles()
    {
        var snapshot = LoadKit.Snapshot(Enumerable.Range(1, 1000).Select(i => ("read", StepOutcome.Ok(), (long)i * 10)), percentiles: [50, 99.9]);

        Threshold.Parse("p99.9 < 1s").Read(snapshot).ShouldNotBeNull().ShouldBe(9.99, 0.02);
    }

    [Fact]
    public void Without_data_a_latency_or_a_ratio_reads_nothing_but_a_count_reads_zero()
    {
        var empty = LoadKit.Snapshot([("read", StepOutcome.Ok(), 10L)]);

        Threshold.Parse("step:write p99 < 1s").Read(empty).ShouldBeNull();
        Threshold.Parse("step:write error_rate < 1%").Read(empty).ShouldBeNull();
        Threshold.Parse("lost_updates == 0").Read(empty).ShouldBe(0);
    }

    [Theory]
    [InlineData("p99 < 50ms", 49.9, true)]
    [InlineData("p99 < 50ms", 50, false)]
    [InlineData("p99 <= 50ms", 50, true)]
    [InlineData("rps > 100", 100, false)]
    [InlineData("rps >= 100", 100, true)]
    [InlineData("lost_updates == 0", 0, true)]
    [InlineData("lost_updates != 0", 0, false)]
    public void Operators_compare_the_value_with_the_limit(string expression, double value, bool holds)
    {
        Threshold.Parse(expression).Holds(value).ShouldBe(holds);
    }

    [Fact]
    public void The_monitor_records_the_first_breach_and_counts_the_final_one()
    {
        var threshold = Threshold.Parse("step:write error_rate < 10%");
        var monitor = new ThresholdMonitor("scenario", [threshold]);

        monitor.Observe(Snapshot, TimeSpan.FromSeconds(1)).ShouldBeNull();   // not abort-on-breach
        var outcome = monitor.Finish(Snapshot, TimeSpan.FromSeconds(2)).ShouldHaveSingleItem();

        outcome.Passed.ShouldBeFalse();
        outcome.Value.ShouldBe(0.2);
        outcome.Message.ShouldBe("error_rate is 20% (wanted < 10%)");
        outcome.FirstBreach.ShouldBe(new ThresholdBreach(TimeSpan.FromSeconds(1), 0.2, "error_rate is 20% (wanted < 10%)"));
        outcome.Breaches.ShouldBe(2);
        outcome.StoppedRun.ShouldBeFalse();
    }

    [Fact]
    public void An_abort_threshold_breached_before_its_delay_does_not_abort()
    {
        var threshold = Threshold.Parse("failed == 0") with { AbortOnBreach = true, AbortDelay = TimeSpan.FromSeconds(3) };
        var monitor = new ThresholdMonitor("scenario", [threshold]);

        monitor.Observe(Snapshot, TimeSpan.FromSeconds(2)).ShouldBeNull();
        monitor.Observe(Snapshot, TimeSpan.FromSeconds(3)).ShouldNotBeNull().Threshold.ShouldBe(threshold);
    }

    [Fact]
    public void With_no_data_at_the_end_a_threshold_fails()
    {
        var monitor = new ThresholdMonitor("scenario", [Threshold.Parse("step:write p99 < 1s")]);

        var outcome = monitor.Finish(LoadKit.Snapshot([("read", StepOutcome.Ok(), 10L)]), TimeSpan.FromSeconds(1)).ShouldHaveSingleItem();

        outcome.Passed.ShouldBeFalse();
        outcome.Value.ShouldBeNull();
        outcome.Message.ShouldBe("p99: no data");
    }
}
