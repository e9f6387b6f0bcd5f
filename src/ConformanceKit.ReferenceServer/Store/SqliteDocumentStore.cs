using ConformanceKit.Http;
using ConformanceKit.ReferenceServer.Protocol;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// Documents in a SQLite file (write-ahead log, busy timeout), kept across restarts. A write is optimistic
/// locking the way REST services over a database do it: read the row, run the decision on it, then apply the
/// plan with ONE conditional statement on the generation that was read (<c>UPDATE ... WHERE id AND
/// generation</c>, <c>INSERT ... ON CONFLICT DO NOTHING</c> when there was no row, <c>DELETE ... WHERE id AND
/// generation</c>). When that statement changes no row, another write won in between: read again and decide
/// again, at most <see cref="MaxAttempts"/> times. Nothing is locked while the decision runs.
/// Invariants: a document's generation only grows (each new one comes from the store-wide counter, taken after
/// the read it replaces), and the counter starts above every generation the file has ever held, so entity-tags
/// are never reused across restarts. One server process per file: two processes writing one file could mint
/// the same generation.
/// </summary>
internal sealed class SqliteDocumentStore : IDocumentStore
{
    /// <summary>Bound on read-decide-apply rounds for one write; each lost round means another write to the same
    /// document succeeded, so reaching it takes that many other writes landing within one write's time.</summary>
    public const int MaxAttempts = 1000;

    private readonly SqliteConnectionPool pool;
    private readonly VersionMinter versions;

    private SqliteDocumentStore(SqliteConnectionPool pool, VersionMinter versions, string path)
    {
        this.pool = pool;
        this.versions = versions;
        Path = path;
    }

    /// <summary>The full path of the file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the store in <paramref name="path"/>. A file that cannot be opened, or is not
    /// such a store, is an <see cref="IOException"/> naming it.</summary>
    public static SqliteDocumentStore Open(string path, TimeProvider timeProvider, DefectSet defects, ValidatorPolicy? validatorPolicy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false, // SqliteConnectionPool keeps the connections, set up once each
            DefaultTimeout = (int)SqliteSchema.BusyTimeout.TotalSeconds,
        }.ToString();
        var pool = new SqliteConnectionPool(connectionString, SqliteSchema.SetUp);
        try
        {
            var lastGeneration = pool.Use(connection => SqliteSchema.Prepare(connection, fullPath));
            var versions = new VersionMinter(timeProvider, defects, validatorPolicy ?? ValidatorPolicy.Default, lastGeneration);
            return new SqliteDocumentStore(pool, versions, fullPath);
        }
        catch (SqliteException e)
        {
            pool.Dispose();
            throw new IOException($"SQLite store '{fullPath}' cannot be opened: {e.Message}", e);
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    public StoredDocument? Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return pool.Use(connection => Read(connection, id));
    }

    public WriteResult Write(string id, Func<StoredDocument?, WritePlan> decide)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(decide);
        return pool.Use(connection =>
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var before = Read(connection, id);
                var plan = decide(before);
                switch (plan.Action)
                {
                    case WriteAction.Store:
                        var after = versions.Next(id, before, plan);
                        if (before is null ? Insert(connection, after) : Update(connection, after, before.Generation))
                        {
                            return new WriteResult(before, after, Applied: true);
                        }

                        break;
                    case WriteAction.Delete when before is not null:
                        if (Delete(connection, id, before.Generation))
                        {
                            return new WriteResult(before, null, Applied: true);
                        }

                        break;
                    default:
                        return new WriteResult(before, before, Applied: false);
                }
            }

            throw new InvalidOperationException(
                $"Write to '{id}' lost the compare-and-set {MaxAttempts} times in a row to other writes of the same document; gave up.");
        });
    }

    public WriteResult Create(Func<WritePlan> decide) => ServerChosenIds.Create(this, decide);

    /// <summary>Closes every connection; the file stays (delete it afterwards if it was temporary).</summary>
    public void Dispose() => pool.Dispose();

    private static StoredDocument? Read(SqliteConnection connection, string id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT generation, content, media_type, etag, modified_at_ticks FROM documents WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        using var row = command.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var generation = row.GetInt64(0);
        ReadOnlyMemory<byte> content = (byte[])row.GetValue(1);
        var mediaType = row.GetString(2);
        var etag = row.IsDBNull(3) ? null : EntityTag.Parse(row.GetString(3));
        DateTimeOffset? modifiedAt = row.IsDBNull(4) ? null : new DateTimeOffset(row.GetInt64(4), TimeSpan.Zero);
        return new StoredDocument(id, generation, new Representation(content, mediaType, etag, modifiedAt));
    }

    private static bool Insert(SqliteConnection connection, StoredDocument after) => Execute(
        connection,
        """
        INSERT INTO documents (id, generation, content, media_type, etag, modified_at_ticks)
        VALUES ($id, $generation, $content, $mediaType, $etag, $modifiedAt)
        ON CONFLICT (id) DO NOTHING;
        """,
        after,
        seenGeneration: null);

    private static bool Update(SqliteConnection connection, StoredDocument after, long seenGeneration) => Execute(
        connection,
        """
        UPDATE documents
        SET generation = $generation, content = $content, media_type = $mediaType, etag = $etag, modified_at_ticks = $modifiedAt
        WHERE id = $id AND generation = $seen;
        """,
        after,
        seenGeneration);

    private static bool Delete(SqliteConnection connection, string id, long seenGeneration)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM documents WHERE id = $id AND generation = $seen;";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$seen", seenGeneration);
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Runs one conditional statement; true when it changed the row (the compare-and-set won).</summary>
    private static bool Execute(SqliteConnection connection, string sql, StoredDocument after, long? seenGeneration)
    {
        var representation = after.Representation;
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", after.Id);
        command.Parameters.AddWithValue("$generation", after.Generation);
        command.Parameters.Add("$content", SqliteType.Blob).Value = representation.Content.ToArray();
        command.Parameters.AddWithValue("$mediaType", representation.MediaType);
        command.Parameters.AddWithValue("$etag", (object?)representation.ETag?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$modifiedAt", (object?)representation.ModifiedAt?.UtcTicks ?? DBNull.Value);
        if (seenGeneration is { } seen)
        {
            command.Parameters.AddWithValue("$seen", seen);
        }

        return command.ExecuteNonQuery() == 1;
    }
}
