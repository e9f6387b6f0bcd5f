using ConformanceKit.Load;

namespace ConformanceKit.Tests.Load;

/// <summary>The phases' arguments and their schedules, as pure functions.</summary>
public sealed class PhaseTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Invalid_phases_are_refused_with_the_reason()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.ConstantRate(-1, Second)).Message
            .ShouldStartWith("PerSecond must be more than 0 and at most 1000000 per second.");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.ConstantRate(double.NaN, Second));
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.RampRate(-0.5, 1, Second)).Message
            .ShouldStartWith("From must be at least 0 and at most 1000000 per second.");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.ConstantUsers(10, TimeSpan.Zero)).Message
            .ShouldStartWith("Duration must be more than zero and at most 1.00:00:00.");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.ConstantUsers(0, Second)).Message
            .ShouldStartWith("Users must be between 1 and 50000.");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.RampUsers(0, 50_001, Second));
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.FixedIterations(1, 0)).Message
            .ShouldStartWith("Iterations must be between 1 and 1000000000.");
        Should.Throw<ArgumentOutOfRangeException>(() => LoadPhase.ConstantRate(10, Second) with { MaxInFlight = 0 }).Message
            .ShouldStartWith("MaxInFlight must be between 1 and 100000.");
    }

    [Theory]
    [InlineData(20, 2, 40)]
    [InlineData(0.5, 4, 2)]
    [InlineData(3, 1, 3)]
    [InlineData(0.3, 10, 3)]
    [InlineData(1000, 1.5, 1500)]
    public void A_constant_rate_makes_rate_times_duration_arrivals_rounded_up(double rate, double seconds, int expected)
    {
        var phase = LoadPhase.ConstantRate(rate, TimeSpan.FromSeconds(seconds));

        Arrivals(phase).Count.ShouldBe(expected);
        Arrivals(phase)[0].ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Half_an_arrival_per_second_is_due_at_0_and_2_seconds()
    {
        Arrivals(LoadPhase.ConstantRate(0.5, TimeSpan.FromSeconds(4))).ShouldBe([TimeSpan.Zero, TimeSpan.FromSeconds(2)]);
    }

    [Theory]
    [InlineData(0, 10, 10, 50)]
    [InlineData(10, 0, 10, 50)]
    [InlineData(10, 30, 2, 40)]
    [InlineData(5, 5, 2, 10)]
    [InlineData(0, 0, 5, 0)]
    public void A_ramp_makes_the_area_under_its_rate_in_arrivals(double from, double to, double seconds, int expected)
    {
        var arrivals = Arrivals(LoadPhase.RampRate(from, to, TimeSpan.FromSeconds(seconds)));

        arrivals.Count.ShouldBe(expected);
        arrivals.ShouldBe(arrivals.Order().ToList());
    }

    [Fact]
    public void A_ramp_up_spaces_its_arrivals_closer_as_it_goes()
    {
        var arrivals = Arrivals(LoadPhase.RampRate(0, 100, TimeSpan.FromSeconds(2)));
        var gaps = arrivals.Zip(arrivals.Skip(1), (a, b) => b - a).ToList();

        gaps[0].ShouldBeGreaterThan(gaps[^1] * 5);
    }

    [Theory]
    [InlineData(0, 10, 0.0, 0)]
    [InlineData(0, 10, 0.49, 0)]
    [InlineData(0, 10, 0.5, 1)]
    [InlineData(0, 10, 5.0, 5)]
    [InlineData(0, 10, 9.5, 10)]
    [InlineData(0, 10, 10.0, 10)]
    [InlineData(10, 0, 0.0, 10)]
    [InlineData(10, 0, 0.5, 9)]
    [InlineData(10, 0, 9.6, 0)]
    [InlineData(4, 4, 3.0, 4)]
    public void Ramping_users_rounds_to_the_nearest_user(int from, int to, double atSeconds, int expected)
    {
        LoadPhase.RampUsers(from, to, TimeSpan.FromSeconds(10)).UsersAt(TimeSpan.FromSeconds(atSeconds)).ShouldBe(expected);
    }

    [Fact]
    public void Phases_describe_themselves()
    {
        LoadPhase.ConstantUsers(10, TimeSpan.FromSeconds(30)).ToString().ShouldBe("10 users for 30 s");
        LoadPhase.RampRate(0, 2.5, TimeSpan.FromMilliseconds(1500)).ToString().ShouldBe("0/s to 2.5/s over 1.5 s (at most 100 in flight)");
        LoadPhase.FixedIterations(4, 100).ToString().ShouldBe("100 iterations over 4 users");
    }

    private static List<TimeSpan> Arrivals(OpenModelPhase phase)
    {
        var list = new List<TimeSpan>();
        for (var k = 0L; phase.ArrivalTime(k) is { } at; k++)
        {
            list.Add(at);
        }

        return list;
    }
}
