using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>
/// <c>conformancekit serve</c> as a separate process (the CLI built beside this test assembly, run with the
/// dotnet host), on a free loopback port; the bound address is read from its first output line. Disposing it
/// kills the process if it still runs, so no test leaves a server behind.
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly StringBuilder log;

    private ServeProcess(Process process, Uri baseAddress, StringBuilder log)
    {
        this.process = process;
        this.log = log;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote so far (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<ServeProcess> StartAsync(IReadOnlyList<string> serveArguments, CancellationToken cancellationToken)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "ConformanceKit.Cli.dll");
        File.Exists(cli).ShouldBeTrue($"the CLI is built beside the tests (the test project references it): {cli}");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in (string[])[cli, "serve", "--urls", "http://127.0.0.1:0", .. serveArguments])
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (log)
            {
                log.AppendLine(e.Data);
            }

            if (Listening().Match(e.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (log)
            {
                log.AppendLine(e.Data);
            }
        };
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("serve exited before it listened"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await listening.Task.WaitAsync(StartTimeout, cancellationToken);
            return new ServeProcess(process, address, log);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            Kill(process);
            process.Dispose();
            string output;
            lock (log)
            {
                output = log.ToString();
            }

            throw new ShouldAssertException($"conformancekit serve did not start: {e.Message}\n{output}");
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: the process gets no chance to close the store or finish a response.</summary>
    public async Task KillAsync()
    {
        Kill(process);
        using var wait = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(wait.Token);
    }

    public void Dispose()
    {
        Kill(process);
        process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>The dotnet host that runs these tests (so the same runtime runs the CLI), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        // .../dotnet/shared/Microsoft.NETCore.App/<version>/ -> .../dotnet/dotnet
        var runtime = new DirectoryInfo(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory());
        var root = runtime.Parent?.Parent?.Parent?.FullName;
        var candidate = root is null ? null : Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return candidate is not null && File.Exists(candidate) ? candidate : "dotnet";
    }

    [GeneratedRegex(@"listening on (?<url>http://\S+)")]
    private static partial Regex Listening();
}
