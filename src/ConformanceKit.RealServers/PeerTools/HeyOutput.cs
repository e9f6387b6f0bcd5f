using System.Globalization;
using System.Text.RegularExpressions;

namespace ConformanceKit.RealServers.PeerTools;

/// <summary>
/// Reads hey 0.1.4's report:
/// <code>
/// Summary:
///   Total:        3.0010 secs
///   Requests/sec: 17692.9275           all requests, errors included
/// Latency distribution:
///   10% in 0.0001 secs                 10, 25, 50, 75, 90, 95, 99; seconds
///   0% in 0.0000 secs                  a percentile it had too few samples for
/// Status code distribution:
///   [200] 53096 responses
/// Error distribution:
///   [24]  Get "...": context deadline exceeded (...)
/// </code>
/// </summary>
public static partial class HeyOutput
{
    private enum Section
    {
        Other,
        Latency,
        Status,
        Error,
    }

    /// <exception cref="FormatException">a line hey always prints is missing; the message quotes the output.</exception>
    public static PeerResult Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var percentiles = new Dictionary<int, double>();
        var statuses = new SortedDictionary<int, long>();
        var errors = new Dictionary<string, long>(StringComparer.Ordinal);
        var section = Section.Other;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            section = line switch
            {
                "Latency distribution:" => Section.Latency,
                "Status code distribution:" => Section.Status,
                "Error distribution:" => Section.Error,
                _ when line.Length > 0 && !char.IsWhiteSpace(line[0]) => Section.Other,
                _ => section,
            };
            switch (section)
            {
                case Section.Latency when Percentile().Match(line) is { Success: true } p && Int(p.Groups["p"].Value) > 0:
                    percentiles[Int(p.Groups["p"].Value)] = Number(p.Groups["s"].Value) * 1000;
                    break;
                case Section.Status when StatusLine().Match(line) is { Success: true } s:
                    statuses[Int(s.Groups["code"].Value)] = Long(s.Groups["n"].Value);
                    break;
                case Section.Error when ErrorLine().Match(line) is { Success: true } e:
                    errors[e.Groups["message"].Value.Trim()] = Long(e.Groups["n"].Value);
                    break;
            }
        }

        var errorCount = errors.Values.Sum();
        return new PeerResult
        {
            Tool = "hey",
            RequestsPerSecond = Number(Required(RequestsPerSecond(), output, "Requests/sec:").Groups["rps"].Value),
            TotalRequests = statuses.Values.Sum() + errorCount,
            Elapsed = TimeSpan.FromSeconds(Number(Required(Total(), output, "Total:").Groups["s"].Value)),
            LatencyP50Ms = percentiles.TryGetValue(50, out var p50) ? p50 : null,
            LatencyP90Ms = percentiles.TryGetValue(90, out var p90) ? p90 : null,
            LatencyP99Ms = percentiles.TryGetValue(99, out var p99) ? p99 : null,
            NonSuccessResponses = statuses.Where(s => s.Key is < 200 or > 399).Sum(s => s.Value),
            Errors = errorCount,
            ErrorsByKind = errors,
            StatusCounts = statuses,
        };
    }

    private static Match Required(Regex pattern, string output, string what) =>
        pattern.Match(output) is { Success: true } match
            ? match
            : throw new FormatException($"hey's output has no '{what}' line\n{output}");

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static long Long(string text) => long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<p>\d+)% in (?<s>\d+(\.\d+)?) secs\s*$")]
    private static partial Regex Percentile();

    [GeneratedRegex(@"^\s*\[(?<code>\d{3})\]\s+(?<n>\d+) responses\s*$")]
    private static partial Regex StatusLine();

    [GeneratedRegex(@"^\s*\[(?<n>\d+)\]\s+(?<message>.+)$")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"^\s*Requests/sec:\s+(?<rps>\d+(\.\d+)?)\s*$", RegexOptions.Multiline)]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*Total:\s+(?<s>\d+(\.\d+)?) secs\s*$", RegexOptions.Multiline)]
    private static partial Regex Total();
}
