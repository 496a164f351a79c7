using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// A new pooled connection per handler (<see cref="OpenAsync"/>), never shared between requests; or, for a hot read, a lease
/// (<see cref="ReadAsync"/>) on a connection lent to one handler at a time that keeps its prepared commands.
/// </summary>
internal interface IDbConnectionFactory
{
    ISqlDialect Dialect { get; }
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection for one read whose commands are prepared once per physical connection where the provider needs it
    /// (<see cref="ReadLease"/>; SQLite: <see cref="SqliteReadPool"/>). Without an override, a connection of its own with
    /// new commands: SQL Server keeps ADO.NET's pooling and its own statement cache (on the server).
    /// </summary>
    async Task<ReadLease> ReadAsync(CancellationToken cancellationToken) => new ReadLease.Plain(await OpenAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// A write transaction begun (<see cref="DbConnectionExtensions.BeginWriteAsync"/>) on a connection lent for it (<see cref="WriteLease"/>;
    /// SQLite: the file's one writer connection, <see cref="SqliteWriter"/>). Without an override, a connection of its own.
    /// </summary>
    async Task<WriteLease> WriteAsync(CancellationToken cancellationToken) =>
        await WriteLease.Plain.BeginAsync(await OpenAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it; the result (or the exception <paramref name="work"/>
    /// threw, its writes undone) once the commit is on disk. SQLite (<see cref="SqliteWriter.RunGroupedAsync"/>): the writer
    /// that holds the write gate runs every write queued meanwhile in the same transaction, each inside a savepoint of its own
    /// (group commit). <paramref name="work"/> must not commit, roll back or begin a transaction; it may run with another
    /// request's transaction, so it writes only through the connection and transaction it is given.
    /// </summary>
    async Task<T> WriteGroupedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var write = await WriteAsync(cancellationToken).ConfigureAwait(false);
        var result = await work(write.Connection, write.Transaction, cancellationToken).ConfigureAwait(false);
        await write.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }
}

internal sealed class SqliteConnectionFactory : IDbConnectionFactory, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteSynchronous _synchronous;
    private readonly SqliteReadPool? _reads;
    private readonly SqliteWriter? _writer;

    /// <summary>The writer connection's page cache unless configured (<c>Database:SqliteWriterCacheKiB</c>).</summary>
    internal const int DefaultWriterCacheKiB = 65536;

    public SqliteConnectionFactory(string connectionString, SqliteSynchronous synchronous = SqliteSynchronous.Full, bool writeGate = true,
        int writerCacheKiB = DefaultWriterCacheKiB, int checkpointPages = SqliteCheckpointer.DefaultPages)
    {
        _connectionString = connectionString;
        _synchronous = synchronous;
        SqliteWriteGate.Use(connectionString, writeGate);
        // An in-memory database is one per connection unless shared: its reads and writes stay on the provider's pooled connections.
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var inMemory = builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory;
        _writer = inMemory
            ? null
            : new SqliteWriter(connectionString, (connection, cancellationToken) => InitialiseAsync(connection, connection.Handle!, cancellationToken),
                OpenAsync, writerCacheKiB, checkpointPages);
        _reads = inMemory
            ? null
            : new SqliteReadPool(connectionString, (connection, cancellationToken) => InitialiseAsync(connection, connection.Handle!, cancellationToken),
                Math.Max(16, 4 * Environment.ProcessorCount));
    }

    public ISqlDialect Dialect => SqlDialects.Sqlite;

    /// <summary>The read connections that keep their prepared commands (closed with the factory, at shutdown); none for an in-memory database.</summary>
    internal SqliteReadPool? Reads => _reads;

    public async Task<ReadLease> ReadAsync(CancellationToken cancellationToken) =>
        _reads is null ? new ReadLease.Plain(await OpenAsync(cancellationToken).ConfigureAwait(false)) : await _reads.LeaseAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>The file's writer connection (tests); none for an in-memory database.</summary>
    internal SqliteWriter? Writer => _writer;

    public async Task<WriteLease> WriteAsync(CancellationToken cancellationToken) =>
        _writer is null
            ? await WriteLease.Plain.BeginAsync(await OpenAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : await _writer.LeaseAsync(cancellationToken).ConfigureAwait(false);

    public async Task<T> WriteGroupedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            await using var write = await WriteAsync(cancellationToken).ConfigureAwait(false);
            var result = await work(write.Connection, write.Transaction, cancellationToken).ConfigureAwait(false);
            await write.Transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return result;
        }
        return await _writer.RunGroupedAsync(work, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _reads?.Dispose();
        _writer?.Dispose();
    }

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var handle = connection.Handle!;
        if (!Initialised.TryGetValue(handle, out _))
        {
            await InitialiseAsync(connection, handle, cancellationToken).ConfigureAwait(false);
            Initialised.AddOrUpdate(handle, Marker);
        }
        return connection;
    }

    /// <summary>
    /// The physical connections (SQLite handles) already set up. A pooled open hands back the same handle, which keeps its
    /// pragmas and the functions registered on it straight through SQLite (not through <c>SqliteConnection.CreateFunction</c>,
    /// which registers on every open and unregisters on every return to the pool): set-up runs once per physical connection.
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Initialised = [];

    private static readonly object Marker = new();

    /// <summary>Per physical connection: the transaction that has moved the data version (<see cref="DbConnectionExtensions.BeginWriteAsync"/>).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, WriteState> WriteStates = [];

    private sealed class WriteState
    {
        public WeakReference<DbTransaction>? Transaction;

