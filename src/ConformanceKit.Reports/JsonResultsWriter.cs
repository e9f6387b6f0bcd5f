using System.Globalization;
using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Races;
using ConformanceKit.Runs;
using ConformanceKit.Scenarios;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes results.json, the machine contract of NOTES section 2:
/// <c>{ "target", "startedAt", "checks": [ { "id", "section", "level", "verdict", "message", "exchanges" } ], "summary" }</c>.
/// <c>"conformant"</c> is the verdict of the gate named by <c>"gate"</c> (<c>MUST</c>, <c>SHOULD</c> with
/// <c>--fail-on should</c>, <c>ANY</c> with <c>--fail-on any</c>). With a baseline (<c>--baseline</c>), a check it
/// names has <c>"baseline": { "reason", "line", "status" }</c> (status <c>baselined</c>: a deviation the gate
/// accepts; <c>stale</c>: the check passes now, remove the entry; <c>unused</c>: its verdict does not break this
/// gate), the run has <c>"baseline": { "file", "strict", "baselined": [ids], "stale": [ { "id", "reason",
/// "line" } ], "notRun": [ids] }</c> and the summary a <c>"baselined"</c> count. A run stopped by its time budget
/// has <c>"stoppedEarly"</c>. Fields are only ever added; names are camelCase; verdicts and levels are lower-case words. A race check
/// also has a <c>"race"</c> object (see <see cref="WriteRace"/>) whose fields are always present, null when
/// absent.
/// </summary>
public static class JsonResultsWriter
{
    public static void Write(RunResult result, string path, GateLevel gate = GateLevel.Must)
    {
        ReportFile.PrepareFolder(path);
        using var stream = File.Create(path);
        Write(result, stream, gate);
    }

    public static void Write(RunResult result, Stream stream, GateLevel gate = GateLevel.Must)
    {
        ArgumentNullException.ThrowIfNull(result);
        // Relaxed escaping keeps quotes and non-ASCII readable; control characters are still escaped. The file is
        // never embedded in HTML unencoded.
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("target", result.Target);
        json.WriteString("targetKind", result.TargetKind);
        json.WriteStartArray("defects");
        foreach (var defect in result.Defects)
        {
            json.WriteStringValue(defect);
        }

        json.WriteEndArray();
        json.WriteString("startedAt", result.StartedAt);
        json.WriteNumber("durationMs", Math.Round(result.Duration.TotalMilliseconds, 1));
        json.WriteNumber("seed", result.Seed);
        json.WriteString("toolVersion", result.ToolVersion);
        var outcome = Gate.Judge(result, gate);
        json.WriteBoolean("conformant", outcome.Passes);
        json.WriteString("gate", Gate.Name(gate));
        if (result.StoppedEarly is { } stopped)
        {
            json.WriteString("stoppedEarly", stopped);
        }

        if (!result.Baseline.IsEmpty)
        {
            WriteBaseline(json, result.Baseline, outcome);
        }

        json.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            WriteCheck(json, check, result.Baseline.Find(check.Check.Id) is { } entry ? (entry, BaselineStatus(outcome, check)) : null);
        }

        json.WriteEndArray();
        var summary = result.Summary;
        json.WriteStartObject("summary");
        json.WriteNumber("pass", summary.Pass);
        json.WriteNumber("fail", summary.Fail);
        json.WriteNumber("warn", summary.Warn);
        json.WriteNumber("info", summary.Info);
        json.WriteNumber("skip", summary.Skip);
        json.WriteNumber("error", summary.Error);
        json.WriteNumber("total", summary.Total);
        if (!result.Baseline.IsEmpty)
        {
            json.WriteNumber("baselined", outcome.Baselined.Count);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary><c>baselined</c>, <c>stale</c> or <c>unused</c>: what a baseline entry did for its check.</summary>
    public static string BaselineStatus(GateOutcome outcome, CheckResult check)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(check);
        return outcome.Baselined.Any(b => ReferenceEquals(b.Check, check)) ? "baselined"
            : outcome.Stale.Any(e => e.Id == check.Check.Id) ? "stale"
            : "unused";
    }

