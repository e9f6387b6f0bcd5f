using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace ConformanceKit.RealServers;

/// <summary>
/// A server binary run in the foreground as a child of this process, in a process group of its own (through
/// util-linux <c>setsid</c>, which execs in place, so the child's pid is the group's id). Stopping signals the
/// whole group, so workers go too, even those a crashed master left behind. Without setsid the process
/// tree is killed instead. Its stdout and stderr are kept (the last 64 KiB) for error messages.
/// Servers still running when this process exits normally are killed then (a safety net for a test run that
/// forgets to dispose one; a SIGKILLed host cannot do even that).
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private const int OutputLimit = 64 * 1024;
    private const string SetSid = "/usr/bin/setsid";

    private static readonly ConcurrentDictionary<ServerProcess, bool> Running = new();

    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly bool ownGroup;

    static ServerProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var server in Running.Keys)
        {
            server.Signal(Unix.SigKill);
        }
    };

    private ServerProcess(Process process, bool ownGroup)
    {
        this.process = process;
        this.ownGroup = ownGroup;
    }

    public int Id { get; private set; }

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static ServerProcess Start(string binary, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var ownGroup = File.Exists(SetSid);
        var start = new ProcessStartInfo(ownGroup ? SetSid : binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in ownGroup ? [binary, .. arguments] : arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var server = new ServerProcess(new Process { StartInfo = start }, ownGroup);
        server.process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server.process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.process.Start();
        server.Id = server.process.Id;
        Running[server] = true;
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        return server;
    }

    /// <summary>SIGTERM to the group (nginx and httpd both stop at once on it), then SIGKILL to whatever is
    /// left after <paramref name="grace"/>. When the main process is already gone (it crashed), what is left
    /// has no master to stop it in order (httpd's children ignore SIGTERM), so it gets SIGKILL at once.
    /// Returns true when no process of the server is left alive.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (!process.HasExited)
        {
            Signal(Unix.SigTerm);
            if (await WaitGoneAsync(grace).ConfigureAwait(false))
            {
                return true;
            }
        }

        Signal(Unix.SigKill);
        return await WaitGoneAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }

    public void Dispose()
    {
        Running.TryRemove(this, out _);
        process.Dispose();
    }

    private void Signal(int signal)
    {
        if (ownGroup)
        {
            Unix.SignalGroup(Id, signal);
            return;
        }

        try
        {
            process.Kill(entireProcessTree: true); // no group of its own: no gentle stop either
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private async Task<bool> WaitGoneAsync(TimeSpan limit)
    {
        var deadline = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        while (ownGroup && ProcessTable.LiveMembers(Id).Count > 0)
        {
            if (deadline.Elapsed > limit)
            {
                return false;
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        return true;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            if (output.Length > OutputLimit)
            {
                output.Remove(0, output.Length - OutputLimit);
            }
        }
    }
}
