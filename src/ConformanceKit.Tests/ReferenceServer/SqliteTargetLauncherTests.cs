using System.Net;
using System.Text;
using ConformanceKit.ReferenceServer.Hosting;
using ConformanceKit.Targets;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>A <c>"store": "sqlite"</c> reference target runs on a fresh temporary file that is gone once the
/// server stops.</summary>
public sealed class SqliteTargetLauncherTests
{
    [Fact]
    public async Task A_sqlite_reference_target_gets_a_fresh_temporary_file_deleted_when_it_stops()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var launched = await new ReferenceTargetLauncher().StartAsync(Target(ReferenceStore.Sqlite), deadline.Token);
        var handle = launched.Handle.ShouldBeOfType<ServerWithTemporaryStore>();
        string path;
        try
        {
            path = handle.StorePath;
            Path.GetDirectoryName(path).ShouldBe(Path.GetTempPath().TrimEnd(Path.DirectorySeparatorChar));
            File.Exists(path).ShouldBeTrue();

            using var client = new HttpClient { BaseAddress = launched.BaseAddress };
            using var put = await client.PutAsync("/items/launcher", new StringContent("""{"n":1}""", Encoding.UTF8, "application/json"), deadline.Token);
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
            File.Exists(path + "-wal").ShouldBeTrue("the write went to the write-ahead log of that file");
        }
        finally
        {
            await launched.Handle.DisposeAsync();
        }

        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            File.Exists(path + suffix).ShouldBeFalse(path + suffix);
        }
    }

    [Fact]
    public async Task A_memory_reference_target_has_no_file()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var launched = await new ReferenceTargetLauncher().StartAsync(Target(ReferenceStore.Memory), deadline.Token);
        await using var handle = launched.Handle;

        handle.ShouldBeOfType<ConformanceKit.ReferenceServer.ReferenceServer>();
    }

    private static TargetDefinition Target(ReferenceStore store) =>
        TargetDefinition.InBoxReference("launcher", [], "launcher tests") with { Store = store };
}
