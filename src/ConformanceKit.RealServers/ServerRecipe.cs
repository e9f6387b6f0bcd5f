namespace ConformanceKit.RealServers;

/// <summary>How to run one server from this project's configs: the command line and environment for a run
/// folder whose config files the recipe has just written.</summary>
internal sealed record LaunchPlan(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment);

/// <summary>What the launcher needs to know about one kind of real server.</summary>
/// <param name="Name">the binary's name, also the run folder's tag: nginx, apache2.</param>
/// <param name="AptPackage">the Debian package that provides it.</param>
/// <param name="VersionArguments">the arguments that print its version (nginx -v, apache2 -v).</param>
/// <param name="Prepare">given the binary, the run folder, the port and the options: writes the rendered configs into the run folder and says how to start the binary.</param>
internal sealed record ServerRecipe(
    string Name,
    string AptPackage,
    IReadOnlyList<string> VersionArguments,
    Func<string, RunFolder, int, RealServerOptions, LaunchPlan> Prepare)
{
    /// <summary>Checks beyond the binary (httpd's modules); throws <see cref="MissingToolException"/>.</summary>
    public Action? CheckInstalled { get; init; }
}
