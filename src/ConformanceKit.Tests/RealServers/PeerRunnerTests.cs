using ConformanceKit.RealServers;
using ConformanceKit.RealServers.PeerTools;
using ConformanceKit.Tests.Configuration;

namespace ConformanceKit.Tests.RealServers;

/// <summary>
/// The runners' command lines, option checks and process handling. wrk and hey are benchmark tools, not
/// installed by CI, so these tests run stand-in scripts that print a captured output (or hang, or fail).
/// </summary>
public sealed class PeerRunnerTests
{
    private static readonly Uri Static = new("http://127.0.0.1:8080/static/hello.txt");

    [Fact]
    public void Wrk_command_line()
    {
        var options = new PeerRunOptions(Static)
        {
            Threads = 2, Connections = 8, Duration = TimeSpan.FromSeconds(5), Headers = [new("If-None-Match", "\"67748580-19\"")],
        };
        WrkRunner.Arguments(options).ShouldBe(["-t", "2", "-c", "8", "-d", "5s", "--latency", "-H", "If-None-Match: \"67748580-19\"", Static.AbsoluteUri]);
    }

    [Fact]
    public void Hey_command_line()
    {
        var options = new PeerRunOptions(Static) { Connections = 8, Duration = TimeSpan.FromSeconds(5), Headers = [new("If-None-Match", "*")] };
        HeyRunner.Arguments(options).ShouldBe(["-z", "5s", "-c", "8", "-H", "If-None-Match: *", Static.AbsoluteUri]);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task Load_goes_to_loopback_http_only(string url)
    {
        await Should.ThrowAsync<ArgumentException>(() => WrkRunner.RunAsync(new PeerRunOptions(new Uri(url))));
    }

    [Fact]
    public async Task Bad_options_are_refused_before_the_tool_starts()
    {
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => WrkRunner.RunAsync(new PeerRunOptions(Static) { Threads = 9, Connections = 8 }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => HeyRunner.RunAsync(new PeerRunOptions(Static) { Duration = TimeSpan.FromMilliseconds(1500) }));
        await Should.ThrowAsync<ArgumentOutOfRangeException>(() => HeyRunner.RunAsync(new PeerRunOptions(Static) { Duration = TimeSpan.FromHours(1) }));
        await Should.ThrowAsync<ArgumentException>(() => HeyRunner.RunAsync(new PeerRunOptions(Static) { Headers = [new("X-Bad", "a\r\nInjected: 1")] }));
    }

    [Fact]
    public async Task A_missing_tool_names_its_apt_package()
    {
        (await Should.ThrowAsync<MissingToolException>(() => WrkRunner.RunAsync(new PeerRunOptions(Static) { Binary = "/nonexistent/wrk" })))
            .Message.ShouldContain("apt-get install -y wrk");
        (await Should.ThrowAsync<MissingToolException>(() => HeyRunner.RunAsync(new PeerRunOptions(Static) { Binary = "/nonexistent/hey" })))
            .Message.ShouldContain("apt-get install -y hey");
    }

    [Fact]
    public async Task The_runner_reads_what_the_tool_printed()
    {
        using var folder = new TempFolder();
        var wrk = Script(folder, "wrk", $"cat '{PeerFixtures.PathOf("wrk-static-200.txt")}'");
        var hey = Script(folder, "hey", $"cat '{PeerFixtures.PathOf("hey-static-200.txt")}'");

        (await WrkRunner.RunAsync(new PeerRunOptions(Static) { Binary = wrk })).TotalRequests.ShouldBe(158170);
        (await HeyRunner.RunAsync(new PeerRunOptions(Static) { Binary = hey })).TotalRequests.ShouldBe(53096);
    }

    [Fact]
    public async Task A_tool_that_exits_with_an_error_is_reported_with_its_output()
    {
        using var folder = new TempFolder();
        var wrk = Script(folder, "wrk", $"cat '{PeerFixtures.PathOf("wrk-connection-refused.txt")}' >&2; exit 1");
        (await Should.ThrowAsync<PeerToolException>(() => WrkRunner.RunAsync(new PeerRunOptions(Static) { Binary = wrk })))
            .Message.ShouldContain("Connection refused");
    }

    [Fact(Timeout = 30_000)]
    public async Task A_tool_that_runs_past_its_bound_is_killed()
    {
        using var folder = new TempFolder();
        var hey = Script(folder, "hey", "exec sleep 60");
        var started = System.Diagnostics.Stopwatch.StartNew();
        await Should.ThrowAsync<TimeoutException>(() => HeyRunner.RunAsync(new PeerRunOptions(Static) { Binary = hey, Timeout = TimeSpan.FromSeconds(1) }));
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(15));
    }

    private static string Script(TempFolder folder, string name, string body)
    {
        var file = folder.Write(name, $"#!/bin/sh\n{body}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return file;
    }
}
