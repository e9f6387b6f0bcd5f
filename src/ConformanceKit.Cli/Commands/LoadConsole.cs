using System.Globalization;
using System.Text;
using ConformanceKit.Load;
using ConformanceKit.Load.Http;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// What <c>conformancekit load</c> prints: a progress line per snapshot (plain output), and the summary: per scenario
/// and step the requests, rate, p50/p90/p99, failures and status mix, the conditional metrics, what the history checks
/// found, every threshold with its value (and first breach), and the verdict. Text a target could have sent (failure
/// reasons, ETags in violations) has its control characters shown as U+FFFD, so it cannot drive the terminal.
/// </summary>
internal static class LoadConsole
{
    /// <summary>At most this many violations are printed per resource (load.json and load.html have more).</summary>
    public const int MaxViolations = 2;

    /// <summary>With several resources, at most this many with a violation are printed.</summary>
    public const int MaxResources = 3;

    public static string ProgressLine(LoadSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var line = new StringBuilder(F($"{snapshot.Elapsed.TotalSeconds,5:0.0} s"));
        foreach (var scenario in snapshot.Scenarios)
        {
            var requests = scenario.Requests;
            line.Append(F($"  {scenario.Name}: {requests.Count} req, {requests.LastSecondRps}/s, p99 {Ms(requests.Latency.At(99) ?? 0)} ms, {requests.Failed} failed"));
            if (scenario.Step(HttpSteps.Revalidate) is { Count: > 0 } reads)
            {
                line.Append(F($", 304 {Percent((double)reads.Counter(HttpCounters.NotModified) / reads.Count)}"));
            }

            if (scenario.Step(HttpSteps.Write) is { Count: > 0 } writes)
            {
                line.Append(F($", written {writes.Counter(HttpCounters.Written)}, 412 {writes.StatusCodes.GetValueOrDefault(412)}, lost updates {writes.Counter(HttpCounters.LostUpdates)}"));
            }
        }

        return line.ToString();
    }

    public static string Summary(LoadReport report, IReadOnlyList<ResourceVerification> verifications)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(verifications);
        var text = new StringBuilder();
        foreach (var scenario in report.Scenarios)
        {
            var stats = scenario.Stats;
            text.AppendLine(F($"{scenario.Name}: {stats.Requests.Count} requests, {stats.Iterations.Count} iterations in {stats.Elapsed.TotalSeconds:0.0} s ({stats.Requests.Rps:0.0} req/s), {stats.Requests.Failed} failed"))
                .AppendLine(F($"  {"step",-12} {"requests",9} {"req/s",9} {"p50 ms",8} {"p90 ms",8} {"p99 ms",8} {"failed",7}  status mix"));
            foreach (var step in stats.Steps)
            {
                var mix = string.Join(", ", step.StatusCodes.Select(s => F($"{s.Key}: {s.Value}")).Concat(step.NoStatus > 0 ? [F($"no response: {step.NoStatus}")] : []));
                text.AppendLine(F($"  {step.Name,-12} {step.Count,9} {step.Rps,9:0.0} {Ms(step.Latency.At(50) ?? 0),8} {Ms(step.Latency.At(90) ?? 0),8} {Ms(step.Latency.At(99) ?? 0),8} {step.Failed,7}  {mix}"));
                foreach (var (reason, count) in step.FailureReasons.Take(3))
                {
                    text.AppendLine(F($"    failed {count}x: {Printable(reason)}"));
                }
            }

            foreach (var problem in new[] { ("init", scenario.InitError), ("verify", scenario.VerifyError), ("cleanup", scenario.CleanupError) }.Where(p => p.Item2 is not null))
            {
                text.AppendLine(F($"  {problem.Item1} failed: {Printable(problem.Item2!)}"));
            }
        }

        var m = report.Conditional;
        if (m.Revalidations is not null)
        {
            text.AppendLine(F($"conditional GET: {m.NotModified} of {m.Revalidations} answered 304 ({Percent(m.NotModifiedRatio)}), {m.BytesSaved} bytes saved ({m.BytesSavedPerNotModified ?? 0:0.#} per 304), {m.Refetches} refetched after a change"));
        }

