namespace ConformanceKit.Cli.Commands;

/// <summary>
/// How the load generator's sockets complete. .NET on Linux hands every socket completion from its epoll thread to
/// the thread pool; with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> the epoll threads (one per core) run
/// the continuation themselves, as wrk's threads do, which saves a thread hop and a wake-up per request (the
/// benchmark's profile: about 40% of the client's CPU per request). The runtime reads the variable once, when the
/// first socket is made, so <see cref="ChooseFor"/> runs first thing in Program, for the commands that generate load
/// (plain <c>bench</c> and <c>load</c>), unless the variable is set already. Steps must not block then (ours do not).
/// </summary>
internal static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process runs socket completions inline (as far as the variable says).</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(Variable) == "1";

    public static void ChooseFor(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var generatesLoad = args is ["load", ..] || args is ["bench"] || (args is ["bench", var next, ..] && next.StartsWith("--", StringComparison.Ordinal));
        if (generatesLoad && Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }
}
