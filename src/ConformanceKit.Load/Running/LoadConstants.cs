namespace ConformanceKit.Load;

/// <summary>Defaults and limits of a load run.</summary>
public static class LoadConstants
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(24);

    /// <summary>How long in-flight iterations may take to finish after the last phase, before they are cancelled.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxGracefulStop = TimeSpan.FromMinutes(10);

    /// <summary>How often snapshots are taken for progress and thresholds.</summary>
    public static readonly TimeSpan SnapshotInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MinSnapshotInterval = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxSnapshotInterval = TimeSpan.FromMinutes(1);

    /// <summary>An open-model iteration that starts more than this after its intended time counts as late. The
    /// scheduler waits with a 1 ms granularity, so on time means about 0.6 ms after (p99 1 to 2 ms on 2 busy cores).</summary>
    public static readonly TimeSpan LateTolerance = TimeSpan.FromMilliseconds(2);

    public static readonly TimeSpan MaxLateTolerance = TimeSpan.FromSeconds(10);

    /// <summary>Each verify hook's own bound (it runs after a timeout too).</summary>
    public static readonly TimeSpan VerifyTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Each cleanup hook's own bound (it runs after a timeout too).</summary>
    public static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(30);

    /// <summary>After cancelling iterations, how long to wait for steps that ignore cancellation before leaving them.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(2);
}
