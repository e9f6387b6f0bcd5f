using System.Text.Json;
using ConformanceKit.Checks;
using ConformanceKit.Http;
using ConformanceKit.Runs;

namespace ConformanceKit.Reports;

/// <summary>
/// Writes results.json, the machine contract of NOTES section 2:
/// <c>{ "target", "startedAt", "checks": [ { "id", "section", "level", "verdict", "message", "exchanges" } ], "summary" }</c>.
/// Fields are only ever added; names are camelCase; verdicts and levels are lower-case words.
/// </summary>
public static class JsonResultsWriter
{
    public static void Write(RunResult result, string path)
    {
        ReportFile.PrepareFolder(path);
        using var stream = File.Create(path);
        Write(result, stream);
    }

    public static void Write(RunResult result, Stream stream)
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
        json.WriteBoolean("conformant", Gate.Passes(result));
        json.WriteStartArray("checks");
        foreach (var check in result.Checks)
        {
            WriteCheck(json, check);
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
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static string Name(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static string Name(RequirementLevel level) => level.ToString().ToUpperInvariant();

    private static void WriteCheck(Utf8JsonWriter json, CheckResult check)
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
        json.WriteStartArray("exchanges");
        foreach (var exchange in check.Exchanges)
        {
            WriteExchange(json, exchange);
        }

        json.WriteEndArray();
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
