namespace ConformanceKit.Races;

/// <summary>Defaults and limits of the race block and the read-modify-write workload.</summary>
public static class RaceDefaults
{
    public const int Clients = 16;

    public const int MaxClients = 256;

    public const int Rounds = 1;

    public const int MaxRounds = 100_000;

    public const int ReadModifyWriteClients = 8;

    public const int Iterations = 10;

    public const int MaxIterations = 100_000;

    public const int MaxRetries = 100;

    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxRequestTimeout = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);
}
