using System.Globalization;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>Runs <c>wrk -t T -c C -d Ds --latency [-H 'Name: value']... URL</c> (Debian package wrk), bounded,
/// and reads its report.</summary>
public static class WrkRunner
{
    public const string AptPackage = "wrk";

    /// <exception cref="MissingToolException">wrk is not installed.</exception>
    /// <exception cref="PeerToolException">wrk exited with an error (e.g. it could not connect).</exception>
    /// <exception cref="TimeoutException">it ran past <see cref="PeerRunOptions.Timeout"/> and was killed.</exception>
    public static async Task<PeerResult> RunAsync(PeerRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var binary = ToolLocator.Find("wrk", AptPackage, options.Binary);
        var output = await ToolProcess.RunAsync(binary, Arguments(options), options.Bound, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
        {
            throw new PeerToolException($"wrk exited with {output.ExitCode}: {output.StandardError}{output.StandardOutput}".TrimEnd());
        }

        return WrkOutput.Parse(output.StandardOutput);
    }

    /// <summary>The command line, without the binary.</summary>
    public static IReadOnlyList<string> Arguments(PeerRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            "-t", options.Threads.ToString(CultureInfo.InvariantCulture),
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            "-d", options.DurationArgument,
            "--latency",
            .. options.HeaderArguments,
            options.Url.AbsoluteUri,
        ];
    }
}
