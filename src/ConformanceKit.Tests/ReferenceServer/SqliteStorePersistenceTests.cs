using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Store;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>The SQLite store keeps documents and their validators across a reopen, and never mints an
/// entity-tag again that it minted before, not even for a document that was deleted before the restart
/// (RFC 9110 8.8.3).</summary>
public sealed class SqliteStorePersistenceTests
{
    private static readonly byte[] First = """{"v":1}"""u8.ToArray();
    private static readonly byte[] Second = """{"v":2}"""u8.ToArray();

    [Fact]
    public void Documents_and_their_validators_are_there_after_a_reopen_and_new_writes_get_new_etags()
    {
        using var file = new SqliteStoreFile();
        var minted = new List<StoredDocument>();
        StoredDocument a, b;
        using (var store = file.Open())
        {
            minted.Add(store.Write("a", _ => WritePlan.Put(First, "application/json")).After!);
            minted.Add(a = store.Write("a", _ => WritePlan.Put(Second, "application/json")).After!);
            minted.Add(b = store.Write("b", _ => WritePlan.Put(First, "application/vnd.b+json")).After!);

            // The newest generation of all belongs to a document that is then deleted: the counter must still
            // resume above it.
            minted.Add(store.Write("c", _ => WritePlan.Put(First, "application/json")).After!);
            store.Write("c", _ => WritePlan.Remove).Applied.ShouldBeTrue();
        }

        var oldTags = minted.Select(d => d.Representation.ETag!.ToString()).ToHashSet(StringComparer.Ordinal);
        var oldMax = minted.Max(d => d.Generation);
        StoredDocument c2, a2;
        using (var reopened = file.Open())
        {
            reopened.Get("a").ShouldBe(a, new DocumentComparer());
            reopened.Get("b").ShouldBe(b, new DocumentComparer());
            reopened.Get("c").ShouldBeNull();

            c2 = reopened.Write("c", _ => WritePlan.Put(First, "application/json")).After!;
            a2 = reopened.Write("a", _ => WritePlan.Put(Second, "application/json")).After!;
            c2.Generation.ShouldBeGreaterThan(oldMax);
            a2.Generation.ShouldBeGreaterThan(c2.Generation);
            oldTags.ShouldNotContain(c2.Representation.ETag!.ToString(), "the same bytes as the deleted c, but a new tag");
            oldTags.ShouldNotContain(a2.Representation.ETag!.ToString(), "the same bytes as a's last version, but a new tag");
        }

        using var third = file.Open();
        third.Get("a").ShouldBe(a2, new DocumentComparer());
        third.Get("c").ShouldBe(c2, new DocumentComparer());
        third.Get("b").ShouldBe(b, new DocumentComparer());
    }

    [Fact]
    public void The_file_uses_write_ahead_logging()
    {
        using var file = new SqliteStoreFile();
        using var store = file.Open();
        store.Write("a", _ => WritePlan.Put(First, "application/json"));

        using var connection = new SqliteConnection($"Data Source={file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        (command.ExecuteScalar() as string).ShouldBe("wal");
    }

    [Fact]
    public void A_file_that_is_not_a_store_is_refused_with_its_path()
    {
        using var file = new SqliteStoreFile();
        File.WriteAllText(file.Path, "this is not a SQLite database, just text long enough to be looked at.");

        var error = Should.Throw<IOException>(() => file.Open());
        error.Message.ShouldContain(file.Path);
        error.Message.ShouldContain("cannot be opened");
    }

    [Fact]
    public void A_file_in_a_missing_folder_is_refused_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), "ck-missing-" + Guid.NewGuid().ToString("N"), "documents.db");

        var error = Should.Throw<IOException>(() => SqliteDocumentStore.Open(path, TimeProvider.System, DefectSet.None));
        error.Message.ShouldContain(path);
    }
}
