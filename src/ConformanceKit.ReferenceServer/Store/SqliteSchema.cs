using Microsoft.Data.Sqlite;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// The SQLite file's layout and connection settings. <c>documents</c> holds the current version of each
/// document; its <c>generation</c> is the version the compare-and-set compares. <c>store_meta</c> keeps the
/// largest generation ever removed (a trigger records it in the same statement as the delete), so the
/// store-wide counter can resume above every generation the file has ever held, and an entity-tag is never
/// minted twice, not even after its document was deleted and the server restarted (RFC 9110 8.8.3).
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Bumped when the layout changes; a file with another version is refused.</summary>
    public const long Version = 1;

    /// <summary>How long a statement waits for another connection's write lock before it fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private const string Create = """
        CREATE TABLE IF NOT EXISTS documents (
            id TEXT NOT NULL PRIMARY KEY,
            generation INTEGER NOT NULL,
            content BLOB NOT NULL,
            media_type TEXT NOT NULL,
            etag TEXT NULL,
            modified_at_ticks INTEGER NULL
        );
        CREATE TABLE IF NOT EXISTS store_meta (
            key TEXT NOT NULL PRIMARY KEY,
            value INTEGER NOT NULL
        );
        INSERT INTO store_meta (key, value) VALUES ('schema', $version) ON CONFLICT (key) DO NOTHING;
        INSERT INTO store_meta (key, value) VALUES ('removed_generation', 0) ON CONFLICT (key) DO NOTHING;
        CREATE TRIGGER IF NOT EXISTS documents_remember_removed_generation AFTER DELETE ON documents
        BEGIN
            UPDATE store_meta SET value = max(value, OLD.generation) WHERE key = 'removed_generation';
        END;
        """;

    /// <summary>Per connection: wait for locks instead of failing at once. synchronous=NORMAL (with the
    /// write-ahead log): a committed write is in the log before the response is sent, so it survives the server
    /// process being killed (the crash test shows it); the log is synced to disk only at checkpoints, so an OS
    /// crash or power loss may lose the last commits, never consistency. A lost commit's generation may then be
    /// minted again, but the entity-tag also carries a hash of the content, so it comes back only for the same
    /// bytes (barring a 32-bit hash collision). FULL would sync at every commit, at about 5 ms a write on this
    /// disk (it doubled the catalog's run time on the SQLite store).</summary>
    public static void SetUp(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        Execute(connection, $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL;");
    }

    /// <summary>Once per open: write-ahead logging (readers never block the writer; persistent in the file),
    /// the tables, and the check that the file is ours. Returns the largest generation the file has held.</summary>
    public static long Prepare(SqliteConnection connection, string path)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = wal.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new IOException($"SQLite store '{path}': write-ahead logging could not be switched on (journal mode is '{mode}').");
            }
        }

        using (var create = connection.CreateCommand())
        {
            create.CommandText = Create;
            create.Parameters.AddWithValue("$version", Version);
            create.ExecuteNonQuery();
        }

        using var read = connection.CreateCommand();
        read.CommandText = """
            SELECT (SELECT value FROM store_meta WHERE key = 'schema'),
                   max((SELECT value FROM store_meta WHERE key = 'removed_generation'),
                       coalesce((SELECT max(generation) FROM documents), 0));
            """;
        using var reader = read.ExecuteReader();
        reader.Read();
        var version = reader.GetInt64(0);
        if (version != Version)
        {
            throw new IOException($"SQLite store '{path}' has layout version {version}; this server reads version {Version}.");
        }

        return reader.GetInt64(1);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
