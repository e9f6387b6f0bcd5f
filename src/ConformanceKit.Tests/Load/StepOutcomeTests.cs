using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

public sealed class StepOutcomeTests
{
    [Fact]
    public void Ok_and_fail_carry_what_the_step_reported()
    {
        var ok = StepOutcome.Ok(304, bytesIn: 0, bytesOut: 120).WithCounter("not-modified").WithCounter("bytes-saved", 512);
        ok.IsOk.ShouldBeTrue();
        ok.StatusCode.ShouldBe(304);
        ok.BytesOut.ShouldBe(120);
        ok.Counters.ShouldBe([new("not-modified", 1), new("bytes-saved", 512)]);

        var fail = StepOutcome.Fail(412, "precondition failed", bytesIn: 40);
        fail.IsOk.ShouldBeFalse();
        fail.FailureReason.ShouldBe("precondition failed");
        fail.ToString().ShouldBe("failed 412: precondition failed");
    }

    [Fact]
    public void The_same_counter_twice_adds_up_and_the_original_is_unchanged()
    {
        var first = StepOutcome.Ok().WithCounter("retry");
        var second = first.WithCounter("retry", 2);

        first.Counters.ShouldBe([new("retry", 1)]);
        second.Counters.ShouldBe([new("retry", 3)]);
    }

    [Fact]
    public void Invalid_values_are_refused_when_made()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => StepOutcome.Ok(99)).Message.ShouldStartWith("A status code must be between 100 and 999.");
        Should.Throw<ArgumentOutOfRangeException>(() => StepOutcome.Ok(200, bytesIn: -1));
        Should.Throw<ArgumentException>(() => StepOutcome.Fail(" "));
        Should.Throw<ArgumentException>(() => StepOutcome.Ok().WithCounter("Not Modified")).Message
            .ShouldStartWith("Counter 'Not Modified' must be at most 64 characters: a lowercase letter, then lowercase letters, digits, '_' or '-'.");
        Should.Throw<ArgumentOutOfRangeException>(() => StepOutcome.Ok().WithCounter("retry", -1));
    }

    [Fact]
    public void A_long_failure_reason_is_cut()
    {
        StepOutcome.Fail(new string('x', 1000)).FailureReason!.Length.ShouldBe(StepOutcome.MaxReasonLength);
    }

    [Fact]
    public void Scenario_and_step_names_are_checked()
    {
        Should.Throw<ArgumentException>(() => new LoadStep("read item", (_, _) => ValueTask.FromResult(StepOutcome.Ok()))).Message
            .ShouldStartWith("Step name 'read item' must be at most 64 characters: a letter or digit, then letters, digits, '.', '_' or '-'.");
        Should.Throw<ArgumentException>(() => new LoadScenario("s", [LoadKit.Ok("a"), LoadKit.Ok("a")], [LoadPhase.FixedIterations(1, 1)]))
            .Message.ShouldStartWith("Scenario 's' has two steps named 'a'.");
        Should.Throw<ArgumentException>(() => new LoadScenario("s", [], [LoadPhase.FixedIterations(1, 1)]))
            .Message.ShouldStartWith("Scenario 's' needs at least one step");
        Should.Throw<ArgumentException>(() => new LoadScenario("s", [LoadKit.Ok()], []))
            .Message.ShouldStartWith("Scenario 's' needs at least one phase");
    }

    [Fact]
    public void A_threshold_naming_a_step_the_scenario_lacks_is_refused()
    {
        Should.Throw<ArgumentException>(() => new LoadScenario("s", [LoadKit.Ok("read"), LoadKit.Ok("write")], [LoadPhase.FixedIterations(1, 1)])
            {
                Thresholds = [Threshold.Parse("step:reed p99 < 1ms")],
            })
            .Message.ShouldStartWith("Threshold 'step:reed p99 < 1ms' names step 'reed', which scenario 's' does not have (steps: read, write).");
    }
}
