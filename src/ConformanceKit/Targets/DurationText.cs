using System.Globalization;

namespace ConformanceKit.Targets;

/// <summary>Durations as people write them in targets.json and on the command line: a number and its unit,
/// <c>500ms</c>, <c>30s</c>, <c>1.5s</c>, <c>10m</c>, <c>1h</c>.</summary>
public static class DurationText
{
    public const string Units = "ms, s, m or h";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text;
        var split = 0;
        while (split < trimmed.Length && (char.IsAsciiDigit(trimmed[split]) || trimmed[split] == '.'))
        {
            split++;
        }

        var unit = trimmed[split..].Trim();
        if (split == 0 || !double.TryParse(trimmed[..split], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }

        double? milliseconds = unit switch
        {
            "ms" => amount,
            "s" => amount * 1000,
            "m" or "min" => amount * 60_000,
            "h" => amount * 3_600_000,
            _ => null,
        };
        if (milliseconds is not { } ms || ms > TimeSpan.MaxValue.TotalMilliseconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary><c>500 ms</c>, <c>10 s</c>, <c>1.5 s</c>, <c>10 min</c>, <c>2 h</c>: the largest unit that keeps it short.</summary>
    public static string Format(TimeSpan duration)
    {
        static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        return duration switch
        {
            { TotalMilliseconds: < 1000 } => $"{N(duration.TotalMilliseconds)} ms",
            { TotalSeconds: < 120 } => $"{N(duration.TotalSeconds)} s",
            { TotalMinutes: < 120 } => $"{N(duration.TotalMinutes)} min",
            _ => $"{N(duration.TotalHours)} h",
        };
    }
}
