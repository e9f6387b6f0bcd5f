using System.Text.Json;
using System.Text.Json.Serialization;
using ConformanceKit.Races;
using ConformanceKit.Runs;

namespace ConformanceKit.Load.Http;

/// <summary>
/// Everything a load run wrote down, as load.json holds it: the target (name, kind, defect modes, address with secrets
/// redacted), the workload and how it was driven, when and how long, why it stopped, whether the gate passed and the
/// exit code, every threshold's outcome, the conditional metrics, what the history checks found per resource, and
/// the engine's result per scenario (stats per step, latency percentiles, status codes, counters, per-second counts).
/// Every text a target could have put there (failure reasons, ETags in violations) is as received; the HTML writer
/// escapes it.
/// </summary>
public sealed record LoadReport
{
    public const int MaxViolationsPerResource = 20;

    public const int MaxOperationsPerViolation = 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public required string Target { get; init; }

    public required string TargetKind { get; init; }

    public required IReadOnlyList<string> Defects { get; init; }

    public required string BaseUrl { get; init; }

    public required string Workload { get; init; }

    public required LoadShapeReport Load { get; init; }

    public required string ToolVersion { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required double DurationSeconds { get; init; }

    public required LoadStopReason StopReason { get; init; }

    public string? StopMessage { get; init; }

    public required bool Passed { get; init; }

    public int? ExitCode { get; init; }

    public required IReadOnlyList<ThresholdOutcome> Thresholds { get; init; }

    public required ConditionalMetrics Conditional { get; init; }

    public required IReadOnlyList<VerificationReport> Verifications { get; init; }

    public required IReadOnlyList<ScenarioResult> Scenarios { get; init; }

    public static LoadReport Create(HttpWorkload workload, LoadResult result)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(result);
        var target = workload.Session.Target;
        var options = workload.Options;
        return new LoadReport
        {
            Target = target.Name,
            TargetKind = target.Kind == Targets.TargetKind.Reference ? "reference" : "http",
            Defects = target.Defects,
            BaseUrl = workload.Session.Redactor.RedactUrl(workload.Session.BaseAddress).ToString(),
            Workload = workload.Name,
            Load = options.Phases is null
                ? new LoadShapeReport(options.IsOpenModel ? "open" : "closed", options.Users, options.Rate, options.IsOpenModel ? options.MaxInFlight : null,
                    options.Duration.TotalSeconds, options.Seed, workload.Name == Workloads.Mixed ? options.Resources : null)
                : new LoadShapeReport("plan", null, null, null, options.PlannedDuration.TotalSeconds, options.Seed, workload.Name == Workloads.Mixed ? options.Resources : null)
                {
                    Plan = options.Plan,
                    Phases = workload.PhaseLines,
                },
            ToolVersion = ConformanceRun.ToolVersion,
            StartedAt = result.StartedAt,
            DurationSeconds = result.Duration.TotalSeconds,
            StopReason = result.StopReason,
            StopMessage = result.StopMessage,
            Passed = result.Passed,
            Thresholds = result.Thresholds,
            Conditional = workload.Metrics(result),
            Verifications = [.. workload.Verifications.Select(VerificationReport.Of)],
            Scenarios = result.Scenarios,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void WriteJson(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, ToJson(), new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }
}

/// <summary>How the load was driven: the model, users or rate (and the cap on iterations in flight), duration, seed,
/// and the number of resources for mixed.</summary>
public sealed record LoadShapeReport(string Model, int? Users, double? Rate, int? MaxInFlight, double DurationSeconds, int Seed, int? Resources)
{
    /// <summary>The load plan's name when the phases came from one (model <c>plan</c>).</summary>
    public string? Plan { get; init; }

    /// <summary>With a plan: each scenario's phases, e.g. <c>readers: 0 to 16 users over 5 s, then 16 users for 10 s</c>.</summary>
    public IReadOnlyList<string>? Phases { get; init; }
}

/// <summary>One resource's verification, for load.json: the figures, the counter rule, and at most
/// <see cref="LoadReport.MaxViolationsPerResource"/> violations (with the count of all).</summary>
public sealed record VerificationReport(
    string Resource,
    int Operations,
    bool Truncated,
    long SuccessfulWrites,
    long IndeterminateWrites,
    long LiveLostUpdates,
    long LostUpdates,
    int ViolationCount,
    IReadOnlyList<ViolationReport> Violations,
    CounterRuleReport? Counter,
    string? FinalReadError)
{
    public static VerificationReport Of(ResourceVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return new(verification.Resource, verification.Operations, verification.Truncated, verification.SuccessfulWrites, verification.IndeterminateWrites,
            verification.LiveLostUpdates, verification.LostUpdates, verification.Violations.Count,
            [.. verification.Violations.Take(LoadReport.MaxViolationsPerResource).Select(ViolationReport.Of)],
            verification.Counter is { } rule ? new CounterRuleReport(rule.Outcome.ToString(), rule.Detail) : null,
            verification.FinalReadError);
    }
}

/// <summary>A violation: its kind (<c>lost-update</c>), the explanation, the seed and history it came from, and its
/// operations, one line each (at most <see cref="LoadReport.MaxOperationsPerViolation"/>, with the count of all).</summary>
public sealed record ViolationReport(string Kind, string Explanation, int Seed, string History, int OperationCount, IReadOnlyList<string> Operations)
{
    public static ViolationReport Of(Violation violation)
    {
        ArgumentNullException.ThrowIfNull(violation);
        return new(violation.Kind.Id(), violation.Explanation, violation.Seed, violation.HistoryLabel, violation.Operations.Count,
            [.. violation.Operations.Take(LoadReport.MaxOperationsPerViolation).Select(o => o.Describe())]);
    }
}

/// <summary>The counter rule's outcome (Holds, Broken, Undecided) and what was seen.</summary>
public sealed record CounterRuleReport(string Outcome, string Detail);
