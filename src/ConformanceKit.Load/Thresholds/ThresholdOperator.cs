using System.Text.Json.Serialization;

namespace ConformanceKit.Load;

[JsonConverter(typeof(JsonStringEnumConverter<ThresholdOperator>))]
public enum ThresholdOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}
