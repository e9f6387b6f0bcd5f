using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>Threshold syntax: what parses to what, and the exact message for what does not.</summary>
public sealed class ThresholdParseTests
{
    public static TheoryData<string, ThresholdScope, string?, string, ThresholdOperator, double> Good => new()
    {
        { "p99 < 50ms", ThresholdScope.Requests, null, "p99", ThresholdOperator.Less, 50 },
        { "p95<=20ms", ThresholdScope.Requests, null, "p95", ThresholdOperator.LessOrEqual, 20 },
        { "  p99.9 < 1.5s  ", ThresholdScope.Requests, null, "p99.9", ThresholdOperator.Less, 1500 },
        { "mean < 250us", ThresholdScope.Requests, null, "mean", ThresholdOperator.Less, 0.25 },
        { "max < 2m", ThresholdScope.Requests, null, "max", ThresholdOperator.Less, 120_000 },
        { "service_p50 < 5ms", ThresholdScope.Requests, null, "service_p50", ThresholdOperator.Less, 5 },
        { "error_rate < 1%", ThresholdScope.Requests, null, "error_rate", ThresholdOperator.Less, 0.01 },
        { "error_rate < 0.05", ThresholdScope.Requests, null, "error_rate", ThresholdOperator.Less, 0.05 },
        { "rps > 100", ThresholdScope.Requests, null, "rps", ThresholdOperator.Greater, 100 },
        { "lost_updates == 0", ThresholdScope.Requests, null, "lost_updates", ThresholdOperator.Equal, 0 },
        { "not_modified_ratio >= 90%", ThresholdScope.Requests, null, "not_modified_ratio", ThresholdOperator.GreaterOrEqual, 0.9 },
        { "conflict_rate < 50%", ThresholdScope.Requests, null, "conflict_rate", ThresholdOperator.Less, 0.5 },
        { "retry_per_ok <= 2", ThresholdScope.Requests, null, "retry_per_ok", ThresholdOperator.LessOrEqual, 2 },
        { "status_412 != 0", ThresholdScope.Requests, null, "status_412", ThresholdOperator.NotEqual, 0 },
        { "status_304_rate >= 90%", ThresholdScope.Requests, null, "status_304_rate", ThresholdOperator.GreaterOrEqual, 0.9 },
        { "dropped == 0", ThresholdScope.Requests, null, "dropped", ThresholdOperator.Equal, 0 },
        { "step:read p99 < 10ms", ThresholdScope.Step, "read", "p99", ThresholdOperator.Less, 10 },
        { "step:write conflict_rate < 50%", ThresholdScope.Step, "write", "conflict_rate", ThresholdOperator.Less, 0.5 },
        { "iteration p99 < 1s", ThresholdScope.Iterations, null, "p99", ThresholdOperator.Less, 1000 },
        { "iteration late_rate < 1%", ThresholdScope.Iterations, null, "late_rate", ThresholdOperator.Less, 0.01 },
        { "iterations >= 100", ThresholdScope.Requests, null, "iterations", ThresholdOperator.GreaterOrEqual, 100 },
    };

