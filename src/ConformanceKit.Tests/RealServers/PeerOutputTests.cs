using ConformanceKit.RealServers.PeerTools;

namespace ConformanceKit.Tests.RealServers;

/// <summary>
/// The wrk and hey parsers on outputs captured from the real tools (Fixtures/, recorded on 2026-12-01 with
/// Debian's wrk 4.1.0 and hey 0.1.4 against this project's nginx config and a slow local test server).
/// </summary>
public sealed class PeerOutputTests
{
    [Fact]
    public void Wrk_in_microseconds_against_the_static_file()
    {
        var result = WrkOutput.Parse(Fixture("wrk-static-200.txt"));
        result.Tool.ShouldBe("wrk");
        result.RequestsPerSecond.ShouldBe(51018.75);
        result.TotalRequests.ShouldBe(158170);
        result.Elapsed.ShouldBe(TimeSpan.FromMilliseconds(3100));
        result.LatencyP50Ms.ShouldBe(0.147);
        result.LatencyP90Ms.ShouldBe(0.186);
        result.LatencyP99Ms.ShouldBe(0.504);
        result.NonSuccessResponses.ShouldBe(0);
        result.Errors.ShouldBe(0);
        result.ErrorsByKind.ShouldBeEmpty();
        result.StatusCounts.ShouldBeNull();
    }

    [Fact]
    public void Wrk_mixes_microseconds_and_milliseconds_in_one_distribution()
    {
        var result = WrkOutput.Parse(Fixture("wrk-if-none-match-304.txt"));
        result.LatencyP50Ms.ShouldBe(0.108);
        result.LatencyP90Ms.ShouldBe(0.173);
        result.LatencyP99Ms.ShouldBe(1.55);
        result.RequestsPerSecond.ShouldBe(65416.50);
        result.TotalRequests.ShouldBe(196367);
    }

    [Fact]
    public void Wrk_in_milliseconds()
    {
        var result = WrkOutput.Parse(Fixture("wrk-milliseconds.txt"));
        result.LatencyP50Ms.ShouldBe(51.93);
        result.LatencyP90Ms.ShouldBe(55.97);
        result.LatencyP99Ms.ShouldBe(56.17);
        result.TotalRequests.ShouldBe(236);
        result.Elapsed.ShouldBe(TimeSpan.FromMilliseconds(3010));
    }

    [Fact]
    public void Wrk_in_seconds_with_the_trailing_space_wrk_pads_them_with()
    {
        var result = WrkOutput.Parse(Fixture("wrk-slow-seconds.txt"));
        result.LatencyP50Ms.ShouldBe(1240);
        result.LatencyP99Ms.ShouldBe(1240);
        result.RequestsPerSecond.ShouldBe(2.99);
        result.TotalRequests.ShouldBe(12);
        result.Elapsed.ShouldBe(TimeSpan.FromMilliseconds(4010));
    }

    [Fact]
    public void Wrk_counts_4xx_as_non_success()
    {
        var result = WrkOutput.Parse(Fixture("wrk-not-found-404.txt"));
        result.NonSuccessResponses.ShouldBe(234447);
        result.TotalRequests.ShouldBe(234447);
        result.Errors.ShouldBe(0);
    }

    [Fact]
    public void Wrk_socket_errors_by_kind()
    {
        var result = WrkOutput.Parse(Fixture("wrk-socket-timeouts.txt"));
        result.Errors.ShouldBe(11);
        result.ErrorsByKind.ShouldBe(new Dictionary<string, long> { ["timeout"] = 11 });
        result.TotalRequests.ShouldBe(44);
        result.LatencyP50Ms.ShouldBe(63.92);
    }

    [Fact]
    public void Wrk_that_could_not_connect_is_a_format_error_quoting_its_output()
    {
        Should.Throw<FormatException>(() => WrkOutput.Parse(Fixture("wrk-connection-refused.txt")))
            .Message.ShouldContain("unable to connect to 127.0.0.1:18099 Connection refused");
    }

