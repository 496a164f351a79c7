using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// One write transaction, begun (<see cref="DbConnectionExtensions.BeginWriteAsync"/>: the data version moved first) on a
/// connection lent for it (issue 19: the create path's writer connection). Run every statement on <see cref="Connection"/>
/// with <see cref="Transaction"/>, commit it, then dispose the lease: a transaction not committed is rolled back.
/// </summary>
internal abstract class WriteLease : IAsyncDisposable
{
    public abstract DbConnection Connection { get; }

    public abstract DbTransaction Transaction { get; }

    public abstract ValueTask DisposeAsync();

    /// <summary>A connection of its own, opened for this write and closed with the lease.</summary>
    internal sealed class Plain(DbConnection connection, DbTransaction transaction) : WriteLease
    {
        public override DbConnection Connection => connection;

        public override DbTransaction Transaction => transaction;

        public static async Task<WriteLease> BeginAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            try
            {
                return new Plain(connection, await connection.BeginWriteAsync(cancellationToken).ConfigureAwait(false));
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        public override async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// SQLite's writer connection: one long-lived connection per file that every <see cref="IDbConnectionFactory.WriteAsync"/> of
/// this process writes through, one transaction at a time, under the file's write gate (<see cref="SqliteWriteGate"/>).
/// </summary>
/// <remarks>
/// <para>
/// Why (docs/benchmarks.md, issue 19, seventh round): in WAL mode a connection drops its whole page cache when it begins a
/// transaction and finds that another connection has committed since its last one. With every writer on a different
/// pooled connection, each write began with an empty cache and read the index pages of case_step, audit_log and the feed
/// again; the one writer connection's cache survives between writes (only it writes), and it is larger
/// (<c>cache_size</c>) so that the indexes' hot pages stay in it.
/// </para>
/// <para>
/// The connection is opened without the provider's pooling and set up once (the factory's functions and pragmas). A lease
/// holds the gate from <see cref="LeaseAsync"/> until it is disposed; disposal rolls back a transaction left open and
/// closes the connection if SQLite still is not idle (a reader left open, a failed rollback), so the next lease opens a
/// fresh one. When the gate is switched off (<c>Database:SqliteWriteGate=false</c>) or a writer has waited longer than
/// the command timeout for it, the write goes through a pooled connection of its own and SQLite's lock, as before.
/// </para>
/// </remarks>
internal sealed class SqliteWriter : IDisposable
{
    private readonly string _connectionString;
    private readonly string _gateKey;
    private readonly Func<SqliteConnection, CancellationToken, Task> _initialise;
    private readonly Func<CancellationToken, Task<DbConnection>> _openPooled;
    private readonly int _cacheKiB;
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <param name="connectionString">The factory's connection string (the write gate's key); opened here without pooling.</param>
    /// <param name="initialise">The factory's set-up of a physical connection (functions, pragmas).</param>
    /// <param name="openPooled">The factory's pooled open, for a write that does not get the gate.</param>
    /// <param name="cacheKiB">The writer connection's page cache in KiB (<c>PRAGMA cache_size = -N</c>).</param>
    public SqliteWriter(string connectionString, Func<SqliteConnection, CancellationToken, Task> initialise,
        Func<CancellationToken, Task<DbConnection>> openPooled, int cacheKiB)
    {
        _gateKey = connectionString;
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _initialise = initialise;
        _openPooled = openPooled;
        _cacheKiB = cacheKiB;
    }

    /// <summary>Physical writer connections opened so far (tests: one for many writes).</summary>
    internal int Opened { get; private set; }

    /// <summary>The writer connection now open, if any (tests).</summary>
    internal SqliteConnection? Current => _connection;

    public async Task<WriteLease> LeaseAsync(CancellationToken cancellationToken)
    {
        var gate = await SqliteWriteGate.EnterFileAsync(_gateKey, cancellationToken).ConfigureAwait(false);
        if (gate is null)
        {
            return await WriteLease.Plain.BeginAsync(await _openPooled(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var connection = _connection ??= await OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = await connection.BeginWriteInsideGateAsync(cancellationToken).ConfigureAwait(false);
            return new Lease(this, connection, transaction, gate);
        }
        catch
        {
            Discard();
            gate.Dispose();
            throw;
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            connection.Handle!.enable_sqlite3_next_stmt(true);
            await _initialise(connection, cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = FormattableString.Invariant($"PRAGMA cache_size = -{_cacheKiB}");
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        Opened++;
        return connection;
    }

    /// <summary>Closes the writer connection if SQLite is not idle on it (called with the gate held).</summary>
    private void Release(SqliteConnection connection)
    {
        if (!SqliteReadPool.Idle(connection) || _disposed)
        {
            Discard();
        }
    }

    private void Discard()
    {
        var connection = _connection;
        _connection = null;
        connection?.Dispose();
    }

    /// <summary>At shutdown: closes the writer connection once no write holds it.</summary>
    public void Dispose()
    {
        _disposed = true;
        using var gate = SqliteWriteGate.EnterFileAsync(_gateKey, CancellationToken.None).GetAwaiter().GetResult();
        Discard();
    }

    private sealed class Lease(SqliteWriter writer, SqliteConnection connection, DbTransaction transaction, IDisposable gate) : WriteLease
    {
        private bool _disposed;

        public override DbConnection Connection => connection;

        public override DbTransaction Transaction => transaction;

        public override async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }
            _disposed = true;
            try
            {
                // Rolls back a transaction that was not committed.
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                writer.Release(connection);
                gate.Dispose();
            }
        }
    }
}