        if (m.Writes is not null)
        {
            text.AppendLine(F($"conditional PUT: {m.Writes} writes, {m.SuccessfulWrites} succeeded, {m.Conflicts} refused with 412 ({Percent(m.ConflictRate)}), {m.Retries} retries ({m.RetriesPerSuccessfulWrite ?? 0:0.00} per successful write), {m.GaveUp} given up"))
                .AppendLine(F($"lost updates: {m.LostUpdates} (seen live: {m.LiveLostUpdates ?? 0}), history violations: {m.HistoryViolations}{(m.LostIncrements is { } lost ? F($", lost increments: {lost}") : "")}"));
        }

        if (verifications.Count > 1)
        {
            text.AppendLine(F($"histories of {verifications.Count} resources: {verifications.Sum(v => v.Operations)} operations{(verifications.Any(v => v.Truncated) ? " (budget reached; later ones not kept)" : "")}, {verifications.Sum(v => v.Violations.Count)} violations, {verifications.Count(v => !v.IsClean)} resources with a violation"));
        }

        foreach (var v in verifications.Count > 1 ? verifications.Where(v => !v.IsClean || v.FinalReadError is not null).Take(MaxResources) : verifications)
        {
            text.AppendLine(F($"history of {Printable(v.Resource)}: {v.Operations} operations{(v.Truncated ? " (budget reached; later ones not kept)" : "")}, {v.Violations.Count} violations{(v.Counter is { } rule ? F($"; counter rule {rule.Outcome.ToString().ToLowerInvariant()}: {rule.Detail}") : "")}"));
            if (v.FinalReadError is { } error)
            {
                text.AppendLine("  " + Printable(error));
            }

            foreach (var violation in v.Violations.Take(MaxViolations))
            {
                var lines = violation.Describe().Split('\n');
                text.AppendLine("  " + Printable(lines[0]));
                foreach (var operation in lines.Skip(1).Take(6))
                {
                    text.AppendLine("  " + Printable(operation));
                }

                if (lines.Length > 7)
                {
                    text.AppendLine(F($"    … {lines.Length - 7} more operations"));
                }
            }

            if (v.Violations.Count > MaxViolations)
            {
                text.AppendLine(F($"  … {v.Violations.Count - MaxViolations} more violations (see load.json or load.html)"));
            }
        }

        text.AppendLine("thresholds:");
        foreach (var t in report.Thresholds)
        {
            var breach = t.FirstBreach is { } b && !t.Passed ? F($"; first breached at {b.At.TotalSeconds:0.0} s ({b.Message})") : "";
            text.AppendLine(F($"  {(t.Passed ? "PASS" : "FAIL")}  {t.Scenario,-8} {t.Expression,-42} {t.Message}{breach}"));
        }

        return text.ToString();
    }

    /// <summary>The last line: which thresholds failed, with value and time of first breach, or that all held.</summary>
    public static string Verdict(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var failed = report.Thresholds.Where(t => !t.Passed).ToList();
        if (failed.Count > 0)
        {
            return "THRESHOLDS BREACHED: " + string.Join("; ", failed.Select(t =>
                F($"{t.Expression} ({t.Scenario}): {t.Message}") + (t.FirstBreach is { } b ? F($", first breached at {b.At.TotalSeconds:0.0} s with {FormatValue(t, b.Value)}") : "")));
        }

        return report.StopReason == LoadStopReason.Completed
            ? F($"THRESHOLDS HELD ({report.Thresholds.Count} thresholds)")
            : F($"RUN NOT COMPLETED ({report.StopReason}): {Printable(report.StopMessage ?? "")}");
    }

    public static string Printable(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
            }
        });

    private static string FormatValue(ThresholdOutcome outcome, double value) =>
        Threshold.TryParse(outcome.Expression, out var threshold, out _) ? threshold.Format(value) : value.ToString("0.###", CultureInfo.InvariantCulture);

    internal static string Ms(double ms) => ms < 10 ? ms.ToString("0.00", CultureInfo.InvariantCulture) : ms.ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Percent(double? ratio) => ratio is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "–";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