    [Theory]
    [InlineData("250", "us", 0.25)]
    [InlineData("1.50", "ms", 1.5)]
    [InlineData("2.00", "s", 2000)]
    [InlineData("1.00", "m", 60_000)]
    [InlineData("1.00", "h", 3_600_000)]
    public void Wrk_time_units(string value, string unit, double milliseconds) =>
        WrkOutput.Milliseconds(value, unit).ShouldBe(milliseconds, tolerance: 1e-9);

    [Fact]
    public void Hey_against_the_static_file()
    {
        var result = HeyOutput.Parse(Fixture("hey-static-200.txt"));
        result.Tool.ShouldBe("hey");
        result.RequestsPerSecond.ShouldBe(17692.9275);
        result.TotalRequests.ShouldBe(53096);
        result.Elapsed.ShouldBe(TimeSpan.FromMilliseconds(3001));
        result.LatencyP50Ms.ShouldNotBeNull().ShouldBe(0.3, tolerance: 1e-9);
        result.LatencyP90Ms.ShouldNotBeNull().ShouldBe(1.0, tolerance: 1e-9);
        result.LatencyP99Ms.ShouldNotBeNull().ShouldBe(2.1, tolerance: 1e-9);
        result.StatusCounts.ShouldBe(new Dictionary<int, long> { [200] = 53096 });
        result.NonSuccessResponses.ShouldBe(0);
        result.Errors.ShouldBe(0);
    }

    [Fact]
    public void Hey_counts_304_as_success()
    {
        var result = HeyOutput.Parse(Fixture("hey-if-none-match-304.txt"));
        result.StatusCounts.ShouldBe(new Dictionary<int, long> { [304] = 86535 });
        result.NonSuccessResponses.ShouldBe(0);
        result.LatencyP99Ms.ShouldNotBeNull().ShouldBe(3.9, tolerance: 1e-9);
    }

    [Fact]
    public void Hey_counts_404_as_non_success()
    {
        var result = HeyOutput.Parse(Fixture("hey-not-found-404.txt"));
        result.StatusCounts.ShouldBe(new Dictionary<int, long> { [404] = 78938 });
        result.NonSuccessResponses.ShouldBe(78938);
    }

    [Fact]
    public void Hey_errors_are_counted_and_a_percentile_it_could_not_fill_is_null()
    {
        var result = HeyOutput.Parse(Fixture("hey-client-timeouts.txt"));
        result.Errors.ShouldBe(24);
        result.ErrorsByKind.Keys.ShouldHaveSingleItem().ShouldContain("Client.Timeout exceeded");
        result.TotalRequests.ShouldBe(48 + 24);
        result.LatencyP50Ms.ShouldNotBeNull().ShouldBe(64.0, tolerance: 1e-9);
        result.LatencyP90Ms.ShouldNotBeNull().ShouldBe(66.9, tolerance: 1e-9);
        result.LatencyP99Ms.ShouldBeNull("hey printed '0% in 0.0000 secs' where 99% would be: too few samples");
    }

    [Fact]
    public void Hey_with_only_errors_still_parses_and_has_no_latencies()
    {
        var result = HeyOutput.Parse(Fixture("hey-connection-refused.txt"));
        result.Errors.ShouldBe(97756);
        result.TotalRequests.ShouldBe(97756);
        result.StatusCounts.ShouldBeEmpty();
        result.RequestsPerSecond.ShouldBe(48863.5702, "hey's figure counts the failed requests too");
        result.LatencyP50Ms.ShouldBeNull();
        result.ToString().ShouldContain("p50 n/a");
    }

    [Fact]
    public void Output_without_a_summary_is_a_format_error()
    {
        Should.Throw<FormatException>(() => HeyOutput.Parse("flag provided but not defined: -x")).Message.ShouldContain("Requests/sec:");
        Should.Throw<FormatException>(() => WrkOutput.Parse("")).Message.ShouldContain("requests in");
    }

    private static string Fixture(string name) => File.ReadAllText(PeerFixtures.PathOf(name));
}