        /// <summary>
        /// True only while SQLite is inside a transaction and it is the one that moved the version and is still open
        /// (Microsoft.Data.Sqlite lets go of a transaction's connection when it commits or rolls back): a later write on
        /// the same connection, in autocommit or in a transaction begun some other way, is never taken for one that has moved it.
        /// </summary>
        public bool Moved(SQLitePCL.sqlite3 handle) =>
            SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0
            && Transaction is not null && Transaction.TryGetTarget(out var transaction) && transaction.Connection is not null;
    }

    /// <summary>
    /// Records that <paramref name="transaction"/> has moved the data version: while it is open the audit log's trigger
    /// leaves the version alone (migration 0280: once per writing transaction instead of once per audit row).
    /// </summary>
    internal static void DataVersionMoved(SqliteConnection connection, DbTransaction transaction)
    {
        if (connection.Handle is { } handle && WriteStates.TryGetValue(handle, out var state))
        {
            state.Transaction = new WeakReference<DbTransaction>(transaction);
        }
    }

    private async Task InitialiseAsync(SqliteConnection connection, SQLitePCL.sqlite3 handle, CancellationToken cancellationToken)
    {
        // The audit triggers ask who is writing; SQLite has no session context, so the connection answers.
        Register(handle, "klima_actor", 0, deterministic: false, (context, _) => Result(context, AuditActor.Current));
        Register(handle, "klima_fold", 1, deterministic: true, (context, args) => Result(context, SqlText.Fold(Text(args[0]))));
        // The data version's trigger asks whether this transaction has moved the version already (migration 0280).
        var state = WriteStates.GetValue(handle, static _ => new WriteState());
        Register(handle, "klima_data_version_moved", 0, deterministic: false,
            (context, _) => SQLitePCL.raw.sqlite3_result_int(context, state.Moved(handle) ? 1 : 0));
        await using var command = connection.CreateCommand();
        // Not in the connection string: Microsoft.Data.Sqlite would send it on every pooled open.
        command.CommandText = _synchronous == SqliteSynchronous.Normal
            ? "PRAGMA foreign_keys = 1; PRAGMA synchronous = NORMAL"
            : "PRAGMA foreign_keys = 1";
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Register(SQLitePCL.sqlite3 handle, string name, int arity, bool deterministic, Action<SQLitePCL.sqlite3_context, SQLitePCL.sqlite3_value[]> body)
    {
        var flags = SQLitePCL.raw.SQLITE_UTF8 | (deterministic ? SQLitePCL.raw.SQLITE_DETERMINISTIC : 0);
        var rc = SQLitePCL.raw.sqlite3_create_function(handle, name, arity, flags, null, (context, _, args) =>
        {
            try
            {
                body(context, args);
            }
            catch (Exception ex)
            {
                SQLitePCL.raw.sqlite3_result_error(context, ex.Message);
            }
        });
        SqliteException.ThrowExceptionForRC(rc, handle);
    }

    private static string? Text(SQLitePCL.sqlite3_value value) =>
        SQLitePCL.raw.sqlite3_value_type(value) == SQLitePCL.raw.SQLITE_NULL ? null : SQLitePCL.raw.sqlite3_value_text(value).utf8_to_string();

    private static void Result(SQLitePCL.sqlite3_context context, string? value)
    {
        if (value is null)
        {
            SQLitePCL.raw.sqlite3_result_null(context);
        }
        else
        {
            SQLitePCL.raw.sqlite3_result_text(context, value);
        }
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
        // Foreign keys are switched on once per physical connection by OpenAsync, not by the connection string (which
        // Microsoft.Data.Sqlite would send again on every pooled open).
        builder.ForeignKeys = null;
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

    public ISqlDialect Dialect => SqlDialects.SqlServer;

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

/// <summary>A connection that decorates the provider's own (the test suite's command log); <see cref="Unwrap"/> finds the provider's.</summary>
internal interface IWrappedConnection
{
    DbConnection Inner { get; }

    static DbConnection Unwrap(DbConnection connection) => connection is IWrappedConnection wrapped ? Unwrap(wrapped.Inner) : connection;
}

internal static class DbConnectionExtensions
{
    /// <summary>
    /// Starts a write transaction. On SQLite, Microsoft.Data.Sqlite's BeginTransaction takes the write lock at
    /// BEGIN (IMMEDIATE), so a read-then-write never deadlocks into "database is locked".
    /// </summary>
    /// <remarks>
    /// The transaction moves the data version first (<see cref="Caching.DataVersion"/>): a cached read model keyed by the
    /// old version is never served once this transaction commits, on this instance or another. It covers the writes the
    /// audit log leaves out (an update that only moves a row's version number) and, on SQLite, every audited write of the
    /// transaction: the audit log's trigger moves the version only for a transaction that has not moved it (a write
    /// outside this method; migration 0280), instead of once per audit row.
    /// </remarks>
    public static async Task<DbTransaction> BeginWriteAsync(this DbConnection connection, CancellationToken cancellationToken)
    {
        // SQLite: queue for the file's write gate first (SqliteWriteGate: why, and until when it is held).
        var gate = await SqliteWriteGate.EnterAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            return await connection.BeginWriteInsideGateAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            gate?.Dispose();
            throw;
        }
    }

    /// <summary><see cref="BeginWriteAsync"/> for a caller that holds the file's write gate already (<see cref="SqliteWriter"/>).</summary>
    internal static async Task<DbTransaction> BeginWriteInsideGateAsync(this DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Caching.DataVersion.BumpSql;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (IWrappedConnection.Unwrap(connection) is SqliteConnection sqlite)
            {
                SqliteConnectionFactory.DataVersionMoved(sqlite, transaction);
            }
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
