using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// The write-ahead log's checkpoints off the writer's path (issue 19, seventh round: the writers' p99). SQLite's automatic
/// checkpoint runs inside the COMMIT that takes the log past 1,000 pages: that commit copies ~4 MB into the database file and
/// syncs it, and every write queued behind it waits. The writer connection instead reports its log's size after every commit
/// (<c>sqlite3_wal_hook</c>, which replaces SQLite's automatic checkpoint on that connection, as <c>wal_autocheckpoint = 0</c>
/// would); when the log has grown by <see cref="Pages"/> since the last signal, this checkpointer's own thread runs a
/// PASSIVE checkpoint on a connection of its own, beside the writer, then a short RESTART one between two groups.
/// </summary>
/// <remarks>
/// <para>
/// A PASSIVE checkpoint copies what no reader still needs and never waits; the RESTART one after it, with the file's write gate
/// held (writers queue in the process meanwhile), copies what was committed since, and the writer's next transaction starts
/// the log again from its beginning, so the log stays near <see cref="Pages"/> frames. If readers keep it from finishing
/// until the log holds <see cref="RestartFactor"/> times <see cref="Pages"/> frames, the RESTART waits for them (up to
/// <see cref="RestartWait"/>), so the log cannot grow without bound.
/// </para>
/// <para>
/// At shutdown (<see cref="Dispose"/>, after the writer connection is closed) the thread is stopped and a last checkpoint
/// copies what the log still holds.
/// </para>
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>SQLite's own automatic checkpoint interval, kept (<c>Database:SqliteCheckpointPages</c>).</summary>
    internal const int DefaultPages = 1000;

    /// <summary>The RESTART checkpoint waits for readers once the log is this many times <see cref="Pages"/> long.</summary>
    internal const int RestartFactor = 8;

    private readonly string _connectionString;
    private readonly string _gateKey;
    private readonly Func<SqliteConnection, CancellationToken, Task> _initialise;
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly object _sync = new();
    private GCHandle _self;
    private Thread? _thread;
    private SqliteConnection? _connection;
    private int _pending;
    private int _signalledAt;
    private bool _disposed;

    public SqliteCheckpointer(string connectionString, Func<SqliteConnection, CancellationToken, Task> initialise, int pages)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pages, 1);
        _gateKey = connectionString;
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _initialise = initialise;
        Pages = pages;
        _self = GCHandle.Alloc(this);
    }

    /// <summary>The log's growth in pages (frames) after which a checkpoint runs.</summary>
    public int Pages { get; }

    /// <summary>Checkpoints finished so far (tests, diagnostics).</summary>
    internal long Checkpoints;

    /// <summary>RESTART checkpoints (with the write gate held) run so far (tests).</summary>
    internal long Restarts;

    /// <summary>The log's size in frames after the last commit of the writer connection (tests).</summary>
    internal int LogPages => Volatile.Read(ref _lastLogPages);

    private int _lastLogPages;

    /// <summary>The checkpointer's thread is running (tests).</summary>
    internal bool Running => _thread is { IsAlive: true };

    /// <summary>The writer connection reports its log to this checkpointer from now on (its automatic checkpoint off).</summary>
    public void Attach(SqliteConnection writer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        // Returns the hook it replaces (SQLite's automatic checkpoint); nothing to keep.
        NativeMethods.sqlite3_wal_hook(writer.Handle!.DangerousGetHandle(), HookPointer, GCHandle.ToIntPtr(_self));
        lock (_sync)
        {
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "klima-sqlite-checkpointer" };
                _thread.Start();
            }
        }
    }

    /// <summary>Called by SQLite on the writer's thread after each commit, with the log's size: only counts and signals.</summary>
    private void Committed(int logPages)
    {
        Volatile.Write(ref _lastLogPages, logPages);
        if (logPages < _signalledAt)
        {
            // The log started again from its beginning.
            _signalledAt = 0;
        }
        if (logPages >= _signalledAt + Pages)
        {
            _signalledAt = logPages;
            if (Interlocked.Exchange(ref _pending, 1) == 0)
            {
                _signal.Release();
            }
        }
    }

    private void Run()
    {
        var token = _stop.Token;
        while (true)
        {
            try
            {
                _signal.Wait(token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            Volatile.Write(ref _pending, 0);
            try
            {
                Checkpoint(final: false);
            }
#pragma warning disable CA1031 // A failed checkpoint is retried at the next signal; the writes do not depend on it.
            catch (Exception)
#pragma warning restore CA1031
            {
                CloseConnection();
            }
        }
    }

    /// <summary>
    /// A PASSIVE checkpoint (the bulk of the copying, beside the writer), then a RESTART one with the write gate held, so that
    /// the writer's next transaction starts the log again from its beginning.
    /// </summary>
    /// <remarks>
    /// The writer starts the log again only if, when its transaction begins, every frame has been copied; with the writes
    /// grouped back to back that is never so after a PASSIVE checkpoint alone (measured: the log grew to 100,000 frames,
    /// every one copied), so the RESTART runs with the gate held, between two groups: it copies the few frames committed
    /// since the PASSIVE one. It does not wait for readers still on the log unless the log has reached
    /// <see cref="RestartFactor"/> times <see cref="Pages"/>; then it waits for them up to <see cref="RestartWait"/>.
    /// </remarks>
    private void Checkpoint(bool final)
    {
        var connection = _connection ??= Open();
        var rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle!, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out var log, out _);
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
        if (final || log <= 0)
        {
            Interlocked.Increment(ref Checkpoints);
            return;
        }
        var wait = log >= RestartFactor * Pages ? (int)RestartWait.TotalMilliseconds : 0;
        using var gate = SqliteWriteGate.EnterFileAsync(_gateKey, CancellationToken.None).GetAwaiter().GetResult();
        raw.sqlite3_busy_timeout(connection.Handle!, wait);
        rc = raw.sqlite3_wal_checkpoint_v2(connection.Handle!, "main", raw.SQLITE_CHECKPOINT_RESTART, out _, out _);
        Interlocked.Increment(ref Restarts);
        Interlocked.Increment(ref Checkpoints);
        if (rc != raw.SQLITE_OK && rc != raw.SQLITE_BUSY)
        {
            SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        }
    }

    /// <summary>How long a RESTART checkpoint waits for readers once the log has grown to <see cref="RestartFactor"/> times <see cref="Pages"/>.</summary>
    internal static readonly TimeSpan RestartWait = TimeSpan.FromSeconds(1);

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            _initialise(connection, CancellationToken.None).GetAwaiter().GetResult();
            // A connection that has not read the file yet has no log open: its checkpoint would answer -1 and copy nothing.
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_schema";
            command.ExecuteScalar();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    /// <summary>At shutdown, after the writer connection is closed: stops the thread and copies what the log still holds.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _stop.Cancel();
        _thread?.Join();
        try
        {
            if (_thread is not null)
            {
                Checkpoint(final: true);
            }
        }
#pragma warning disable CA1031 // Shutdown goes on; SQLite checkpoints again when the next process opens the file.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        CloseConnection();
        _self.Free();
        _signal.Dispose();
        _stop.Dispose();
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int WalHook(IntPtr self, IntPtr db, IntPtr schema, int pages);

    private static readonly WalHook Hook = (self, _, _, pages) =>
    {
        if (GCHandle.FromIntPtr(self).Target is SqliteCheckpointer checkpointer)
        {
            checkpointer.Committed(pages);
        }
        return 0;
    };

    private static readonly IntPtr HookPointer = Marshal.GetFunctionPointerForDelegate(Hook);

    private static class NativeMethods
    {
        /// <summary>SQLitePCLRaw does not wrap it; the same native library (<c>e_sqlite3</c>) that Microsoft.Data.Sqlite loads.</summary>
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern IntPtr sqlite3_wal_hook(IntPtr db, IntPtr callback, IntPtr argument);
    }
}
