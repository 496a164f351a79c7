using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
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
    private readonly SqliteCheckpointer? _checkpointer;
    private SqliteConnection? _connection;
    private PreparedWriterConnection? _prepared;

    /// <summary>The writer connection with its kept commands, as grouped writes see it (tests).</summary>
    internal PreparedWriterConnection? Prepared => _prepared;
    private bool _disposed;

    /// <param name="connectionString">The factory's connection string (the write gate's key); opened here without pooling.</param>
    /// <param name="initialise">The factory's set-up of a physical connection (functions, pragmas).</param>
    /// <param name="openPooled">The factory's pooled open, for a write that does not get the gate.</param>
    /// <param name="cacheKiB">The writer connection's page cache in KiB (<c>PRAGMA cache_size = -N</c>).</param>
    /// <param name="checkpointPages">
    /// The log's growth in pages after which <see cref="SqliteCheckpointer"/> checkpoints beside the writer; 0 leaves SQLite's
    /// automatic checkpoint inside the writer's commits.
    /// </param>
    public SqliteWriter(string connectionString, Func<SqliteConnection, CancellationToken, Task> initialise,
        Func<CancellationToken, Task<DbConnection>> openPooled, int cacheKiB, int checkpointPages = SqliteCheckpointer.DefaultPages)
    {
        _checkpointer = checkpointPages > 0 ? new SqliteCheckpointer(connectionString, initialise, checkpointPages) : null;
        _gateKey = connectionString;
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _initialise = initialise;
        _openPooled = openPooled;
        _cacheKiB = cacheKiB;
    }

    /// <summary>Physical writer connections opened so far (tests: one for many writes).</summary>
    internal int Opened { get; private set; }

    /// <summary>The checkpointer beside the writer connection, if any (tests).</summary>
    internal SqliteCheckpointer? Checkpointer => _checkpointer;

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

    /// <summary>Writes queued for the next group (<see cref="RunGroupedAsync"/>).</summary>
    private readonly ConcurrentQueue<Grouped> _queue = new();

    /// <summary>At most this many writes share one transaction.</summary>
    internal const int MaxGroup = 64;

    /// <summary>Writes queued and not yet taken into a group (tests).</summary>
    internal int Queued => _queue.Count;

    /// <summary>Groups committed so far, and the writes in them (tests).</summary>
    internal long Groups;
    internal long GroupedWrites;

    /// <summary>
    /// Group commit (issue 19): the write is queued; whoever holds the write gate next takes every write queued (up to
    /// <see cref="MaxGroup"/>), begins one transaction on the writer connection (the data version moved once), runs each
    /// write inside a savepoint of its own and in its own request's execution context (its user, its actor for the audit log),
    /// and commits once. A write that throws is rolled back to its savepoint and answered with its exception; the others
    /// commit. Every answer, result or exception, is given only after the commit (or, if the commit fails, its exception to
    /// every write of the group).
    /// </summary>
    public async Task<T> RunGroupedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var item = new Grouped<T>(work, AuditActor.Current, cancellationToken);
        // A write answered by another holder's group stops waiting for the gate: its own turn would only run a group of what
        // was queued after it, and every write answered meanwhile would wait for its turn too (issue 19, eighth round: half of a
        // request's time under load was spent after its own commit, in that line).
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        item.StopWaiting = waiting;
        _queue.Enqueue(item);
        while (!item.Answered)
        {
            var (gate, stopped) = await SqliteWriteGate.EnterFileUnlessStoppedAsync(_gateKey, waiting.Token).ConfigureAwait(false);
            if (stopped)
            {
                if (item.TryCancel())
                {
                    // No holder took it: the request itself was cancelled, and its write is never run.
                    throw new OperationCanceledException(cancellationToken);
                }
                // A holder has taken it already: its answer comes with that group's commit.
                break;
            }
            if (gate is null)
            {
                // The gate switched off, or waited for longer than the command timeout: this write alone, through SQLite's lock.
                if (item.TryTake())
                {
                    await RunAloneAsync(item).ConfigureAwait(false);
                }
                break;
            }
            try
            {
                // The work already waiting for the thread pool runs first: requests on their way to the queue join this group
                // instead of the next. Issue 19, ninth round: a commit writes some 60 pages whatever the group's size (a case's
                // rows touch that many index pages, most of them shared with the other cases of its group) and ~13 more a case;
                // with this one yield the groups of the 32 writers grew from ~8-12 to ~17 cases and the bytes written a case fell
                // by a fifth (docs/benchmarks.md). On a server with idle cores it costs one hop.
                await Task.Yield();
                await RunGroupAsync().ConfigureAwait(false);
            }
            finally
            {
                gate.Dispose();
            }
        }
        return await item.Answer.ConfigureAwait(false);
    }

    /// <summary>Runs the writes queued now in one transaction (with the gate held).</summary>
    private async Task RunGroupAsync()
    {
        var group = new List<Grouped>();
        while (group.Count < MaxGroup && _queue.TryDequeue(out var next))
        {
            if (next.TryTake())
            {
                group.Add(next);
            }
        }
        if (group.Count == 0)
        {
            return;
        }
        SqliteConnection? connection = null;
        DbTransaction? transaction = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connection = _connection ??= await OpenAsync(CancellationToken.None).ConfigureAwait(false);
            if (_prepared is null || _prepared.Inner != connection)
            {
                _prepared?.Dispose();
                _prepared = new PreparedWriterConnection(connection);
            }
            transaction = await connection.BeginWriteInsideGateAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var write in group)
            {
                await write.RunAsync(_prepared, transaction).ConfigureAwait(false);
            }
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // BEGIN, a savepoint's rollback or the commit failed: nothing of the group is written.
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                transaction = null;
            }
            if (connection is not null)
            {
                Release(connection);
            }
            else
            {
                Discard();
            }
            foreach (var write in group)
            {
                write.Fail(ex);
            }
            return;
        }
        await transaction.DisposeAsync().ConfigureAwait(false);
        Release(connection);
        Interlocked.Increment(ref Groups);
        Interlocked.Add(ref GroupedWrites, group.Count);
        foreach (var write in group)
        {
            write.Complete();
        }
    }

    private async Task RunAloneAsync(Grouped write)
    {
        try
        {
            await using var lease = await WriteLease.Plain.BeginAsync(await _openPooled(CancellationToken.None).ConfigureAwait(false), CancellationToken.None)
                .ConfigureAwait(false);
            await write.RunAsync(lease.Connection, lease.Transaction).ConfigureAwait(false);
            await lease.Transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            write.Fail(ex);
            return;
        }
        write.Complete();
    }

    /// <summary>One queued write: taken by one holder only, or cancelled by its waiter before any holder took it.</summary>
    private abstract class Grouped
    {
        private const string Savepoint = "klima_grouped_write";
        private int _state; // 0 queued, 1 taken, 2 cancelled

        /// <summary>The queuing request's execution context: its user (IHttpContextAccessor), its actor, its culture.</summary>
        private readonly ExecutionContext? _context = ExecutionContext.Capture();

        public bool TryTake() => Interlocked.CompareExchange(ref _state, 1, 0) == 0;

        public bool TryCancel() => Interlocked.CompareExchange(ref _state, 2, 0) == 0;

        protected abstract string? Actor { get; }

        protected abstract Task RunWorkAsync(DbConnection connection, DbTransaction transaction);

        /// <summary>Runs the write inside its savepoint; its own failure is kept for its answer, a failed rollback thrown to the group.</summary>
        public async Task RunAsync(DbConnection connection, DbTransaction transaction)
        {
            // The audit triggers read the actor of the request whose write this is.
            AuditActor.Current = Actor;
            await transaction.SaveAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            try
            {
                await InOwnContext(connection, transaction).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Failed = ExceptionDispatchInfo.Capture(ex);
                await transaction.RollbackAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
            }
            await transaction.ReleaseAsync(Savepoint, CancellationToken.None).ConfigureAwait(false);
        }

        /// <summary>
        /// Starts the write in its own request's execution context (the gate's holder runs it in its own): what it reads of its
        /// request (the user behind <c>ICurrentUser</c>, the audit actor) is its own; its awaits continue in that context.
        /// </summary>
        private Task InOwnContext(DbConnection connection, DbTransaction transaction)
        {
            if (_context is null)
            {
                return RunWorkAsync(connection, transaction);
            }
            Task? started = null;
            ExecutionContext.Run(_context, _ => started = RunWorkAsync(connection, transaction), null);
            return started!;
        }

        protected ExceptionDispatchInfo? Failed { get; private set; }

        /// <summary>Cancelled just before the write is answered: ends its waiter's wait for the gate.</summary>
        public CancellationTokenSource? StopWaiting { get; set; }

        public void Complete()
        {
            StopWaiting?.Cancel();
            Settle();
        }

        public void Fail(Exception exception)
        {
            StopWaiting?.Cancel();
            Settle(exception);
        }

        /// <summary>Gives the write its answer: its result, or its own failure, or the group's <paramref name="exception"/>.</summary>
        protected abstract void Settle(Exception? exception = null);
    }

    private sealed class Grouped<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, string? actor, CancellationToken cancellationToken)
        : Grouped
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;

        public Task<T> Answer => _answer.Task;

        public bool Answered => _answer.Task.IsCompleted;

        protected override string? Actor => actor;

        /// <remarks>
        /// A request cancelled before its write starts is answered with the cancellation and writes nothing. Once started, the write
        /// runs to its end without the request's token: an interrupted statement may roll back SQLite's whole transaction, which
        /// here is the group's, not the request's.
        /// </remarks>
        protected override async Task RunWorkAsync(DbConnection connection, DbTransaction transaction)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _result = await work(connection, transaction, CancellationToken.None).ConfigureAwait(false);
        }

        protected override void Settle(Exception? exception = null)
        {
            if ((Failed?.SourceException ?? exception) is { } failed)
            {
                _answer.TrySetException(failed);
            }
            else
            {
                _answer.TrySetResult(_result!);
            }
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
            _checkpointer?.Attach(connection);
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
        _prepared?.Dispose();
        _prepared = null;
        var connection = _connection;
        _connection = null;
        connection?.Dispose();
    }

    /// <summary>At shutdown: closes the writer connection once no write holds it, then stops its checkpointer (a last checkpoint).</summary>
    public void Dispose()
    {
        _disposed = true;
        using (SqliteWriteGate.EnterFileAsync(_gateKey, CancellationToken.None).GetAwaiter().GetResult())
        {
            Discard();
        }
        _checkpointer?.Dispose();
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

/// <summary>
/// The writer connection as the grouped writes see it (<see cref="SqliteWriter.RunGroupedAsync"/>): its commands keep their
/// prepared statements from one write to the next, one command per SQL text (at most <see cref="MaxCommands"/>), as the read
/// pool's connections do (<see cref="SqliteReadPool"/>). Issue 19: every write prepared its dozen statements again, and an
/// INSERT into an audited table compiles its trigger's program with it. A command whose text is in use (a reader still open)
/// is not shared: a second one of the same text is a plain command, disposed after its use.
/// </summary>
internal sealed class PreparedWriterConnection(SqliteConnection inner) : DbConnection, IWrappedConnection
{
    internal const int MaxCommands = 64;

    private readonly Dictionary<string, Cached> _commands = new(StringComparer.Ordinal);

    public DbConnection Inner => inner;

    private sealed class Cached(SqliteCommand command)
    {
        public SqliteCommand Command { get; } = command;
        public bool InUse { get; set; }
    }

    /// <summary>The command for <paramref name="sql"/>, its parameters cleared; <paramref name="release"/> gives it back.</summary>
    internal SqliteCommand Take(string sql, out Action release)
    {
        if (_commands.TryGetValue(sql, out var cached) && !cached.InUse)
        {
            cached.Command.Parameters.Clear();
        }
        else if (cached is null)
        {
            if (_commands.Count >= MaxCommands)
            {
                foreach (var old in _commands.Values.Where(c => !c.InUse).ToList())
                {
                    old.Command.Dispose();
                    _commands.Remove(old.Command.CommandText);
                }
            }
            cached = new Cached(inner.CreateCommand());
            cached.Command.CommandText = sql;
            _commands[sql] = cached;
        }
        else
        {
            var plain = inner.CreateCommand();
            plain.CommandText = sql;
            release = plain.Dispose;
            return plain;
        }
        cached.InUse = true;
        var taken = cached;
        release = () =>
        {
            taken.InUse = false;
            taken.Command.Parameters.Clear();
        };
        return cached.Command;
    }

    /// <summary>Statements prepared on the connection (tests).</summary>
    internal int Commands => _commands.Count;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => throw new NotSupportedException();
    }

    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override System.Data.ConnectionState State => inner.State;
    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException();
    public override void Close() => throw new NotSupportedException();
    public override void Open() => throw new NotSupportedException();
    protected override DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => throw new NotSupportedException();
    protected override DbCommand CreateDbCommand() => new PreparedWriterCommand(this);

    /// <summary>Disposes the kept commands, not the connection (the writer's).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var cached in _commands.Values)
            {
                cached.Command.Dispose();
            }
            _commands.Clear();
        }
        base.Dispose(disposing);
    }
}

