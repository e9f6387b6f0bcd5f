using System.Diagnostics;
using System.Globalization;

namespace ConformanceKit.ReferenceServer;

/// <summary>
/// The time window argument of a defect such as <c>non-atomic-write:100us</c>: <c>0</c>, or a number with
/// the unit <c>us</c>, <c>ms</c> or <c>s</c> (at most 10 s). <see cref="WaitAsync"/> holds the window open:
/// below a millisecond it spins on the high-resolution clock, because timers on this platform fire no finer
/// than about a millisecond; from a millisecond up it awaits a timer.
/// </summary>
public static class DefectWindow
{
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan TimerResolution = TimeSpan.FromMilliseconds(1);

    public static bool TryParse(string text, out TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(text);
        window = TimeSpan.Zero;
        var trimmed = text.Trim();
        if (trimmed == "0")
        {
            return true;
        }

        var (digits, microsecondsPerUnit) = trimmed switch
        {
            _ when trimmed.EndsWith("us", StringComparison.Ordinal) => (trimmed[..^2], 1d),
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 1_000d),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1_000_000d),
            _ => (string.Empty, 0d),
        };
        if (digits.Length == 0
            || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount * microsecondsPerUnit > Max.TotalMicroseconds)
        {
            return false;
        }

        window = TimeSpan.FromMicroseconds(amount * microsecondsPerUnit);
        return true;
    }

    /// <summary>The shortest text that parses back to <paramref name="window"/>, e.g. <c>100us</c>, <c>1ms</c>, <c>0</c>.</summary>
    public static string Format(TimeSpan window) => window switch
    {
        _ when window == TimeSpan.Zero => "0",
        _ when window.Ticks % TimeSpan.TicksPerSecond == 0 => $"{window.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s",
        _ when window.Ticks % TimeSpan.TicksPerMillisecond == 0 => $"{window.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)}ms",
        _ => $"{window.TotalMicroseconds.ToString(CultureInfo.InvariantCulture)}us",
    };

    public static async ValueTask WaitAsync(TimeSpan window)
    {
        if (window <= TimeSpan.Zero)
        {
            return;
        }

        if (window >= TimerResolution)
        {
            await Task.Delay(window).ConfigureAwait(false);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Stopwatch.GetElapsedTime(started) < window)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }
}
