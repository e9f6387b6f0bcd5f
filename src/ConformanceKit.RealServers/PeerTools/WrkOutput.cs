using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>
/// Reads wrk 4.1's report (with --latency):
/// <code>
///   Latency Distribution
///      50%  147.00us          units: us, ms, s, m, h (wrk's format_time)
///      90%    1.55ms
///   158170 requests in 3.10s, 39.52MB read
///   Non-2xx or 3xx responses: 12                              only when non-zero
///   Socket errors: connect 0, read 0, write 0, timeout 11     only when non-zero
/// Requests/sec:  51018.75
/// </code>
/// </summary>
public static partial class WrkOutput
{
    /// <exception cref="FormatException">a line wrk always prints is missing; the message quotes the output.</exception>
    public static PeerResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var percentiles = new Dictionary<int, double>();
        var inDistribution = false;
        foreach (var line in output.Split('\n'))
        {
            if (line.Trim() == "Latency Distribution")
            {
                inDistribution = true;
            }
            else if (inDistribution && Percentile().Match(line) is { Success: true } p)
            {
                percentiles[Int(p.Groups["p"].Value)] = Milliseconds(p.Groups["value"].Value, p.Groups["unit"].Value);
            }
            else
            {
                inDistribution = false;
            }
        }

        var requests = Required(Requests(), output, "N requests in T");
        var socket = Socket().Match(output);
        var errors = new Dictionary<string, long>();
        if (socket.Success)
        {
            foreach (var kind in (string[])["connect", "read", "write", "timeout"])
            {
                if (Long(socket.Groups[kind].Value) is var count and > 0)
                {
                    errors[kind] = count;
                }
            }
        }

        return new PeerResult
        {
            Tool = "wrk",
            RequestsPerSecond = double.Parse(Required(RequestsPerSecond(), output, "Requests/sec:").Groups["rps"].Value, CultureInfo.InvariantCulture),
            TotalRequests = Long(requests.Groups["n"].Value),
            Elapsed = TimeSpan.FromMilliseconds(Milliseconds(requests.Groups["value"].Value, requests.Groups["unit"].Value)),
            LatencyP50Ms = percentiles.TryGetValue(50, out var p50) ? p50 : null,
            LatencyP90Ms = percentiles.TryGetValue(90, out var p90) ? p90 : null,
            LatencyP99Ms = percentiles.TryGetValue(99, out var p99) ? p99 : null,
            NonSuccessResponses = NonSuccess().Match(output) is { Success: true } n ? Long(n.Groups["n"].Value) : 0,
            Errors = errors.Values.Sum(),
            ErrorsByKind = errors,
        };
    }

    /// <summary>A wrk time with its unit, in milliseconds.</summary>
    internal static double Milliseconds(string value, string unit)
    {
        var number = double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            "m" => number * 60_000,
            "h" => number * 3_600_000,
            _ => throw new FormatException($"unknown wrk time unit '{unit}'"),
        };
    }

    private static Match Required(Regex pattern, string output, string what) =>
        pattern.Match(output) is { Success: true } match
            ? match
            : throw new FormatException($"wrk's output has no '{what}' line; was it run with --latency against a server that answered?\n{output}");

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private const string Time = @"(?<value>\d+(\.\d+)?)(?<unit>us|ms|s|m|h)";

    [GeneratedRegex(@"^\s*(?<p>\d+)%\s+" + Time + @"\s*$")]
    private static partial Regex Percentile();

    [GeneratedRegex(@"^\s*(?<n>\d+) requests in " + Time + ",", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"^Requests/sec:\s+(?<rps>\d+(\.\d+)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*Non-2xx or 3xx responses: (?<n>\d+)\s*$", RegexOptions.Multiline)]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (?<connect>\d+), read (?<read>\d+), write (?<write>\d+), timeout (?<timeout>\d+)")]
    private static partial Regex Socket();
}
