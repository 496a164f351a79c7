using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>A new pooled connection per handler; never cached, never shared between requests.</summary>
internal interface IDbConnectionFactory
{
    ISqlDialect Dialect { get; }
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}

internal sealed class SqliteConnectionFactory(string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full) : IDbConnectionFactory
{
    public ISqlDialect Dialect { get; } = new SqliteDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The audit triggers ask who is writing; SQLite has no session context, so the connection answers.
        connection.CreateFunction("klima_actor", () => AuditActor.Current, isDeterministic: false);
        connection.CreateFunction("klima_fold", (string? text) => SqlText.Fold(text), isDeterministic: true);
        if (synchronous == SqliteSynchronous.Normal)
        {
            // A per-connection setting; pooled connections keep it, and setting it again costs nothing.
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous=NORMAL";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection;
    }

    /// <summary>
    /// Normalises the configured SQLite connection string: the data folder exists, pooling is on, and a
    /// writer waits for the lock (busy timeout) rather than failing with "database is locked".
    /// </summary>
    public static string Prepare(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/klima.db" : configured);
        if (builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.Combine(contentRoot, builder.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            builder.DataSource = Path.GetFullPath(path);
            RestrictToOwner(builder.DataSource);
        }
        builder.Pooling = true;
        builder.ForeignKeys = true;
        return builder.ToString();
    }

    /// <summary>
    /// The database file is readable and writable by the server's user only (0600). It is created empty with that mode
    /// before SQLite opens it, since SQLite creates its -wal and -shm files with the database file's permissions; files
    /// left with wider permissions by an earlier version are tightened.
    /// </summary>
    public static void RestrictToOwner(string databaseFile)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!File.Exists(databaseFile))
        {
            try
            {
                using var created = new FileStream(databaseFile, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly,
                });
            }
            catch (IOException) when (File.Exists(databaseFile))
            {
                // Another process created it a moment ago: tightened below.
            }
        }
        foreach (var file in new[] { databaseFile, databaseFile + "-wal", databaseFile + "-shm", databaseFile + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~ownerOnly) != 0)
            {
                File.SetUnixFileMode(file, ownerOnly);
            }
        }
    }
}

internal sealed class SqlServerConnectionFactory(string connectionString) : IDbConnectionFactory
{
    /// <summary>Sent on every opened connection (named so that the T-SQL verification test parses it).</summary>
    internal const string SetActorSql = "EXEC sp_set_session_context @key = N'klima.actor', @value = @actor";

    public ISqlDialect Dialect { get; } = new SqlServerDialect();

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The audit triggers read the actor from the session context (cleared when the pool reuses the connection).
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = SetActorSql;
            command.Parameters.AddWithValue("@actor", (object?)AuditActor.Current ?? DBNull.Value);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return connection;
    }
}

internal static class DbConnectionExtensions
{
    /// <summary>
    /// Starts a write transaction. On SQLite, Microsoft.Data.Sqlite's BeginTransaction takes the write lock at
    /// BEGIN (IMMEDIATE), so a read-then-write never deadlocks into "database is locked".
    /// </summary>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
}
