using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// Writers of one process queue for a file's write gate instead of meeting SQLite's busy lock (and
/// Microsoft.Data.Sqlite's 150 ms sleep): the gate is taken by BeginWriteAsync and given back when the connection closes.
/// </summary>
public sealed class SqliteWriteGateTests
{
    private TemporarySqliteFile _database = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = new TemporarySqliteFile("gate");
        _connections = _database.Connections;
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE data_version (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
            INSERT INTO data_version (id, version) VALUES (1, 1);
            CREATE TABLE counter (id INT NOT NULL PRIMARY KEY, value INT NOT NULL);
            INSERT INTO counter (id, value) VALUES (1, 0);
            """);
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    private string DataSource => _database.DataSource;

    [Test]
    public async Task A_second_writer_waits_at_the_gate_until_the_first_connection_closes()
    {
        var first = await _connections.OpenAsync(CancellationToken.None);
        var transaction = await first.BeginWriteAsync(CancellationToken.None);
        SqliteWriteGate.Available(DataSource).ShouldBe(0);

        await using var second = await _connections.OpenAsync(CancellationToken.None);
        var waiting = second.BeginWriteAsync(CancellationToken.None);
        await Task.Yield();
        waiting.IsCompleted.ShouldBeFalse();

        await first.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction);
        await transaction.CommitAsync();
        await first.DisposeAsync();

        await using var secondTransaction = await waiting;
        (await second.ExecuteScalarAsync<int>("SELECT value FROM counter WHERE id = 1", transaction: secondTransaction)).ShouldBe(1);
        await secondTransaction.RollbackAsync();
    }

    [Test]
    public async Task The_gate_is_given_back_when_a_write_fails_and_when_a_connection_writes_twice()
    {
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
            {
                await Should.ThrowAsync<SqliteException>(() => connection.ExecuteAsync("INSERT INTO no_such_table VALUES (1)", transaction: transaction));
            }
            // The same connection may begin another write: it already holds the gate.
            await using (var again = await connection.BeginWriteAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: again);
                await again.CommitAsync();
            }
        }
        SqliteWriteGate.Available(DataSource).ShouldBe(1);
    }

    [Test]
    public async Task Many_concurrent_writers_all_commit_one_after_another()
    {
        const int writers = 24;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            await using var connection = await _connections.OpenAsync(CancellationToken.None);
            await using var transaction = await connection.BeginWriteAsync(CancellationToken.None);
            var value = await connection.ExecuteScalarAsync<int>("SELECT value FROM counter WHERE id = 1", transaction: transaction);
            await connection.ExecuteAsync("UPDATE counter SET value = @Value WHERE id = 1", new { Value = value + 1 }, transaction);
            await transaction.CommitAsync();
        })));

        await using var reader = await _connections.OpenAsync(CancellationToken.None);
        (await reader.ExecuteScalarAsync<int>("SELECT value FROM counter WHERE id = 1")).ShouldBe(writers);
        SqliteWriteGate.Available(DataSource).ShouldBe(1);
    }

    [Test]
    public async Task A_connection_dropped_without_being_closed_gives_the_gate_back_when_it_is_collected()
    {
        await WriteAndDropAsync();

        for (var i = 0; i < 10 && SqliteWriteGate.Available(DataSource) == 0; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        SqliteWriteGate.Available(DataSource).ShouldBe(1);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task WriteAndDropAsync()
    {
        // A handler that forgets "await using": committed, never closed, dropped.
        var connection = await _connections.OpenAsync(CancellationToken.None);
        var transaction = await connection.BeginWriteAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction);
        await transaction.CommitAsync();
        // Checked while the connection is still referenced: after this method returns, any collection (another test's, a
        // background thread's) may already have given the gate back, so "still held" cannot be asserted there.
        SqliteWriteGate.Available(DataSource).ShouldBe(0);
        GC.KeepAlive(connection);
    }
}
