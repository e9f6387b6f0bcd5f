using ConformanceKit.Cli;

namespace ConformanceKit.Tests.Cli;

/// <summary><c>conformancekit bench NAME</c>: argument handling, and the output shape of one tiny bounded race
/// sensitivity run. A benchmark measures; these tests never assert speed or detection rates. Plain
/// <c>conformancekit bench</c>, the load benchmark: <see cref="LoadBenchmarkTests"/>.</summary>
public sealed class BenchCommandTests : IDisposable
{
    private const string ControlLine = @"^control \(correct server, 500 ms\): 0 violations in \d+ rounds$";

    private const string WindowLine = @"^window 5ms: detected in [01]/1 runs \((0|100)%\)"
        + @"(, time to first detection median \S+ ms p95 \S+ ms max \S+ ms, rounds median \d+ max \d+)?"
        + @"(; the run without detection raced \d+ rounds in 500 ms)?$";

    private readonly CliRun _cli = new();

    [Fact]
    public async Task An_unknown_benchmark_is_a_usage_error()
    {
        var code = await _cli.RunAsync("bench", "nope");

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain("'bench' has no benchmark 'nope'; there are two: races (");
    }

    [Theory]
    [InlineData("--windows", "5xs", "--windows: '5xs' is not 0 or a number with the unit us, ms or s of at most 10s")]
    [InlineData("--windows", "11s", "--windows: '11s' is not 0 or a number")]
    [InlineData("--windows", "1ms,,0", "--windows has an empty entry in '1ms,,0'")]
    [InlineData("--windows", "100us,0.1ms", "--windows names 100us twice")]
    [InlineData("--runs", "0", "--runs must be between 1 and 1000, got 0")]
    [InlineData("--runs", "many", "--runs must be a whole number, got 'many'")]
    [InlineData("--clients", "1", "--clients must be between 2 and 256, got 1")]
    [InlineData("--duration", "2", "--duration must be a time with the unit ms or s, such as 2s or 500ms, got '2'")]
    [InlineData("--duration", "0s", "--duration must be more than 0 and at most 60s, got '0s'")]
    [InlineData("--duration", "2m", "--duration must be a time with the unit ms or s")]
    [InlineData("--seed", "x", "--seed must be a whole number, got 'x'")]
    public async Task A_bad_option_value_exits_2_naming_the_option_and_the_reason(string option, string value, string message)
    {
        var code = await _cli.RunAsync("bench", "races", option, value);

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain(message);
        _cli.Output.ShouldBeEmpty("nothing runs before the options are checked");
    }

    [Fact]
    public async Task An_unknown_option_exits_2()
    {
        var code = await _cli.RunAsync("bench", "races", "--window", "1ms");

        code.ShouldBe(ExitCodes.UsageError);
        _cli.Error.ShouldContain("'bench races' has no option --window");
    }

    [Fact]
    public async Task A_tiny_run_prints_the_control_one_line_per_window_and_the_goal()
    {
        var code = await _cli.RunAsync("bench", "races", "--windows", "5ms", "--runs", "1", "--duration", "500ms", "--clients", "4", "--seed", "7");

        code.ShouldBe(ExitCodes.Conformant, _cli.Output + _cli.Error);
        var lines = _cli.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(5, _cli.Output);
        lines[0].ShouldBe($"race sensitivity: defect non-atomic-write, 4 clients, 1 run of 500 ms per window, seeds 7..7; a fresh reference server on loopback per run; {Environment.ProcessorCount} core{(Environment.ProcessorCount == 1 ? "" : "s")}");
        lines[1].ShouldMatch(ControlLine, "the correct server must show no violation");
        lines[2].ShouldMatch(WindowLine);
        lines[3].ShouldStartWith("goal (a 100us window caught in at least 95% of 2-second runs): not assessed, --windows has no 100us");
        lines[4].ShouldMatch(@"^done in \d+\.\d s$");
    }

    public void Dispose() => _cli.Dispose();
}
