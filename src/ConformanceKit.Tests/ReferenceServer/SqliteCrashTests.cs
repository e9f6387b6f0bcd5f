using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>
/// The SQLite store survives the server process being killed: <c>conformancekit serve --store sqlite:FILE</c>
/// runs as a separate process under a write load from several clients, gets SIGKILL once a fixed number of
/// writes have been acknowledged (not after a time), and is started again on the same file. Then every
/// acknowledged write is there (each resource holds its last acknowledged content, or that of a write that was
/// in flight at the kill), no content whose write got 412 is anywhere, and new writes get entity-tags never
/// seen before. Loopback only; bounded by a hard deadline; the child process is always killed.
/// </summary>
public sealed class SqliteCrashTests(ITestOutputHelper output)
{
    private const int Clients = 6;
    private const int KillAfterAcknowledged = 400;

    [Fact]
    public async Task Every_acknowledged_write_survives_a_SIGKILL_and_no_refused_write_appears()
    {
        var clock = Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        using var file = new SqliteStoreFile();
        string[] serve = ["--store", "sqlite:" + file.Path];
        CrashLoad load;
        long acknowledgedAtKill;

        using (var first = await ServeProcess.StartAsync(serve, deadline.Token))
        {
            load = new CrashLoad(first.BaseAddress, "crash-" + Guid.NewGuid().ToString("N")[..8], Clients, seed: 41) { KillAfter = KillAfterAcknowledged };
            await load.CreateSharedAsync(deadline.Token);
            var running = load.RunAsync(deadline.Token);
            await Task.WhenAny(load.AcknowledgedEnough.Task, running).WaitAsync(deadline.Token);
            load.AcknowledgedEnough.Task.IsCompleted.ShouldBeTrue($"the load ended before {KillAfterAcknowledged} acknowledged writes:\n{first.Output}");
            await first.KillAsync();
            acknowledgedAtKill = load.Acknowledged;
            await running.WaitAsync(deadline.Token);
        }

        var attempts = load.Attempts.ToList();
        attempts.Where(a => a.Unexpected).ShouldBeEmpty("answers the rules do not allow, before the kill");
        var acknowledged = attempts.Count(a => a.Acknowledged);
        var unanswered = attempts.Where(a => a.Unanswered).ToList();
        output.WriteLine($"{attempts.Count} writes before the kill: {acknowledged} acknowledged ({acknowledgedAtKill} when SIGKILL was sent), "
            + $"{attempts.Count(a => a.Rejected)} answered 412, {unanswered.Count} without an answer");

        // Content no state may hold: every write that got 412, and every stale write (it could never apply).
        var refused = attempts.Where(a => a.Rejected || (a.Kind == WriteKind.Stale && a.Unanswered)).Select(a => a.Content).ToHashSet(StringComparer.Ordinal);
        var etagsBefore = load.SeenETags.Keys.ToHashSet(StringComparer.Ordinal);

        using var second = await ServeProcess.StartAsync(serve, deadline.Token);
        using var http = CrashLoad.NewClient(second.BaseAddress);
        var fromInFlight = 0;
        foreach (var path in load.OwnPaths)
        {
            var (content, etag) = await ReadAsync(http, path, deadline.Token);
            refused.ShouldNotContain(content, $"{path} holds refused content");
            var writes = attempts.Where(a => a.Path == path && a.Kind != WriteKind.Stale).ToList();
            var last = writes.Where(a => a.Acknowledged).MaxBy(a => a.Order);
            var inFlight = writes.Where(a => a.Unanswered).Select(a => a.Content).ToList();
            if (last is not null && content == last.Content)
            {
                etag.ShouldBe(last.ETag, $"{path}: the acknowledged version keeps its entity-tag across the restart");
            }
            else
            {
                inFlight.ShouldContain(content, $"{path}: neither its last acknowledged write ({last?.Content ?? "none"}) nor one in flight at the kill");
                fromInFlight++;
            }
        }

        output.WriteLine($"after the restart, {fromInFlight} of {Clients} resources hold a write that was in flight at the kill; the others their last acknowledged one");

        var (shared, _) = await ReadAsync(http, load.SharedPath, deadline.Token);
        refused.ShouldNotContain(shared, "the shared resource holds refused content");
        var sharedWrites = attempts.Where(a => a.Path == load.SharedPath && a.Kind == WriteKind.Shared && (a.Acknowledged || a.Unanswered)).Select(a => a.Content);
        new[] { CrashLoad.SharedInitial }.Concat(sharedWrites).ShouldContain(shared);

        // RFC 9110 8.8.3: the restarted server mints tags it never sent before.
        foreach (var path in load.OwnPaths.Append(load.SharedPath))
        {
            var (_, etag) = await ReadAsync(http, path, deadline.Token);
            using var put = new HttpRequestMessage(HttpMethod.Put, path)
            {
                Content = new StringContent("""{"after":"restart"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
            };
            put.Headers.TryAddWithoutValidation("If-Match", etag);
            using var response = await http.SendAsync(put, deadline.Token);
            ((int)response.StatusCode).ShouldBeInRange(200, 299, path);
            etagsBefore.ShouldNotContain(response.Headers.ETag!.ToString(), $"{path}: an entity-tag minted again after the restart");
        }

        await second.KillAsync();
        output.WriteLine($"crash test: {clock.Elapsed.TotalSeconds:0.0} s in all");
    }

    private static async Task<(string Content, string ETag)> ReadAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        ((int)response.StatusCode).ShouldBe(200, $"GET {path} after the restart");
        return (await response.Content.ReadAsStringAsync(cancellationToken), response.Headers.ETag!.ToString());
    }
}
