using System.Globalization;

namespace ConformanceKit.RealServers;

/// <summary>
/// nginx from Configs/nginx/nginx.conf: static files with etag on, ngx_http_dav_module on /dav/ (PUT, DELETE,
/// MKCOL, COPY, MOVE; create_full_put_path), in the foreground (daemon off) with its pid file, logs and temp
/// paths in the run folder. Debian package: nginx (its build includes the DAV module).
/// </summary>
public sealed class NginxServer : RealServer
{
    public const string AptPackage = "nginx";

    private static readonly ServerRecipe Recipe = new("nginx", AptPackage, ["-v"], Prepare);

    private NginxServer(ServerLaunch launch)
        : base(launch)
    {
    }

    /// <exception cref="MissingToolException">nginx is not installed.</exception>
    /// <exception cref="RealServerStartException">it did not come up; the message carries its logs.</exception>
    public static async Task<NginxServer> StartAsync(RealServerOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await RealServerLauncher.StartAsync(Recipe, options ?? RealServerOptions.Default, cancellationToken).ConfigureAwait(false));

    private static LaunchPlan Prepare(string binary, RunFolder folder, int port, RealServerOptions options)
    {
        var config = folder.Write("conf/nginx.conf", ConfigTemplate.Render("nginx/nginx.conf", new Dictionary<string, string>
        {
            ["RUN"] = folder.Root,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["WORKERS"] = options.Workers.ToString(CultureInfo.InvariantCulture),
        }));

        // -e: the error log from the first line on (without it nginx opens its built-in /var/log/nginx/error.log
        // before it reads the config).
        return new LaunchPlan(["-p", folder.Root + "/", "-c", config, "-e", Path.Combine(folder.Logs, "error.log")], new Dictionary<string, string>());
    }
}