/// <summary>A command of <see cref="PreparedWriterConnection"/>: runs as the kept command of its text.</summary>
internal sealed class PreparedWriterCommand(PreparedWriterConnection connection) : DbCommand
{
    private SqliteCommand? _command;
    private Action? _release;
    private DbTransaction? _transaction;

    private SqliteCommand Command => _command ?? throw new InvalidOperationException("CommandText is set first.");

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText
    {
        get => _command?.CommandText ?? "";
        set
        {
            Release();
            _command = connection.Take(value ?? "", out var release);
            _release = release;
        }
    }

    public override int CommandTimeout { get; set; } = 30;
    public override System.Data.CommandType CommandType { get; set; } = System.Data.CommandType.Text;
    public override bool DesignTimeVisible { get; set; }
    public override System.Data.UpdateRowSource UpdatedRowSource { get; set; }

    [System.Diagnostics.CodeAnalysis.AllowNull]
    protected override DbConnection DbConnection
    {
        get => connection;
        set => throw new NotSupportedException();
    }

    protected override DbParameterCollection DbParameterCollection => Command.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => _transaction;
        set => _transaction = value;
    }

    public override void Cancel() => Command.Cancel();
    protected override DbParameter CreateDbParameter() => new SqliteParameter();
    public override void Prepare() => Command.Prepare();

    private SqliteCommand Ready()
    {
        var command = Command;
        command.Transaction = (SqliteTransaction?)_transaction;
        command.CommandTimeout = CommandTimeout;
        return command;
    }

    public override int ExecuteNonQuery() => Ready().ExecuteNonQuery();
    public override object? ExecuteScalar() => Ready().ExecuteScalar();
    protected override DbDataReader ExecuteDbDataReader(System.Data.CommandBehavior behavior) => Ready().ExecuteReader(behavior);

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken) => Ready().ExecuteNonQueryAsync(cancellationToken);
    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken) => Ready().ExecuteScalarAsync(cancellationToken);

    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(System.Data.CommandBehavior behavior, CancellationToken cancellationToken) =>
        await Ready().ExecuteReaderAsync(behavior, cancellationToken).ConfigureAwait(false);

    private void Release()
    {
        _release?.Invoke();
        _release = null;
        _command = null;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Release();
        }
        base.Dispose(disposing);
    }
}
