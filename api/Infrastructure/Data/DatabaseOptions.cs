namespace Klima.Api.Infrastructure.Data;

internal enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>Bound from the <c>Database</c> section; the connection string is <c>ConnectionStrings:Klima</c>.</summary>
internal sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. On by default for SQLite; production SQL Server runs them as a deploy step.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>
    /// The deploy step: apply pending migrations (and the seed of a new database), then exit without serving
    /// (<c>dotnet Klima.Api.dll --Database:MigrateOnly=true</c>). Exit code 0 when the schema is current.
    /// </summary>
    public bool MigrateOnly { get; set; }

    /// <summary>The seed data set loaded once into an empty database ("north-jutland"), or "none".</summary>
    public string Seed { get; set; } = "north-jutland";

    /// <summary>Also load the clearly fictional demo people and memberships.</summary>
    public bool DemoData { get; set; }

    /// <summary>
    /// SQLite only: when a commit is on disk. <c>Full</c> (the default) waits for the write-ahead log's fsync at every
    /// commit, so a committed case survives a power cut. <c>Normal</c> syncs at checkpoints: a process crash loses nothing,
    /// a power cut may lose the last commits; writes then no longer wait for the disk (see docs/benchmarks.md).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// SQLite only: writers of this process queue for the file's write lock in the process (<see cref="SqliteWriteGate"/>)
    /// instead of polling SQLite's busy lock. On by default; <c>false</c> is there to measure the difference (scripts/bench.sh).
    /// </summary>
    public bool SqliteWriteGate { get; set; } = true;

    /// <summary>
    /// SQLite only: the page cache of the file's writer connection in KiB (<see cref="SqliteWriter"/>; the pooled and read
    /// connections keep SQLite's 2 MB). Issue 19: the indexes a routed case writes into stay warm between cases.
    /// </summary>
    public int SqliteWriterCacheKiB { get; set; } = SqliteConnectionFactory.DefaultWriterCacheKiB;

    /// <summary>
    /// SQLite only: the write-ahead log's growth in pages after which a checkpoint runs beside the writer connection, on a
    /// thread and connection of its own (<see cref="SqliteCheckpointer"/>), instead of inside the commit that crossed the line.
    /// <c>0</c> keeps SQLite's automatic checkpoint inside the writer's commits (to measure the difference; docs/benchmarks.md).
    /// </summary>
    public int SqliteCheckpointPages { get; set; } = SqliteCheckpointer.DefaultPages;
}

internal enum SqliteSynchronous
{
    Full,
    Normal,
}
