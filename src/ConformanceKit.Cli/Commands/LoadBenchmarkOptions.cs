using System.Globalization;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The options of plain <c>conformancekit bench</c> (the load benchmark), read and checked in one place: every bad
/// value is a <see cref="UsageException"/> naming the option and the reason. The limits keep it bounded: at most
/// <see cref="MaxRounds"/> rounds of six runs (three tools on two targets) of at most <see cref="MaxDuration"/> each.
/// </summary>
internal sealed record LoadBenchmarkOptions
{
    public const string Command = "bench";

    public const int MaxConnections = 1000;

    public const int MaxThreads = 64;

    public const int MaxRounds = 5;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(2);

    /// <summary>How long each tool loads each target (whole seconds: wrk's -d takes no fractions).</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Open connections of every tool: wrk -c, hey -c, and our engine's users (one connection each).</summary>
    public int Connections { get; init; } = 8;

    /// <summary>wrk's threads (-t); hey and our engine use the machine's cores as their runtimes do.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Times each tool runs on each target; the figures are the medians.</summary>
    public int Rounds { get; init; } = 2;

    public static LoadBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Command, args, ["--duration", "--connections", "--threads", "--rounds"], []);
        var defaults = new LoadBenchmarkOptions();
        var connections = InRange(reader, "--connections", 1, MaxConnections) ?? defaults.Connections;
        var threads = InRange(reader, "--threads", 1, MaxThreads) ?? Math.Min(defaults.Threads, connections);
        if (threads > connections)
        {
            throw new UsageException($"--threads must not be more than --connections ({connections.ToString(CultureInfo.InvariantCulture)}): wrk gives every thread a connection at least, got {threads.ToString(CultureInfo.InvariantCulture)}");
        }

        return new LoadBenchmarkOptions
        {
            Duration = reader.Value("--duration") is { } duration ? ParseDuration(duration) : defaults.Duration,
            Connections = connections,
            Threads = threads,
            Rounds = InRange(reader, "--rounds", 1, MaxRounds) ?? defaults.Rounds,
        };
    }

    /// <summary>Whole seconds (<c>10s</c>) or minutes (<c>1m</c>), from 1 s to <see cref="MaxDuration"/>.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var (digits, secondsPerUnit) = trimmed switch
        {
            _ when trimmed.EndsWith('s') => (trimmed[..^1], 1),
            _ when trimmed.EndsWith('m') => (trimmed[..^1], 60),
            _ => (string.Empty, 0),
        };
        if (digits.Length == 0 || digits.Length > 6 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            throw new UsageException($"--duration must be whole seconds or minutes, such as 10s or 1m (wrk takes no fractions), got '{text}'");
        }

        var duration = TimeSpan.FromSeconds((long)amount * secondsPerUnit);
        return duration >= TimeSpan.FromSeconds(1) && duration <= MaxDuration
            ? duration
            : throw new UsageException($"--duration must be from 1s to {MaxDuration.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s, got '{text}'");
    }

    private static int? InRange(ArgumentReader reader, string name, int min, int max) => reader.WholeNumber(name) switch
    {
        null => null,
        var n when n >= min && n <= max => n,
        var n => throw new UsageException($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {n.Value.ToString(CultureInfo.InvariantCulture)}"),
    };
}
