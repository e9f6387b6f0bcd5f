namespace ConformanceKit.Cli.Commands;

/// <summary><c>conformancekit bench NAME</c>: dispatches to one benchmark; plain <c>conformancekit bench [OPTIONS]</c>
/// is the load benchmark (<see cref="LoadBenchmark"/>). Benchmarks measure the harness; they are not tests and assert
/// nothing about speed.</summary>
public static class BenchCommand
{
    public const string Benchmarks = "races (the race sensitivity benchmark: how reliably a race block catches a non-atomic write, per window), "
        + "real-races (how many writes of an N-way If-Match race nginx and Apache httpd let through, with small and large bodies)";

    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        return args.Count switch
        {
            0 => LoadBenchmark.ExecuteAsync(args, output, error, cancellationToken),
            _ when args[0].StartsWith("--", StringComparison.Ordinal) => LoadBenchmark.ExecuteAsync(args, output, error, cancellationToken),
            _ when args[0] == "races" => RaceSensitivityBenchmark.ExecuteAsync(args.Skip(1).ToList(), output, error, cancellationToken),
            _ when args[0] == "real-races" => RealServerRaceBenchmark.ExecuteAsync(args.Skip(1).ToList(), output, error, cancellationToken),
            _ => throw new UsageException($"'bench' has no benchmark '{args[0]}'; there are two: {Benchmarks}; and plain 'bench [--duration 10s] [--connections 8] [--threads 2] [--rounds 2]' is the load benchmark (our engine against wrk and hey)"),
        };
    }
}
