using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The reference server in a process of its own (<c>conformancekit serve --urls http://127.0.0.1:0</c>), so that under
/// load it does not share a process, a thread pool and a garbage collector with the load generator. Started from this
/// very build: the command's apphost beside this assembly, or <c>dotnet ConformanceKit.Cli.dll</c>. Its first output
/// line gives the port it bound. Disposing it kills it by pid (and anything it started), and waits for it to go.
/// </summary>
internal sealed partial class ReferenceServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Task<string> output;
    private readonly Task<string> errors;

    private ReferenceServerProcess(Process process, Uri baseAddress, Task<string> output, Task<string> errors)
    {
        this.process = process;
        BaseAddress = baseAddress;
        this.output = output;
        this.errors = errors;
    }

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>The command line it was started with (for the benchmark's header).</summary>
    public required string CommandLine { get; init; }

    /// <exception cref="CannotStartException">it did not print where it listens within <paramref name="limit"/>, or exited.</exception>
    public static async Task<ReferenceServerProcess> StartAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var (file, prefix) = Command();
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Concat(["serve", "--urls", "http://127.0.0.1:0"]))
        {
            start.ArgumentList.Add(argument);
        }

        // The server runs as `conformancekit serve` would: without the load generator's socket setting (see SocketCompletions).
        start.Environment.Remove(SocketCompletions.Variable);
        var process = Process.Start(start) ?? throw new CannotStartException($"could not start {file}");
        var commandLine = string.Join(' ', [file, .. start.ArgumentList]);
        try
        {
            process.StandardInput.Close();
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            bound.CancelAfter(limit);
            string? line;
            try
            {
                line = await process.StandardOutput.ReadLineAsync(bound.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CannotStartException($"`{commandLine}` did not say where it listens within {limit.TotalSeconds:0} s");
            }

            if (line is null || Listening().Match(line) is not { Success: true } match)
            {
                await StopAsync(process).ConfigureAwait(false);
                throw new CannotStartException($"`{commandLine}` did not start: {line}{await errors.ConfigureAwait(false)}".TrimEnd());
            }

            var rest = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            return new ReferenceServerProcess(process, new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"), rest, errors) { CommandLine = commandLine };
        }
        catch
        {
            await StopAsync(process).ConfigureAwait(false);
            process.Dispose();
            throw;
        }
    }

    /// <summary>What it printed after its first line, and on stderr (once it has stopped).</summary>
    public async Task<string> OutputAsync() =>
        process.HasExited ? (await output.ConfigureAwait(false)) + (await errors.ConfigureAwait(false)) : "";

    public async ValueTask DisposeAsync()
    {
        await StopAsync(process).ConfigureAwait(false);
        process.Dispose();
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or it would not go within the bound: nothing more to do by pid.
        }
    }

    /// <summary>This build's command: its apphost when there is one, else the dotnet host with the assembly.</summary>
    private static (string File, IReadOnlyList<string> Prefix) Command()
    {
        var assembly = typeof(ReferenceServerProcess).Assembly.Location;
        var apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }

        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } fromSdk && File.Exists(fromSdk) ? fromSdk
            : Environment.ProcessPath is { } current && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current
            : "dotnet";
        return (host, [assembly]);
    }

    [GeneratedRegex(@"listening on (?<url>http://[^\s]+)")]
    private static partial Regex Listening();
}

/// <summary>A server of the benchmark could not be started or prepared (exit code 3).</summary>
internal sealed class CannotStartException(string message) : Exception(message);
