using ConformanceKit.Cli.Commands;

namespace ConformanceKit.Tests.Cli;

/// <summary>Which <c>serve</c> runs its requests on the socket threads: only the correct reference server with the
/// in-memory store, whose handling never blocks.</summary>
public sealed class SocketCompletionsTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(true, "--urls", "http://127.0.0.1:5080")]
    [InlineData(true, "--store", "memory", "--require-preconditions")]
    [InlineData(true, "--store=memory", "--cors-origin", "none")]
    [InlineData(false, "--defect", "non-atomic-write:100us")]
    [InlineData(false, "--defect=etag-not-sent")]
    [InlineData(false, "--store", "sqlite:/tmp/x.db")]
    [InlineData(false, "--store=sqlite:/tmp/x.db")]
    [InlineData(false, "--server", "nginx")]
    public void Only_the_correct_in_memory_server_runs_inline(bool inline, params string[] serveArgs) =>
        SocketCompletions.ServesInline(serveArgs).ShouldBe(inline);
}
