using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// A SQLite file of its own for one test, with the API's connection factory over it; disposing closes the factory's
/// connections and deletes the file with its WAL and shared-memory files.
/// </summary>
internal sealed class TemporarySqliteFile : IDisposable
{
    public TemporarySqliteFile(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"klima-{name}-{Guid.NewGuid():N}.db");
        DataSource = SqliteConnectionFactory.Prepare($"Data Source={Path}", System.IO.Path.GetTempPath());
        Connections = new SqliteConnectionFactory(DataSource);
    }

    public string Path { get; }

    /// <summary>The connection string as the factory uses it.</summary>
    public string DataSource { get; }

    public SqliteConnectionFactory Connections { get; }

    public void Dispose()
    {
        Connections.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(path);
        }
    }
}
