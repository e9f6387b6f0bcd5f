using System.Globalization;
using ConformanceKit.ReferenceServer;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The options of <c>conformancekit bench races</c>, read and checked in one place: every bad value is a
/// <see cref="UsageException"/> naming the option and the reason. Limits keep the whole benchmark bounded
/// (at most <see cref="MaxWindows"/> × <see cref="MaxRuns"/> runs of at most <see cref="MaxDuration"/>).
/// </summary>
internal sealed record RaceSensitivityOptions
{
    public const string Command = "bench races";

    public const int MaxWindows = 16;

    public const int MaxRuns = 1000;

    public const int MinClients = 2;

    public const int MaxClients = 256;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    public static readonly IReadOnlyList<TimeSpan> DefaultWindows =
        [TimeSpan.FromMilliseconds(1), TimeSpan.FromMicroseconds(100), TimeSpan.FromMicroseconds(10), TimeSpan.Zero];

    public IReadOnlyList<TimeSpan> Windows { get; init; } = DefaultWindows;

    public int Runs { get; init; } = 20;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    public int Clients { get; init; } = 16;

    public int Seed { get; init; } = 1;

    /// <summary>One line per run as well as per window.</summary>
    public bool Verbose { get; init; }

    public static RaceSensitivityOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Command, args, ["--windows", "--runs", "--duration", "--clients", "--seed"], ["--verbose"]);
        var defaults = new RaceSensitivityOptions();
        return new RaceSensitivityOptions
        {
            Windows = reader.Value("--windows") is { } windows ? ParseWindows(windows) : defaults.Windows,
            Runs = InRange(reader, "--runs", 1, MaxRuns) ?? defaults.Runs,
            Duration = reader.Value("--duration") is { } duration ? ParseDuration(duration) : defaults.Duration,
            Clients = InRange(reader, "--clients", MinClients, MaxClients) ?? defaults.Clients,
            Seed = reader.WholeNumber("--seed") ?? defaults.Seed,
            Verbose = reader.Flag("--verbose"),
        };
    }

    /// <summary>A comma-separated list of windows as the defect takes them (<c>1ms,100us,10us,0</c>).</summary>
    public static IReadOnlyList<TimeSpan> ParseWindows(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var windows = new List<TimeSpan>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            if (item.Length == 0)
            {
                throw new UsageException($"--windows has an empty entry in '{text}' (give e.g. 1ms,100us,10us,0)");
            }

            if (!DefectWindow.TryParse(item, out var window))
            {
                throw new UsageException($"--windows: '{item}' is not 0 or a number with the unit us, ms or s of at most {DefectWindow.Format(DefectWindow.Max)} (e.g. 100us)");
            }

            if (windows.Contains(window))
            {
                throw new UsageException($"--windows names {DefectWindow.Format(window)} twice");
            }

            windows.Add(window);
        }

        return windows.Count <= MaxWindows
            ? windows
            : throw new UsageException($"--windows names {windows.Count.ToString(CultureInfo.InvariantCulture)} windows; at most {MaxWindows.ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>A duration with the unit ms or s (<c>2s</c>, <c>500ms</c>, <c>1.5s</c>), more than 0 and at most <see cref="MaxDuration"/>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var (digits, millisecondsPerUnit) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.Ordinal) => (trimmed[..^2], 1d),
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1_000d),
            _ => (string.Empty, 0d),
        };
        if (digits.Length == 0 || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            throw new UsageException($"--duration must be a time with the unit ms or s, such as 2s or 500ms, got '{text}'");
        }

        var duration = TimeSpan.FromMilliseconds(amount * millisecondsPerUnit);
        return duration > TimeSpan.Zero && duration <= MaxDuration
            ? duration
            : throw new UsageException($"--duration must be more than 0 and at most {MaxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s, got '{text}'");
    }

    private static int? InRange(ArgumentReader reader, string name, int min, int max) => reader.WholeNumber(name) switch
    {
        null => null,
        var n when n >= min && n <= max => n,
        var n => throw new UsageException($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {n.Value.ToString(CultureInfo.InvariantCulture)}"),
    };
}
