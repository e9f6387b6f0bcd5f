using System.Globalization;

namespace ConformanceKit.RealServers;

/// <summary>
/// Apache httpd from Configs/apache2/httpd.conf: static files with FileETag MTime Size, mod_dav + mod_dav_fs on
/// /dav/, event MPM, run as <c>apache2 -d RUN -f CONF -DFOREGROUND</c> (not apache2ctl, which reads
/// /etc/apache2/envvars) with its pid file, logs, lock database and runtime folder in the run folder.
/// Modules come from Debian's /usr/lib/apache2/modules. Debian package: apache2.
/// </summary>
public sealed class ApacheServer : RealServer
{
    public const string AptPackage = "apache2";

    /// <summary>Where Debian's apache2-bin keeps the loadable modules.</summary>
    public const string ModuleFolder = "/usr/lib/apache2/modules";

    private static readonly string[] Modules = ["mod_mpm_event.so", "mod_authz_core.so", "mod_mime.so", "mod_dav.so", "mod_dav_fs.so"];

    private static readonly ServerRecipe Recipe = new("apache2", AptPackage, ["-v"], Prepare) { CheckInstalled = CheckModules };

    private ApacheServer(ServerLaunch launch)
        : base(launch)
    {
    }

    /// <exception cref="MissingToolException">apache2 or one of its modules is not installed.</exception>
    /// <exception cref="RealServerStartException">it did not come up; the message carries its logs.</exception>
    public static async Task<ApacheServer> StartAsync(RealServerOptions? options = null, CancellationToken cancellationToken = default) =>
        new(await RealServerLauncher.StartAsync(Recipe, options ?? RealServerOptions.Default, cancellationToken).ConfigureAwait(false));

    private static void CheckModules()
    {
        var missing = Modules.Where(m => !File.Exists(Path.Combine(ModuleFolder, m))).ToList();
        if (missing.Count > 0)
        {
            throw new MissingToolException(string.Join(", ", missing), AptPackage, [ModuleFolder]);
        }
    }

    private static LaunchPlan Prepare(string binary, RunFolder folder, int port, RealServerOptions options)
    {
        var (user, group) = ChildAccount();
        var values = new Dictionary<string, string>
        {
            ["RUN"] = folder.Root,
            ["PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["MODULES"] = ModuleFolder,
            ["USER"] = user,
            ["GROUP"] = group,
            ["WORKERS"] = options.Workers.ToString(CultureInfo.InvariantCulture),
        };
        var config = folder.Write("conf/httpd.conf", ConfigTemplate.Render("apache2/httpd.conf", values));
        folder.Write("conf/mime.types", ConfigTemplate.Render("apache2/mime.types", values));

        // The variables Debian's envvars would set, pointed into the run folder; our config does not read
        // them, but anything in Debian's build that does finds this run's folders, never /var/run/apache2.
        var environment = new Dictionary<string, string>
        {
            ["APACHE_RUN_DIR"] = Path.Combine(folder.Root, "run"),
            ["APACHE_PID_FILE"] = Path.Combine(folder.Root, "run", "httpd.pid"),
            ["APACHE_LOCK_DIR"] = Path.Combine(folder.Root, "lock"),
            ["APACHE_LOG_DIR"] = folder.Logs,
            ["APACHE_RUN_USER"] = user,
            ["APACHE_RUN_GROUP"] = group,
            ["LANG"] = "C",
        };
        return new LaunchPlan(["-d", folder.Root, "-f", config, "-DFOREGROUND"], environment);
    }

    /// <summary>httpd started as root refuses to serve as root: its children run as www-data (nobody/nogroup
    /// where there is none). Otherwise User and Group are ignored, but must still name an account: ours.</summary>
    private static (string User, string Group) ChildAccount()
    {
        if (!Unix.IsRoot)
        {
            return ("#" + Unix.UserId.ToString(CultureInfo.InvariantCulture), "#" + Unix.GroupId.ToString(CultureInfo.InvariantCulture));
        }

        static bool Listed(string file, string name) =>
            File.Exists(file) && File.ReadLines(file).Any(line => line.StartsWith(name + ":", StringComparison.Ordinal));

        return Listed("/etc/passwd", "www-data") && Listed("/etc/group", "www-data") ? ("www-data", "www-data") : ("nobody", "nogroup");
    }
}
