using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// SQLite allows one writer at a time. Without this gate, a writer that finds the write lock taken is parked by
/// Microsoft.Data.Sqlite, which retries a busy <c>BEGIN IMMEDIATE</c> after a fixed <c>Thread.Sleep(150)</c>
/// (<c>SqliteConnectionInternal.RetryWhileBusy</c>): with 32 writers queued, most of them sleep through the moments the
/// lock is free, the server's core sits idle, and the p99 grows to seconds (docs/benchmarks.md, issue 19). Writers of
/// one process therefore queue here first, in arrival order and without holding a thread, and each starts its
/// transaction the moment the previous one has ended.
/// </summary>
/// <remarks>
/// One gate per connection string (so per database file) and process. The gate is held from <see cref="DbConnectionExtensions.BeginWriteAsync"/>
/// until the connection is closed (the end of the handler, with the transaction committed or rolled back): Microsoft.Data.Sqlite
/// offers no hook after a commit, and a release at SQLite's commit hook (before the commit is on disk) would send the next
/// writer into the busy sleep again. Writers outside this process (a second API instance on the same file) and writes outside
/// <c>BeginWriteAsync</c> still meet SQLite's own locking; a writer that waits here longer than the connection's command timeout
/// goes on to SQLite's lock as before rather than wait for ever.
/// </remarks>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Held> Holders = [];

    /// <summary>Queues for the file's write gate; null when the connection is not SQLite or the wait timed out.</summary>
    public static async Task<IDisposable?> EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        if (connection is not SqliteConnection sqlite || Disabled.ContainsKey(sqlite.ConnectionString) || Holders.TryGetValue(sqlite, out _))
        {
            // Not SQLite, the gate switched off, or a second write transaction on a connection that already holds the gate
            // (given back when the connection closes).
            return null;
        }
        var gate = Gates.GetOrAdd(sqlite.ConnectionString, static _ => new SemaphoreSlim(1, 1));
        var timeout = sqlite.DefaultTimeout > 0 ? TimeSpan.FromSeconds(sqlite.DefaultTimeout) : Timeout.InfiniteTimeSpan;
        if (!await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var held = new Held(gate, sqlite);
        Holders.AddOrUpdate(sqlite, held);
        sqlite.StateChange += held.OnStateChange;
        return held;
    }

    /// <summary>
    /// Queues for the gate of the file of <paramref name="connectionString"/> without a connection to tie it to (the writer
    /// connection, <see cref="SqliteWriter"/>, stays open): given back when the result is disposed. Null when the gate is
    /// switched off or the wait outlasted the connection string's command timeout.
    /// </summary>
    public static async Task<IDisposable?> EnterFileAsync(string connectionString, CancellationToken cancellationToken)
    {
        if (Disabled.ContainsKey(connectionString))
        {
            return null;
        }
        var gate = FileGate(connectionString, out var timeout);
        return await gate.WaitAsync(timeout, cancellationToken).ConfigureAwait(false) ? new Releaser(gate) : null;
    }

    /// <summary>The file's gate, and how long a writer waits for it (the connection string's command timeout).</summary>
    private static SemaphoreSlim FileGate(string connectionString, out TimeSpan timeout)
    {
        // Parsed once per connection string, not on every write.
        timeout = Timeouts.GetOrAdd(connectionString, static text =>
            new SqliteConnectionStringBuilder(text).DefaultTimeout is var seconds and > 0 ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan);
        return Gates.GetOrAdd(connectionString, static _ => new SemaphoreSlim(1, 1));
    }

    private static readonly ConcurrentDictionary<string, TimeSpan> Timeouts = new(StringComparer.Ordinal);

    /// <summary>
    /// As <see cref="EnterFileAsync"/>, for a waiter that may stop waiting before its turn: a cancelled wait answers
    /// <c>Stopped</c> instead of throwing. Issue 19: every grouped write answered by another holder's group stops waiting
    /// this way, and the exception (thrown twice on its way out) was ~2.7 exceptions a routed case under 32 writers.
    /// </summary>
    public static async ValueTask<(IDisposable? Gate, bool Stopped)> EnterFileUnlessStoppedAsync(string connectionString, CancellationToken stop)
    {
        if (Disabled.ContainsKey(connectionString))
        {
            return (null, false);
        }
        var gate = FileGate(connectionString, out var timeout);
        var wait = gate.WaitAsync(timeout, stop);
        await ((Task)wait).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (wait.IsCanceled)
        {
            return (null, true);
        }
        return (wait.GetAwaiter().GetResult() ? new Releaser(gate) : null, false);
    }

    private static readonly ConcurrentDictionary<string, bool> Disabled = new(StringComparer.Ordinal);

    /// <summary>Switches the gate on or off for a connection string (<c>Database:SqliteWriteGate</c>; on unless configured off).</summary>
    public static void Use(string connectionString, bool enabled)
    {
        if (enabled)
        {
            Disabled.TryRemove(connectionString, out _);
        }
        else
        {
            Disabled[connectionString] = true;
        }
    }

    /// <summary>1 when the file's gate is free, 0 while a writer of this process holds it (tests).</summary>
    internal static int Available(string connectionString) => Gates.TryGetValue(connectionString, out var gate) ? gate.CurrentCount : 1;

    private sealed class Held(SemaphoreSlim gate, SqliteConnection connection) : IDisposable
    {
        private readonly Releaser _releaser = new(gate);

        public void OnStateChange(object? sender, StateChangeEventArgs change)
        {
            if (change.CurrentState == ConnectionState.Closed)
            {
                Dispose();
            }
        }

        public void Dispose()
        {
            if (_releaser.Release())
            {
                connection.StateChange -= OnStateChange;
                Holders.Remove(connection);
            }
        }
    }

    /// <summary>
    /// Gives the gate back once. Its finalizer is the safety net for a connection dropped without being closed (a bug):
    /// the gate comes back when the connection is collected instead of making every later writer wait for the timeout.
    /// </summary>
    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        private int _released;

        public bool Release()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0)
            {
                return false;
            }
            gate.Release();
            return true;
        }

        ~Releaser()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
