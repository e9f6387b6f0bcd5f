using System.Text.Json.Serialization;

namespace ConformanceKit.Load;

/// <summary>What a threshold measures: all the scenario's requests (no prefix), one step (<c>step:NAME</c>), or whole
/// iterations (<c>iteration</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThresholdScope>))]
public enum ThresholdScope
{
    Requests,
    Step,
    Iterations,
}
