using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// A connection for one read, lent for the length of a handler (issue 19: statements prepared once per physical connection).
/// <see cref="Command"/> hands out the command for a SQL text: on SQLite the same command, prepared once on the physical
/// connection it belongs to, every time the text comes back; elsewhere a new command. Bind every parameter with
/// <see cref="ReadParameters.Bind"/> before executing (a command comes with no parameters), dispose every reader before
/// the lease, and leave the commands to the lease (it disposes or keeps them).
/// </summary>
internal abstract class ReadLease : IAsyncDisposable
{
    public abstract DbConnection Connection { get; }

    /// <summary>The command for <paramref name="sql"/>, without parameters.</summary>
    public abstract DbCommand Command(string sql);

    public abstract ValueTask DisposeAsync();

    /// <summary>A lease over a connection of its own (opened for this read, closed with the lease): new commands, nothing kept.</summary>
    internal sealed class Plain(DbConnection connection) : ReadLease
    {
        private readonly List<DbCommand> _commands = [];

        public override DbConnection Connection => connection;

        public override DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(command);
            return command;
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var command in _commands)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// SQLite's read connections that stay open, each with the commands prepared on it (Microsoft.Data.Sqlite keeps a
/// command's statements while its <see cref="SqliteConnection"/> stays open, and drops them when it goes back to the
/// provider's pool: docs/benchmarks.md, "Prepared statements").
/// </summary>
/// <remarks>
/// <para>
/// The connections are the pool's own: opened without the provider's pooling, set up once when opened (the factory's
/// functions and pragmas, and <c>PRAGMA query_only</c>: nothing is written through them), never handed to a writer.
/// </para>
/// <para>
/// A lease is one handler's: a connection goes back to the idle set only when SQLite says it is idle (no transaction, no
/// statement still running, i.e. every reader disposed), and its commands' parameters are cleared. A statement that runs
/// after a commit sees it (WAL: each statement outside a transaction reads the newest committed snapshot). A connection
/// found busy on return, or one over <see cref="MaxIdle"/>, is closed instead; all are closed when the pool is disposed
/// (at shutdown). Readers never wait for a connection: when none is idle a new one is opened.
/// </para>
/// </remarks>
internal sealed class SqliteReadPool : IAsyncDisposable, IDisposable
{
    /// <summary>Commands kept per connection; beyond it the connection's commands are dropped and prepared again as used.</summary>
    internal const int MaxCommands = 64;

    private readonly string _connectionString;
    private readonly Func<SqliteConnection, CancellationToken, Task> _initialise;
    // Last in, first out: the connection lent next is the one used last, with its pages and statements warm.
    private readonly ConcurrentStack<Entry> _idle = new();
    private int _idleCount;
    private int _open;
    private volatile bool _disposed;

    /// <param name="connectionString">The factory's connection string; opened here without the provider's pooling.</param>
    /// <param name="initialise">The factory's set-up of a physical connection (functions, pragmas).</param>
    /// <param name="maxIdle">Connections kept open while idle.</param>
    public SqliteReadPool(string connectionString, Func<SqliteConnection, CancellationToken, Task> initialise, int maxIdle)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _initialise = initialise;
        MaxIdle = maxIdle;
    }

    public int MaxIdle { get; }

    /// <summary>Connections open now (idle or lent).</summary>
    internal int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Connections idle now.</summary>
    internal int IdleConnections => Volatile.Read(ref _idleCount);

