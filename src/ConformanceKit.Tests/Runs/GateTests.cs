using ConformanceKit.Checks;
using ConformanceKit.Runs;
using ConformanceKit.Targets;
using ConformanceKit.Tests.Reports;

namespace ConformanceKit.Tests.Runs;

/// <summary>The gate: which verdicts break it at each level, and what a baseline changes. The sample run has one
/// check of every verdict: fail optimistic-locking, warn etag-sent, info blind-overwrite-loses-update, skip
/// if-range-current-etag-206, error conditional-get-304, pass if-match-stale-get.</summary>
public sealed class GateTests
{
    [Theory]
    [InlineData(Verdict.Pass, false, false, false)]
    [InlineData(Verdict.Fail, true, true, true)]
    [InlineData(Verdict.Warn, false, true, true)]
    [InlineData(Verdict.Info, false, false, true)]
    [InlineData(Verdict.Skip, false, false, false)]
    [InlineData(Verdict.Error, true, true, true)]
    public void Each_level_adds_to_the_one_before(Verdict verdict, bool must, bool should, bool any)
    {
        Gate.Breaks(verdict, GateLevel.Must).ShouldBe(must);
        Gate.Breaks(verdict, GateLevel.Should).ShouldBe(should);
        Gate.Breaks(verdict, GateLevel.Any).ShouldBe(any);
    }

    [Theory]
    [InlineData(GateLevel.Must, new[] { "optimistic-locking", "conditional-get-304" })]
    [InlineData(GateLevel.Should, new[] { "optimistic-locking", "etag-sent", "conditional-get-304" })]
    [InlineData(GateLevel.Any, new[] { "optimistic-locking", "etag-sent", "blind-overwrite-loses-update", "conditional-get-304" })]
    public void The_breaking_checks_per_level_in_run_order(GateLevel level, string[] breaking)
    {
        var outcome = Gate.Judge(SampleRun.Create(), level);

        outcome.Breaking.Select(c => c.Check.Id).ShouldBe(breaking);
        outcome.Passes.ShouldBeFalse();
    }

    [Fact]
    public void Baselined_checks_do_not_break_the_gate_and_unlisted_ones_still_do()
    {
        var run = SampleRun.Create() with { Baseline = new Baseline("b.json", [new("optimistic-locking", "known", 2), new("conditional-get-304", "flaky CDN", 3)], Strict: false) };

        Gate.Judge(run, GateLevel.Must).Passes.ShouldBeTrue("both MUST-level problems are known deviations");
        var should = Gate.Judge(run, GateLevel.Should);
        should.Passes.ShouldBeFalse("the warn is not in the baseline");
        should.Breaking.Select(c => c.Check.Id).ShouldBe(["etag-sent"]);
        should.Baselined.Select(b => (b.Check.Check.Id, b.Entry.Reason)).ShouldBe([("optimistic-locking", "known"), ("conditional-get-304", "flaky CDN")]);
    }

    [Fact]
    public void An_entry_whose_check_passes_is_stale_and_breaks_only_a_strict_baseline()
    {
        BaselineEntry[] entries = [new("if-match-stale-get", "was broken", 2), new("optimistic-locking", "known", 3), new("conditional-get-304", "known", 4)];
        var lenient = SampleRun.Create() with { Baseline = new Baseline("b.json", entries, Strict: false) };
        var strict = lenient with { Baseline = lenient.Baseline with { Strict = true } };

        var outcome = Gate.Judge(lenient);
        outcome.Stale.Select(e => e.Id).ShouldBe(["if-match-stale-get"]);
        outcome.Passes.ShouldBeTrue();
        Gate.Judge(strict).Passes.ShouldBeFalse();
        Gate.Judge(strict).StaleBreaks.ShouldBeTrue();
    }

    [Fact]
    public void An_entry_for_a_check_not_in_the_run_is_neither_applied_nor_stale()
    {
        var run = SampleRun.Create() with { Baseline = new Baseline("b.json", [new("if-none-match-list", "elsewhere", 2)], Strict: true) };

        var outcome = Gate.Judge(run, GateLevel.Must);

        outcome.NotRun.Select(e => e.Id).ShouldBe(["if-none-match-list"]);
        outcome.Stale.ShouldBeEmpty();
        outcome.Baselined.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("10m", 600_000)]
    [InlineData("10min", 600_000)]
    [InlineData("2h", 7_200_000)]
    [InlineData("30 s", 30_000)]
    public void Durations_read_with_their_unit(string text, double milliseconds)
    {
        DurationText.TryParse(text, out var duration).ShouldBeTrue();
        duration.TotalMilliseconds.ShouldBe(milliseconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("1d")]
    [InlineData("1e3ms")]
    public void Durations_without_a_known_unit_are_refused(string text) => DurationText.TryParse(text, out _).ShouldBeFalse();
}
