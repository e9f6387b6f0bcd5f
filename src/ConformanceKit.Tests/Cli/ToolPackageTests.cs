using System.Diagnostics;
using System.IO.Compression;

namespace ConformanceKit.Tests.Cli;

/// <summary>
/// <c>dotnet pack</c> of the command makes the .NET tool with what it needs to run from an empty folder: the command,
/// the catalog, the load plans, the default targets.json, and Playwright's driver for the browser checks. Packs the
/// build the tests run on (no build of its own, bounded at 3 minutes). Added after the browser checks' driver scripts
/// broke the pack under warnings-as-errors without any test noticing.
/// </summary>
public sealed class ToolPackageTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(3);

    private readonly string output = Path.Combine(Path.GetTempPath(), "ck-pack-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Dotnet_pack_makes_the_tool_with_its_catalog_plans_targets_and_browser_driver()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var project = Path.Combine(RepositoryPaths.Root, "src", "ConformanceKit.Cli", "ConformanceKit.Cli.csproj");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet, ["pack", project, "-c", configuration, "--no-build", "--no-restore", "-o", output, "-nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start).ShouldNotBeNull();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(Bound);
        try
        {
            await process.WaitForExitAsync(bound.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new ShouldAssertException($"dotnet pack did not end within {Bound.TotalMinutes:0} minutes");
        }

        process.ExitCode.ShouldBe(0, await stdout + await stderr);
        var package = Directory.GetFiles(output, "ConformanceKit.Tool.*.nupkg").ShouldHaveSingleItem();
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        const string Tool = "tools/net10.0/any/";
        entries.ShouldContain(Tool + "ConformanceKit.Cli.dll");
        entries.ShouldContain(Tool + "DotnetToolSettings.xml");
        entries.ShouldContain(Tool + "targets.json");
        foreach (var suite in Directory.GetFiles(RepositoryPaths.Suites, "*.json"))
        {
            entries.ShouldContain(Tool + "suites/" + Path.GetFileName(suite));
        }

        foreach (var plan in Directory.GetFiles(Path.Combine(RepositoryPaths.Suites, "load"), "*.json"))
        {
            entries.ShouldContain(Tool + "suites/load/" + Path.GetFileName(plan));
        }

        entries.ShouldContain(e => e.StartsWith(Tool + ".playwright/node/", StringComparison.Ordinal), "the browser checks need Playwright's driver");
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
