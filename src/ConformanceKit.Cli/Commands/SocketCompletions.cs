namespace ConformanceKit.Cli.Commands;

/// <summary>
/// How the load generator's sockets complete. .NET on Linux hands every socket completion from its epoll thread to
/// the thread pool; with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> the epoll threads (one per core) run
/// the continuation themselves, as wrk's threads do, which saves a thread hop and a wake-up per request (the
/// benchmark's profile: about 40% of the client's CPU per request). The runtime reads the variable once, when the
/// first socket is made, so <see cref="ChooseFor"/> runs first thing in Program, for the commands that generate load
/// (plain <c>bench</c> and <c>load</c>), unless the variable is set already. Steps must not block then (ours do not).
/// <c>serve</c> sets it too when it runs the correct in-memory reference server, which then also runs its requests on
/// those threads (<see cref="ServesInline"/>, ReferenceServerOptions.InlineScheduling): nothing it does blocks.
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
        var servesInline = args.Count > 0 && args[0] == "serve" && ServesInline([.. args.Skip(1)]);
        if ((generatesLoad || servesInline) && Environment.GetEnvironmentVariable(Variable) is null)
        {
            Environment.SetEnvironmentVariable(Variable, "1");
        }
    }

    /// <summary>Whether <c>serve</c> with <paramref name="args"/> (the options after <c>serve</c>) runs the reference
    /// server that never blocks: no defect (a defect's window would hold a socket thread), no SQLite store (its I/O is
    /// synchronous), not a real server.</summary>
    public static bool ServesInline(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        try
        {
            var options = new ArgumentReader("serve", args, ServeCommand.ValueOptions, ServeCommand.FlagOptions);
            return options.All("--defect").Count == 0 && options.Value("--server") is null
                && (options.Value("--store") ?? "memory").StartsWith("memory", StringComparison.Ordinal);
        }
        catch (UsageException)
        {
            // Not a command serve takes: serve itself says why, and no server starts.
            return false;
        }
    }
}
