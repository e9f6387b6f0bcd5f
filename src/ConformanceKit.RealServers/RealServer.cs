using System.Globalization;

namespace ConformanceKit.RealServers;

/// <summary>
/// A real HTTP server (nginx, Apache httpd) started from this project's configs on a free loopback port,
/// with a static file and a WebDAV folder. It runs until disposed: then it is stopped by pid (SIGTERM to its
/// process group, SIGKILL after <see cref="RealServerOptions.StopTimeout"/>) and its run folder is deleted.
/// A server that crashed meanwhile is tolerated: whatever is left of its group is killed all the same.
/// </summary>
public abstract class RealServer : IAsyncDisposable
{
    private readonly ServerLaunch launch;
    private int disposed;

    private protected RealServer(ServerLaunch launch)
    {
        this.launch = launch;
        BaseAddress = new Uri($"http://127.0.0.1:{launch.Port.ToString(CultureInfo.InvariantCulture)}/");
    }

    /// <summary>The servers <see cref="StartAsync(string, RealServerOptions?, CancellationToken)"/> knows, by binary name.</summary>
    public static IReadOnlyList<string> Names { get; } = ["nginx", "apache2"];

    /// <summary>Starts the real server named <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    /// <exception cref="ArgumentException">an unknown name.</exception>
    public static async Task<RealServer> StartAsync(string name, RealServerOptions? options = null, CancellationToken cancellationToken = default) => name switch
    {
        "nginx" => await NginxServer.StartAsync(options, cancellationToken).ConfigureAwait(false),
        "apache2" => await ApacheServer.StartAsync(options, cancellationToken).ConfigureAwait(false),
        _ => throw new ArgumentException($"no real server '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    /// <summary>The binary's name: nginx, apache2.</summary>
    public string Name => launch.Name;

    /// <summary>The full path of the binary that runs.</summary>
    public string Binary => launch.Binary;

    /// <summary>The server's own version string, from <c>nginx -v</c> / <c>apache2 -v</c>: <c>nginx/1.22.1</c>,
    /// <c>Apache/2.4.62 (Debian)</c>.</summary>
    public string Version => launch.Version;

    /// <summary><c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    public int Port => launch.Port;

    /// <summary>The WebDAV folder's path, <c>/dav/</c>: PUT creates and replaces files below it, DELETE removes them.</summary>
    public string DavPath { get; } = "/dav/";

    /// <summary>The static text file's path, <c>/static/hello.txt</c>.</summary>
    public string StaticFilePath { get; } = $"/{RealServerLauncher.StaticFolder}/{RealServerLauncher.StaticFile}";

    /// <summary>The static text file's content (Configs/static/hello.txt).</summary>
    public static string StaticFileContent => RealServerLauncher.StaticFileContent;

    /// <summary>The static file's modification time, the same on every run (so its Last-Modified is too).</summary>
    public static DateTime StaticFileTime => RealServerLauncher.StaticFileTime;

    /// <summary>This run's folder (configs, logs, pid file, www); gone after dispose.</summary>
    public string RunFolder => launch.Folder.Root;

    /// <summary>The pid of the server's main process (nginx master, httpd parent); also its process group.</summary>
    public int ProcessId => launch.Process.Id;

    /// <summary>True while the main process runs.</summary>
    public bool IsRunning => !launch.Process.HasExited;

    /// <summary>The server's error log so far ("" once the run folder is gone).</summary>
    public string ErrorLog => launch.Folder.Read("logs/error.log");

    /// <summary>What the server wrote to stdout and stderr (the last 64 KiB).</summary>
    public string Output => launch.Process.Output;

    /// <summary>An absolute URL on this server: <c>UriOf("/dav/a.txt")</c>.</summary>
    public Uri UriOf(string path) => new(BaseAddress, path);

    public override string ToString() => $"{Version} on {BaseAddress}";

    /// <summary>Stops the server and deletes its run folder. Safe to call twice; never throws for a server
    /// that already died.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await launch.Process.StopAsync(launch.Options.StopTimeout).ConfigureAwait(false);
        launch.Process.Dispose();
        launch.Folder.TryDelete();
        GC.SuppressFinalize(this);
    }
}
