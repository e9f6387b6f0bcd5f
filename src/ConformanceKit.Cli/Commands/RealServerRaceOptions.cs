using System.Globalization;
using ConformanceKit.RealServers;

namespace ConformanceKit.Cli.Commands;

/// <summary>
/// The options of <c>conformancekit bench real-races</c>, read and checked in one place: every bad value is a
/// <see cref="UsageException"/> naming the option and the reason. Limits keep the benchmark bounded: at most
/// 2 servers x <see cref="MaxSizes"/> sizes x <see cref="MaxRounds"/> rounds of <see cref="MaxClients"/> writes of
/// at most <see cref="MaxBodyBytes"/> each.
/// </summary>
internal sealed record RealServerRaceOptions
{
    public const string Command = "bench real-races";

    public const int MaxRounds = 200;

    public const int MinClients = 2;

    public const int MaxClients = 64;

    public const int MaxSizes = 4;

    public const int MaxBodyBytes = 8 * 1024 * 1024;

    public static readonly IReadOnlyList<int> DefaultSizes = [100, 1024 * 1024];

    public IReadOnlyList<string> Servers { get; init; } = RealServer.Names;

    public int Clients { get; init; } = 16;

    public int Rounds { get; init; } = 10;

    /// <summary>Body sizes in bytes: every racing write sends a body of exactly that many bytes, its own.</summary>
    public IReadOnlyList<int> Sizes { get; init; } = DefaultSizes;

    public int Seed { get; init; } = 1;

    /// <summary>One line per round as well as per server and size.</summary>
    public bool Verbose { get; init; }

    public static RealServerRaceOptions Parse(IReadOnlyList<string> args)
    {
        var reader = new ArgumentReader(Command, args, ["--servers", "--clients", "--rounds", "--sizes", "--seed"], ["--verbose"]);
        var defaults = new RealServerRaceOptions();
        return new RealServerRaceOptions
        {
            Servers = reader.Value("--servers") is { } servers ? ParseServers(servers) : defaults.Servers,
            Clients = InRange(reader, "--clients", MinClients, MaxClients) ?? defaults.Clients,
            Rounds = InRange(reader, "--rounds", 1, MaxRounds) ?? defaults.Rounds,
            Sizes = reader.Value("--sizes") is { } sizes ? ParseSizes(sizes) : defaults.Sizes,
            Seed = reader.WholeNumber("--seed") ?? defaults.Seed,
            Verbose = reader.Flag("--verbose"),
        };
    }

    private static List<string> ParseServers(string text)
    {
        var servers = text.Split(',').Select(s => s.Trim()).ToList();
        foreach (var server in servers)
        {
            if (!RealServer.Names.Contains(server))
            {
                throw new UsageException($"--servers: '{server}' is not a real server (known: {string.Join(", ", RealServer.Names)})");
            }
        }

        return servers.Distinct(StringComparer.Ordinal).Count() == servers.Count
            ? servers
            : throw new UsageException($"--servers names a server twice in '{text}'");
    }

    /// <summary>Sizes with an optional unit: <c>100</c>, <c>64KiB</c>, <c>1MiB</c>.</summary>
    private static List<int> ParseSizes(string text)
    {
        var sizes = new List<int>();
        foreach (var part in text.Split(','))
        {
            var item = part.Trim();
            var (digits, factor) = item switch
            {
                _ when item.EndsWith("MiB", StringComparison.Ordinal) => (item[..^3], 1024 * 1024),
                _ when item.EndsWith("KiB", StringComparison.Ordinal) => (item[..^3], 1024),
                _ => (item, 1),
            };
            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || (long)amount * factor is < 64 or > MaxBodyBytes)
            {
                throw new UsageException($"--sizes: '{item}' is not a size from 64 bytes to 8MiB (a number of bytes, or with KiB or MiB)");
            }

            if (sizes.Contains(amount * factor))
            {
                throw new UsageException($"--sizes names {item} twice");
            }

            sizes.Add(amount * factor);
        }

        return sizes.Count <= MaxSizes
            ? sizes
            : throw new UsageException($"--sizes names {sizes.Count.ToString(CultureInfo.InvariantCulture)} sizes; at most {MaxSizes.ToString(CultureInfo.InvariantCulture)}");
    }

    private static int? InRange(ArgumentReader reader, string name, int min, int max) => reader.WholeNumber(name) switch
    {
        null => null,
        var n when n >= min && n <= max => n,
        var n => throw new UsageException($"{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {n.Value.ToString(CultureInfo.InvariantCulture)}"),
    };
}
