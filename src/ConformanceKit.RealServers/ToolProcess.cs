using System.Diagnostics;

namespace ConformanceKit.RealServers;

/// <summary>What a finished tool process printed.</summary>
internal sealed record ToolOutput(int ExitCode, string StandardOutput, string StandardError);

/// <summary>Runs a short-lived tool (<c>nginx -v</c>, wrk, hey) to its end, bounded by a timeout after which
/// its process tree is killed.</summary>
internal static class ToolProcess
{
    /// <exception cref="TimeoutException">the tool ran longer than <paramref name="timeout"/> (it was killed).</exception>
    public static async Task<ToolOutput> RunAsync(string binary, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(bound.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Path.GetFileName(binary)} ran longer than {timeout.TotalSeconds:0.#} s and was killed");
        }

        return new ToolOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5_000);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
