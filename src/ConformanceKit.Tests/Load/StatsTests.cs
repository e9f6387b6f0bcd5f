using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Recording: exact counts, percentiles within HdrHistogram's precision, constant memory, thread safety.</summary>
public sealed class StatsTests
{
    private static readonly IReadOnlyList<double> Percentiles = [50, 75, 90, 95, 99, 99.9];

    [Fact]
    public void Percentiles_of_a_uniform_distribution_are_within_a_tenth_of_a_percent()
    {
        var recorder = new MetricRecorder();
        for (var us = 1; us <= 10_000; us++)
        {
            recorder.Record(StepOutcome.Ok(200), us, us / 2, 0);
        }

        var stats = Snapshot(recorder);

        stats.Count.ShouldBe(10_000);
        stats.Latency.MinMs.ShouldBe(0.001);
        stats.Latency.MaxMs.ShouldBe(10);
        stats.Latency.MeanMs.ShouldBe(5.0005, 1e-9);
        stats.Latency.StdDevMs.ShouldBe(2.8868, 0.01);
        foreach (var p in Percentiles)
        {
            stats.Latency.At(p).ShouldNotBeNull().ShouldBe(p / 10, p / 10 * 0.001 + 0.001, $"p{p}");
        }

        stats.ServiceTime.At(50).ShouldNotBeNull().ShouldBe(2.5, 0.003);
    }

    [Fact]
    public void A_two_point_distribution_puts_each_percentile_on_the_right_side()
    {
        var recorder = new MetricRecorder();
        for (var i = 0; i < 1000; i++)
        {
            recorder.Record(StepOutcome.Ok(), i < 990 ? 1_000 : 500_000, 1_000, 0);
        }

        var latency = Snapshot(recorder).Latency;

        latency.At(99).ShouldNotBeNull().ShouldBe(1, 0.001);
        latency.At(99.9).ShouldNotBeNull().ShouldBe(500, 0.5);
        latency.MaxMs.ShouldBe(500);
    }

    [Fact]
    public void Counts_statuses_bytes_counters_and_reasons_add_up()
    {
        var recorder = new MetricRecorder();
        recorder.Record(StepOutcome.Ok(304, bytesOut: 50).WithCounter("not-modified").WithCounter("bytes-saved", 900), 10, 10, 0);
        recorder.Record(StepOutcome.Ok(200, bytesIn: 900, bytesOut: 50), 10, 10, 0);
        recorder.Record(StepOutcome.Fail(412, "conflict").WithCounter("conflict"), 10, 10, 2);
        recorder.Record(StepOutcome.Fail("timeout"), 10, 10, 2);

        var stats = Snapshot(recorder, perSecond: true);

        (stats.Ok, stats.Failed, stats.BytesIn, stats.BytesOut).ShouldBe((2L, 2L, 900L, 100L));
        stats.StatusCodes.ShouldBe(new Dictionary<int, long> { [200] = 1, [304] = 1, [412] = 1 });
        stats.NoStatus.ShouldBe(1);
        stats.Counters.ShouldBe(new Dictionary<string, long> { ["bytes-saved"] = 900, ["conflict"] = 1, ["not-modified"] = 1 });
        stats.FailureReasons.ShouldBe(new Dictionary<string, long> { ["conflict"] = 1, ["timeout"] = 1 });
        stats.ErrorRate.ShouldBe(0.5);
        stats.PerSecond.ShouldBe([new SecondCounts(0, 2, 0), new SecondCounts(1, 0, 0), new SecondCounts(2, 0, 2)]);
    }

    [Fact]
    public void Distinct_failure_reasons_and_counters_are_capped()
    {
        var recorder = new MetricRecorder(stripeCount: 1);
        for (var i = 0; i < 100; i++)
        {
            recorder.Record(StepOutcome.Fail($"error {i}").WithCounter($"c{i}"), 10, 10, 0);
        }

        var stats = Snapshot(recorder);

        stats.FailureReasons.Count.ShouldBe(StatsConstants.MaxFailureReasons + 1);
        stats.FailureReasons[StatsConstants.OtherReasons].ShouldBe(100 - StatsConstants.MaxFailureReasons);
        stats.FailureReasons.Values.Sum().ShouldBe(100);
        stats.Counters.Count.ShouldBe(StatsConstants.MaxCounters);
    }

    [Fact]
    public void Latencies_beyond_an_hour_keep_their_exact_max()
    {
        var recorder = new MetricRecorder();
        recorder.Record(StepOutcome.Ok(), 2 * StatsConstants.HighestMicroseconds, 5, 0);

        var latency = Snapshot(recorder).Latency;

        latency.MaxMs.ShouldBe(7_200_000);
        latency.At(50).ShouldNotBeNull().ShouldBeLessThanOrEqualTo(7_200_000);
    }

    [Fact]
    public void Recording_ten_million_latencies_allocates_nothing_per_record()
    {
        var recorder = new MetricRecorder();
        var ok = StepOutcome.Ok(200, bytesIn: 100).WithCounter("not-modified");
        var fail = StepOutcome.Fail(412, "conflict");
        recorder.Record(ok, 1, 1, 0);
        recorder.Record(fail, 1, 1, 0);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000_000; i++)
        {
            recorder.Record(i % 10 == 0 ? fail : ok, 1 + (i % 50_000), 1 + (i % 20_000), i / 1_000_000);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        allocated.ShouldBeLessThan(64 * 1024, "only the per-second arrays may grow (10 seconds here)");
        var stats = Snapshot(recorder);
        stats.Count.ShouldBe(10_000_002);
        stats.Failed.ShouldBe(1_000_001);
        stats.Latency.Count.ShouldBe(10_000_002);
        stats.Counter("not-modified").ShouldBe(9_000_001);
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var recorder = new MetricRecorder();
        const int threads = 8, each = 50_000;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            for (var i = 0; i < each; i++)
            {
                recorder.Record(StepOutcome.Ok(200).WithCounter("retry"), 100 + t, 100, 0);
            }
        });

        var stats = Snapshot(recorder);
        stats.Ok.ShouldBe(threads * each);
        stats.Counter("retry").ShouldBe(threads * each);
        stats.StatusCodes[200].ShouldBe(threads * each);
        stats.Latency.MinMs.ShouldBe(0.1);
        stats.Latency.MaxMs.ShouldBe(0.107);
    }

    [Fact]
    public void An_empty_recorder_reads_zero_everywhere()
    {
        var stats = Snapshot(new MetricRecorder());

        stats.Count.ShouldBe(0);
        stats.ErrorRate.ShouldBe(0);
        stats.Latency.Count.ShouldBe(0);
        stats.Latency.MeanMs.ShouldBe(0);
        stats.Latency.Percentiles.Count.ShouldBe(Percentiles.Count);
    }

    private static StatsSnapshot Snapshot(MetricRecorder recorder, bool perSecond = false)
    {
        var total = new StatsAccumulator();
        recorder.MergeInto(total);
        return StatsSnapshot.From("step", total, Percentiles, TimeSpan.FromSeconds(1), 1, perSecond);
    }
}
