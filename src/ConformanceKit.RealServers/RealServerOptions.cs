namespace ConformanceKit.RealServers;

/// <summary>How a real server is started and stopped. Checked by the launchers before anything starts.</summary>
public sealed record RealServerOptions
{
    public static RealServerOptions Default { get; } = new();

    /// <summary>How long the server may take to answer GET /static/hello.txt (1 s to 2 min).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>How long the server has to exit after SIGTERM before it is killed (0 to 1 min).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Worker processes: nginx's worker_processes, httpd's StartServers (1 to 4).</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The server binary; null finds it on PATH and in the sbin folders.</summary>
    public string? Binary { get; init; }

    /// <summary>A fixed loopback port (1024 to 65535), for a server started by hand that targets.json points at
    /// (<c>conformancekit serve --server nginx</c>); null picks a free one (tests, benchmarks). A fixed port that
    /// is taken fails the start at once, naming the port: it is not retried on another.</summary>
    public int? Port { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(StartTimeout, TimeSpan.FromSeconds(1), nameof(StartTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StartTimeout, TimeSpan.FromMinutes(2), nameof(StartTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(StopTimeout, TimeSpan.Zero, nameof(StopTimeout));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StopTimeout, TimeSpan.FromMinutes(1), nameof(StopTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThan(Workers, 1, nameof(Workers));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Workers, 4, nameof(Workers));
        if (Port is { } port)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(port, 1024, nameof(Port));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535, nameof(Port));
        }
    }
}
