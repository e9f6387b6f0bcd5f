using System.Text.RegularExpressions;
using ConformanceKit.Cli;
using ConformanceKit.Cli.Commands;
using ConformanceKit.Tests.Load;

namespace ConformanceKit.Tests.Cli;

/// <summary>Plain <c>conformancekit bench</c>, the load benchmark: its options, the message when wrk or hey is missing,
/// and the shape of a tiny run (1 s per tool, 2 connections) that ends with the ratios line. Never its figures.</summary>
[Collection(LoadRuns.Name)]
public sealed class LoadBenchmarkTests : IDisposable
{
    private readonly CliRun cli = new();

    [Theory]
    [InlineData("--duration", "1.5s", "--duration must be whole seconds or minutes, such as 10s or 1m (wrk takes no fractions), got '1.5s'")]
    [InlineData("--duration", "500ms", "--duration must be whole seconds or minutes")]
    [InlineData("--duration", "0s", "--duration must be from 1s to 120s, got '0s'")]
    [InlineData("--duration", "3m", "--duration must be from 1s to 120s, got '3m'")]
    [InlineData("--connections", "0", "--connections must be between 1 and 1000, got 0")]
    [InlineData("--connections", "many", "--connections must be a whole number, got 'many'")]
    [InlineData("--threads", "0", "--threads must be between 1 and 64, got 0")]
    [InlineData("--threads", "9", "--threads must not be more than --connections (8): wrk gives every thread a connection at least, got 9")]
    [InlineData("--rounds", "6", "--rounds must be between 1 and 5, got 6")]
    public async Task A_bad_option_exits_2_naming_it_before_anything_starts(string option, string value, string message)
    {
        var code = await cli.RunAsync("bench", option, value);

        code.ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain(message);
        cli.Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_option_exits_2_and_lists_the_options()
    {
        var code = await cli.RunAsync("bench", "--users", "8");

        code.ShouldBe(ExitCodes.UsageError);
        cli.Error.ShouldContain("'bench' has no option --users (options: --connections --duration --rounds --threads)");
    }

    [Fact]
    public void Missing_peer_tools_are_named_with_their_apt_packages()
    {
        LoadBenchmark.MissingTools("/nonexistent").ShouldBe(
            "wrk and hey are not on PATH; the load benchmark compares our engine with wrk and hey and installs nothing: "
            + "install the Debian packages wrk and hey (apt-get install -y wrk hey)");
    }

    [Fact]
    public async Task A_tiny_run_prints_every_run_the_medians_and_ends_with_the_ratios_line()
    {
        var code = await cli.RunAsync("bench", "--duration", "1s", "--rounds", "1", "--connections", "2", "--threads", "1");

        if (LoadBenchmark.MissingTools() is { } missing)
        {
            // wrk and hey are for benchmarks only (CI does not install them): then the command says what to install.
            code.ShouldBe(ExitCodes.CannotRun);
            cli.Error.ShouldContain(missing);
            return;
        }

        code.ShouldBe(ExitCodes.Conformant, cli.Output + cli.Error);
        var lines = cli.Output.TrimEnd().Split('\n');
        lines[0].ShouldStartWith("load benchmark: GET with If-None-Match (every answer a 304), 2 connections, 1 s per run, 1 round");
        cli.Output.ShouldContain("  nginx: nginx/");
        cli.Output.ShouldContain("  reference: the reference server, ");
        foreach (var target in new[] { "nginx", "reference" })
        {
            foreach (var tool in new[] { "wrk", "hey", "ours" })
            {
                cli.Output.ShouldMatch($@"(?m)^round 1/1  {target} +{tool} +[0-9,]+ req/s  p99 +[0-9.]+ ms  client cpu ");
            }
        }

        cli.Output.ShouldMatch(@"(?m)^ref304/nginx304=[0-9.]+ \(the same client, wrk: reference ");
        lines[^1].ShouldMatch(@"^ratios: ours/wrk=[0-9]+\.[0-9]{2} ours/hey=[0-9]+\.[0-9]{2}$");
        Regex.Count(cli.Output, "(?m)^ratios: ").ShouldBe(1, "exactly one ratios line, the last");
        cli.Output.ShouldNotContain("requests failed");
    }

    public void Dispose() => cli.Dispose();
}