    public static TheoryData<string, string> Bad => new()
    {
        { "", "Threshold '': the expression is empty." },
        { "p99 50ms", "Threshold 'p99 50ms': expected an operator (<, <=, >, >=, == or !=) after 'p99'." },
        { "p99 = 50ms", "Threshold 'p99 = 50ms': '=' is not an operator; write '=='." },
        { "p99 <", "Threshold 'p99 <': expected a value after '<'." },
        { "p99 < fast", "Threshold 'p99 < fast': expected a number after '<', found 'fast'." },
        { "p99 <= 1.5.5ms", "Threshold 'p99 <= 1.5.5ms': expected a number after '<=', found '1.5.5ms'." },
        { "p99 < -1ms", "Threshold 'p99 < -1ms': the value must not be negative." },
        { "p99 < 50", "Threshold 'p99 < 50': p99 is a latency; give a unit (us, ms, s or m), as in 'p99 < 50ms'." },
        { "p99 < 5%", "Threshold 'p99 < 5%': p99 is a latency; give a unit (us, ms, s or m), as in 'p99 < 5%ms'." },
        { "p99 < 50xs", "Threshold 'p99 < 50xs': unknown unit 'xs' (us, ms, s, m or %)." },
        { "error_rate < 5ms", "Threshold 'error_rate < 5ms': error_rate is a ratio; give a fraction (0.01) or a percentage (1%), not 'ms'." },
        { "rps > 10%", "Threshold 'rps > 10%': rps is a number; it takes no unit, found '%'." },
        { "lost_updates == 0ms", "Threshold 'lost_updates == 0ms': lost_updates is a number; it takes no unit, found 'ms'." },
        { "p0 < 1ms", "Threshold 'p0 < 1ms': percentile p0 must be more than 0 and at most 100." },
        { "p100.1 < 1ms", "Threshold 'p100.1 < 1ms': percentile p100.1 must be more than 0 and at most 100." },
        { "p99x < 1ms", "Threshold 'p99x < 1ms': 'p99x' is not a percentile (write p50, p99 or p99.9)." },
        { "service_count < 1", "Threshold 'service_count < 1': 'service_count' is not a latency metric (service_min, service_mean, service_max, service_stddev or service_pNN)." },
        { "status_99 > 0", "Threshold 'status_99 > 0': status_99 names no status code (write status_304, status_412_rate)." },
        { "P99 < 1ms", "Threshold 'P99 < 1ms': expected a metric name (lowercase letters, digits and '_'), found 'P99'." },
        { "< 1ms", "Threshold '< 1ms': expected a metric name (lowercase letters, digits and '_'), found '<'." },
        { "step: p99 < 1ms", "Threshold 'step: p99 < 1ms': expected a step name after 'step:'." },
        { "step:read dropped == 0", "Threshold 'step:read dropped == 0': dropped is a scenario metric; it cannot be scoped to a step." },
        { "step:read iterations > 1", "Threshold 'step:read iterations > 1': iterations is a scenario metric; it cannot be scoped to a step." },
        { "p99 < 50ms ok", "Threshold 'p99 < 50ms ok': unexpected 'ok' after the value." },
    };

    [Theory]
    [MemberData(nameof(Good))]
    public void Good_expressions_parse(string text, ThresholdScope scope, string? step, string metric, ThresholdOperator op, double limit)
    {
        var threshold = Threshold.Parse(text);

        threshold.Expression.ShouldBe(text.Trim());
        threshold.Scope.ShouldBe(scope);
        threshold.Step.ShouldBe(step);
        threshold.Metric.ShouldBe(metric);
        threshold.Operator.ShouldBe(op);
        threshold.Limit.ShouldBe(limit, 1e-9);
        threshold.AbortOnBreach.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(Bad))]
    public void Bad_expressions_are_refused_with_the_expression_and_the_reason(string text, string message)
    {
        Should.Throw<FormatException>(() => Threshold.Parse(text)).Message.ShouldBe(message);
        Threshold.TryParse(text, out var threshold, out var error).ShouldBeFalse();
        threshold.ShouldBeNull();
        error.ShouldBe(message);
    }

    [Fact]
    public void A_percentile_threshold_names_its_percentile()
    {
        Threshold.Parse("p99.9 < 1s").Percentile.ShouldBe(99.9);
        Threshold.Parse("error_rate < 1%").Percentile.ShouldBeNull();
    }

    [Fact]
    public void Abort_settings_are_checked()
    {
        var threshold = Threshold.Parse("p99 < 1s") with { AbortOnBreach = true, AbortDelay = TimeSpan.FromSeconds(5) };
        threshold.AbortOnBreach.ShouldBeTrue();
        Should.Throw<ArgumentOutOfRangeException>(() => threshold with { AbortDelay = TimeSpan.FromSeconds(-1) });
    }
}
