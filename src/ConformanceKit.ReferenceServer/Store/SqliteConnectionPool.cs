using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace ConformanceKit.ReferenceServer.Store;

/// <summary>
/// A small pool of open connections to one SQLite file, each set up once (busy timeout, synchronous mode).
/// A connection is used by one operation at a time; one that failed is closed, not returned. Invariant: after
/// <see cref="Dispose"/> no connection is open, so the file can be deleted or reopened.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Action<SqliteConnection> setUp, int maxIdle = 32) : IDisposable
{
    private readonly ConcurrentBag<SqliteConnection> idle = [];
    private readonly Lock gate = new();
    private bool disposed;

    /// <summary>Runs <paramref name="operation"/> on a connection of the pool.</summary>
    public T Use<T>(Func<SqliteConnection, T> operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var connection = Rent();
        T result;
        try
        {
            result = operation(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        Return(connection);
        return result;
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            while (idle.TryTake(out var connection))
            {
                connection.Dispose();
            }
        }
    }

    private SqliteConnection Rent()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed), this);
        if (idle.TryTake(out var pooled))
        {
            return pooled;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            setUp(connection);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private void Return(SqliteConnection connection)
    {
        lock (gate)
        {
            if (!disposed && idle.Count < maxIdle)
            {
                idle.Add(connection);
                return;
            }
        }

        connection.Dispose();
    }
}