    public async Task<ReadLease> LeaseAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryPop(out var entry))
        {
            Interlocked.Decrement(ref _idleCount);
            return new Lease(this, entry);
        }
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // SQLitePCL lists a connection's statements (sqlite3_next_stmt, for the idle check on return) only when asked to
            // before the first is prepared.
            connection.Handle!.enable_sqlite3_next_stmt(true);
            await _initialise(connection, cancellationToken).ConfigureAwait(false);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA query_only = 1";
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        Interlocked.Increment(ref _open);
        return new Lease(this, new Entry(connection));
    }

    private void Return(Entry entry)
    {
        if (_disposed || !Idle(entry.Connection))
        {
            Close(entry);
            return;
        }
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            Close(entry);
            return;
        }
        foreach (var command in entry.Commands.Values)
        {
            command.Parameters.Clear();
        }
        _idle.Push(entry);
        // Disposed meanwhile: the connection may have missed the sweep.
        if (_disposed)
        {
            Sweep();
        }
    }

    /// <summary>No transaction open and no statement running (a reader not yet disposed keeps its statement running).</summary>
    internal static bool Idle(SqliteConnection connection)
    {
        if (connection.State != ConnectionState.Open || connection.Handle is not { } handle)
        {
            return false;
        }
        if (SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
        {
            return false;
        }
        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(handle, null); statement is not null;
             statement = SQLitePCL.raw.sqlite3_next_stmt(handle, statement))
        {
            if (SQLitePCL.raw.sqlite3_stmt_busy(statement) != 0)
            {
                return false;
            }
        }
        return true;
    }

    private void Close(Entry entry)
    {
        Interlocked.Decrement(ref _open);
        foreach (var command in entry.Commands.Values)
        {
            command.Dispose();
        }
        entry.Connection.Dispose();
    }

    private void Sweep()
    {
        while (_idle.TryPop(out var entry))
        {
            Interlocked.Decrement(ref _idleCount);
            Close(entry);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Sweep();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed class Entry(SqliteConnection connection)
    {
        public SqliteConnection Connection { get; } = connection;
        public Dictionary<string, SqliteCommand> Commands { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Lease(SqliteReadPool pool, Entry entry) : ReadLease
    {
        private bool _returned;

        public override DbConnection Connection
        {
            get
            {
                ObjectDisposedException.ThrowIf(_returned, this);
                return entry.Connection;
            }
        }

        public override DbCommand Command(string sql)
        {
            ObjectDisposedException.ThrowIf(_returned, this);
            if (!entry.Commands.TryGetValue(sql, out var command))
            {
                if (entry.Commands.Count >= MaxCommands)
                {
                    foreach (var old in entry.Commands.Values)
                    {
                        old.Dispose();
                    }
                    entry.Commands.Clear();
                }
                command = entry.Connection.CreateCommand();
                command.CommandText = sql;
                entry.Commands.Add(sql, command);
            }
            else
            {
                command.Parameters.Clear();
            }
            return command;
        }

        public override ValueTask DisposeAsync()
        {
            if (!_returned)
            {
                _returned = true;
                pool.Return(entry);
            }
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Binds a read's parameters as the Dapper type handlers do (<see cref="TypeHandlers"/>): on SQLite ids, dates and times as text.</summary>
internal static class ReadParameters
{
    /// <summary>Adds <c>@<paramref name="name"/></c> with <paramref name="value"/> (null as SQL NULL).</summary>
    public static void Bind(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        if (parameter is SqliteParameter)
        {
            parameter.Value = value switch
            {
                null => DBNull.Value,
                Guid id => id.ToString("D"),
                DateTimeOffset time => TypeHandlers.ToSqliteText(time),
                DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                bool flag => flag ? 1 : 0,
                Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
                _ => value,
            };
        }
        else
        {
            switch (value)
            {
                case null:
                    parameter.Value = DBNull.Value;
                    break;
                case DateTimeOffset time:
                    parameter.DbType = DbType.DateTimeOffset;
                    parameter.Value = time.ToUniversalTime();
                    break;
                case DateOnly date:
                    parameter.DbType = DbType.Date;
                    parameter.Value = date.ToDateTime(TimeOnly.MinValue);
                    break;
                case string text:
                    // As Dapper does: one size for every short string, so that SQL Server reuses the plan.
                    parameter.DbType = DbType.String;
                    parameter.Size = text.Length <= 4000 ? 4000 : -1;
                    parameter.Value = text;
                    break;
                case Enum e:
                    parameter.Value = Convert.ToInt64(e, CultureInfo.InvariantCulture);
                    break;
                default:
                    parameter.Value = value;
                    break;
            }
        }
        command.Parameters.Add(parameter);
    }
}