    private static void WriteBaseline(Utf8JsonWriter json, Baseline baseline, GateOutcome outcome)
    {
        json.WriteStartObject("baseline");
        json.WriteString("file", baseline.File);
        json.WriteBoolean("strict", baseline.Strict);
        json.WriteStartArray("baselined");
        foreach (var check in outcome.Baselined)
        {
            json.WriteStringValue(check.Check.Check.Id);
        }

        json.WriteEndArray();
        json.WriteStartArray("stale");
        foreach (var entry in outcome.Stale)
        {
            json.WriteStartObject();
            json.WriteString("id", entry.Id);
            json.WriteString("reason", entry.Reason);
            json.WriteNumber("line", entry.Line);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("notRun");
        foreach (var entry in outcome.NotRun)
        {
            json.WriteStringValue(entry.Id);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string Name(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static void WriteCheck(Utf8JsonWriter json, CheckResult check, (BaselineEntry Entry, string Status)? baseline)
    {
        json.WriteStartObject();
        json.WriteString("id", check.Check.Id);
        json.WriteString("section", check.Check.Section);
        json.WriteString("level", Name(check.Check.Level));
        json.WriteString("title", check.Check.Title);
        json.WriteString("requirement", check.Check.Requirement);
        json.WriteString("verdict", Name(check.Verdict));
        json.WriteString("message", check.Message);
        WriteOptional(json, "expected", check.Expected);
        WriteOptional(json, "actual", check.Actual);
        if (check.DecidingStep > 0)
        {
            json.WriteNumber("decidingStep", check.DecidingStep);
        }

        json.WriteNumber("durationMs", Math.Round(check.Duration.TotalMilliseconds, 1));
        if (baseline is var (entry, status))
        {
            json.WriteStartObject("baseline");
            json.WriteString("reason", entry.Reason);
            json.WriteNumber("line", entry.Line);
            json.WriteString("status", status);
            json.WriteEndObject();
        }

        if (check.Race is { } race)
        {
            WriteRace(json, check, race);
        }

        json.WriteStartArray("exchanges");
        foreach (var exchange in check.Exchanges)
        {
            WriteExchange(json, exchange);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>"race": { "workload", "clients", "seed", "planned", "done", "writeStatuses": { "204": n, ...,
    /// "noResponse": n }, "roundsByWinners": { "1": n, ... }, "violationCount", "violations": [ { "kind",
    /// "historyLabel", "seed", "explanation", "operations": [ { "name", "client", "sequence", "kind", "startMs",
    /// "endMs", "validatorSent", "status", "validatorReturned", "digest", "error", "exchange" } ] } ],
    /// "unmetRules": [ { "rule", "outcome", "detail" } ], "stopReason", "summary" }</c>. Kinds, rules and
    /// outcomes are kebab-case words; <c>exchange</c> is the index of the operation's exchange in this check's
    /// <c>exchanges</c> (null when it is not kept there); at most <see cref="RaceEvidence.MaxKept"/> violations
    /// are listed, <c>violationCount</c> counts them all.
    /// </summary>
    private static void WriteRace(Utf8JsonWriter json, CheckResult check, RaceEvidence race)
    {
        json.WriteStartObject("race");
        json.WriteString("workload", race.Workload.Id());
        json.WriteNumber("clients", race.Clients);
        json.WriteNumber("seed", race.Seed);
        json.WriteNumber("planned", race.Planned);
        json.WriteNumber("done", race.Done);
        json.WriteStartObject("writeStatuses");
        foreach (var (status, count) in race.WriteStatuses.ByStatus)
        {
            json.WriteNumber(status.ToString(CultureInfo.InvariantCulture), count);
        }

        json.WriteNumber("noResponse", race.WriteStatuses.NoResponse);
        json.WriteEndObject();
        json.WriteStartObject("roundsByWinners");
        foreach (var (winners, rounds) in race.RoundsByWinners.OrderBy(p => p.Key))
        {
            json.WriteNumber(winners.ToString(CultureInfo.InvariantCulture), rounds);
        }

        json.WriteEndObject();
        json.WriteNumber("violationCount", race.ViolationCount);
        json.WriteStartArray("violations");
        foreach (var violation in race.Violations)
        {
            json.WriteStartObject();
            json.WriteString("kind", violation.Kind.Id());
            json.WriteString("historyLabel", violation.HistoryLabel);
            json.WriteNumber("seed", violation.Seed);
            json.WriteString("explanation", violation.Explanation);
            json.WriteStartArray("operations");
            foreach (var operation in violation.Operations)
            {
                WriteOperation(json, check, operation);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("unmetRules");
        foreach (var rule in race.UnmetRules)
        {
            json.WriteStartObject();
            json.WriteString("rule", RaceText.Kebab(rule.Rule));
            json.WriteString("outcome", RaceText.Kebab(rule.Outcome));
            json.WriteString("detail", rule.Detail);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("stopReason", race.StopReason);
        json.WriteString("summary", race.Summary);
        json.WriteEndObject();
    }

    private static void WriteOperation(Utf8JsonWriter json, CheckResult check, Operation operation)
    {
        json.WriteStartObject();
        json.WriteString("name", operation.Name);
        json.WriteString("client", operation.Client);
        json.WriteNumber("sequence", operation.Sequence);
        json.WriteString("kind", RaceText.Kebab(operation.Kind));
        json.WriteNumber("startMs", RaceText.Milliseconds(operation.Start));
        json.WriteNumber("endMs", RaceText.Milliseconds(operation.End));
        json.WriteString("validatorSent", operation.ValidatorSent?.ToString());
        if (operation.Status is { } status)
        {
            json.WriteNumber("status", status);
        }
        else
        {
            json.WriteNull("status");
        }

        json.WriteString("validatorReturned", operation.ValidatorReturned?.ToString());
        json.WriteString("digest", operation.Digest?.Hex);
        json.WriteString("error", operation.Error);
        var exchange = RaceText.ExchangeIndex(check, operation);
        if (exchange >= 0)
        {
            json.WriteNumber("exchange", exchange);
        }
        else
        {
            json.WriteNull("exchange");
        }

        json.WriteEndObject();
    }

    private static void WriteExchange(Utf8JsonWriter json, Exchange exchange)
    {
        json.WriteStartObject();
        json.WriteString("client", exchange.Client);
        json.WriteNumber("step", exchange.Step);
        json.WriteString("startedAt", exchange.StartedAt);
        json.WriteNumber("durationMs", Math.Round(exchange.Duration.TotalMilliseconds, 2));
        json.WriteStartObject("request");
        json.WriteString("method", exchange.Request.Method);
        json.WriteString("url", exchange.Request.Url.ToString());
        WriteHeaders(json, exchange.Request.Headers);
        WriteOptional(json, "body", exchange.Request.Body);
        json.WriteEndObject();
        if (exchange.Response is { } response)
        {
            json.WriteStartObject("response");
            json.WriteNumber("status", response.Status);
            json.WriteString("reason", response.Reason);
            json.WriteString("version", response.Version);
            WriteHeaders(json, response.Headers);
            json.WriteString("body", response.Body);
            json.WriteNumber("bodyLength", response.BodyLength);
            json.WriteBoolean("bodyTruncated", response.BodyTruncated);
            if (response.RedirectedTo is { } redirected)
            {
                json.WriteString("redirectedTo", redirected.ToString());
            }

            json.WriteEndObject();
        }

        WriteOptional(json, "error", exchange.Error);
        json.WriteEndObject();
    }

    private static void WriteHeaders(Utf8JsonWriter json, IReadOnlyList<HeaderLine> headers)
    {
        json.WriteStartArray("headers");
        foreach (var header in headers)
        {
            json.WriteStartArray();
            json.WriteStringValue(header.Name);
            json.WriteStringValue(header.Value);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
