using System.Text.Json.Serialization;

namespace ConformanceKit.Load;

/// <summary>
/// What a run produced, as plain values for the JSON writer: when it started and how long it took, why it stopped
/// (with a message unless it completed), every scenario's final stats, and every threshold's outcome.
/// <see cref="Passed"/> when every phase ran and every threshold passed.
/// </summary>
public sealed record LoadResult(
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    LoadStopReason StopReason,
    string? StopMessage,
    IReadOnlyList<ScenarioResult> Scenarios)
{
    public bool Aborted => StopReason != LoadStopReason.Completed;

    /// <summary>Every scenario's threshold outcomes in one list (not serialized: each scenario carries its own).</summary>
    [JsonIgnore]
    public IReadOnlyList<ThresholdOutcome> Thresholds => [.. Scenarios.SelectMany(s => s.Thresholds)];

    public bool Passed => !Aborted && Scenarios.All(s => s.Thresholds.All(t => t.Passed));

    public ScenarioResult? Scenario(string name) => Scenarios.FirstOrDefault(s => s.Name == name);
}

/// <summary>One scenario's final stats (with per-second counts), its thresholds, and its hooks' errors if any.</summary>
public sealed record ScenarioResult(
    string Name,
    ScenarioSnapshot Stats,
    IReadOnlyList<ThresholdOutcome> Thresholds,
    string? InitError,
    string? CleanupError)
{
    /// <summary>Why the verify hook added nothing (it threw, ran out of time, or named an unknown step); null otherwise.</summary>
    public string? VerifyError { get; init; }
}
