using ConformanceKit.ReferenceServer;
using ConformanceKit.ReferenceServer.Protocol;
using ConformanceKit.ReferenceServer.Store;

namespace ConformanceKit.Tests.ReferenceServer;

/// <summary>A SQLite store file in a temp folder of its own for one test; the folder is deleted on dispose
/// (open stores must be disposed first).</summary>
internal sealed class SqliteStoreFile : IDisposable
{
    private readonly string folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ck-sqlite-" + Guid.NewGuid().ToString("N"));

    public SqliteStoreFile() => Directory.CreateDirectory(folder);

    public string Path => System.IO.Path.Combine(folder, "documents.db");

    public SqliteDocumentStore Open(TimeProvider? time = null, DefectSet? defects = null, ValidatorPolicy? policy = null) =>
        SqliteDocumentStore.Open(Path, time ?? TimeProvider.System, defects ?? DefectSet.None, policy);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Either store, by name, for tests that hold for both; disposing it disposes the store and its file.</summary>
internal sealed class TestStore : IDisposable
{
    private readonly SqliteStoreFile? file;

    public TestStore(string kind, TimeProvider? time = null, DefectSet? defects = null, ValidatorPolicy? policy = null)
    {
        if (kind == "sqlite")
        {
            file = new SqliteStoreFile();
            Store = file.Open(time, defects, policy);
        }
        else
        {
            Store = new MemoryDocumentStore(time ?? TimeProvider.System, defects ?? DefectSet.None, policy);
        }
    }

    public static TheoryData<string> Kinds { get; } = ["memory", "sqlite"];

    public IDocumentStore Store { get; }

    public void Dispose()
    {
        Store.Dispose();
        file?.Dispose();
    }
}
