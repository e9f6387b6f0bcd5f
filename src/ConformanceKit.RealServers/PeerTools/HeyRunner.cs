using System.Globalization;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>Runs <c>hey -z Ds -c C [-H 'Name: value']... URL</c> (Debian package hey), bounded, and reads its
/// report. hey exits 0 even when every request failed: see <see cref="PeerResult.Errors"/>.</summary>
public static class HeyRunner
{
    public const string AptPackage = "hey";

    /// <exception cref="MissingToolException">hey is not installed.</exception>
    /// <exception cref="PeerToolException">hey exited with an error (e.g. a bad argument).</exception>
    /// <exception cref="TimeoutException">it ran past <see cref="PeerRunOptions.Timeout"/> and was killed.</exception>
    public static async Task<PeerResult> RunAsync(PeerRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var binary = ToolLocator.Find("hey", AptPackage, options.Binary);
        var output = await ToolProcess.RunAsync(binary, Arguments(options), options.Bound, cancellationToken).ConfigureAwait(false);
        if (output.ExitCode != 0)
        {
            throw new PeerToolException($"hey exited with {output.ExitCode}: {output.StandardError}{output.StandardOutput}".TrimEnd());
        }

        return HeyOutput.Parse(output.StandardOutput);
    }

    /// <summary>The command line, without the binary.</summary>
    public static IReadOnlyList<string> Arguments(PeerRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return
        [
            "-z", options.DurationArgument,
            "-c", options.Connections.ToString(CultureInfo.InvariantCulture),
            .. options.HeaderArguments,
            options.Url.AbsoluteUri,
        ];
    }
}
