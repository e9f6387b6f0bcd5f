using System.Text.Json.Serialization;

namespace ConformanceKit.Load;

/// <summary>Why a run ended: every phase ran; a threshold with abort-on-breach was breached; the run's timeout; the
/// caller's cancellation; or an init hook failed (no load was run).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoadStopReason>))]
public enum LoadStopReason
{
    Completed,
    ThresholdBreached,
    Timeout,
    Cancelled,
    InitFailed,
}
