using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// The SQLite read connections that keep their prepared commands (issue 19): a command is prepared once per physical
/// connection and reused; a connection never carries a transaction, a running reader or bound parameter values into its
/// next lease; a read sees every write committed before it; nothing is written through them; they are closed at shutdown.
/// </summary>
public sealed class SqliteReadPoolTests
{
    private const string ReadValue = "SELECT value FROM counter WHERE id = @Id";

    private TemporarySqliteFile _database = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = new TemporarySqliteFile("reads");
        _connections = _database.Connections;
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            PRAGMA journal_mode=WAL;
            CREATE TABLE data_version (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
            INSERT INTO data_version (id, version) VALUES (1, 1);
            CREATE TABLE counter (id INT NOT NULL PRIMARY KEY, value INT NOT NULL);
            INSERT INTO counter (id, value) VALUES (1, 0), (2, 100);
            """);
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    private SqliteReadPool Pool => _connections.Reads!;

    private static async Task<long> ReadAsync(ReadLease lease, int id)
    {
        var command = lease.Command(ReadValue);
        command.Bind("Id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The statements SQLite holds prepared on the connection.</summary>
    private static int PreparedStatements(DbConnection connection)
    {
        var handle = ((SqliteConnection)connection).Handle!;
        var count = 0;
        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(handle, null); statement is not null; statement = SQLitePCL.raw.sqlite3_next_stmt(handle, statement))
        {
            count++;
        }
        return count;
    }

    private async Task WriteAsync(int id, int value)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync(CancellationToken.None);
        await connection.ExecuteAsync("UPDATE counter SET value = @Value WHERE id = @Id", new { Id = id, Value = value }, transaction);
        await transaction.CommitAsync();
    }

    [Test]
    public async Task A_command_is_prepared_once_on_its_connection_and_handed_out_again_on_the_next_lease()
    {
        DbCommand first;
        DbConnection connection;
        int prepared;
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 2)).ShouldBe(100);
            first = lease.Command(ReadValue);
            connection = lease.Connection;
            prepared = PreparedStatements(connection);
        }
        prepared.ShouldBeGreaterThan(0);

        for (var i = 0; i < 20; i++)
        {
            await using var lease = await Pool.LeaseAsync(CancellationToken.None);
            lease.Connection.ShouldBeSameAs(connection);
            (await ReadAsync(lease, i % 2 + 1)).ShouldBe(i % 2 == 0 ? 0 : 100);
            lease.Command(ReadValue).ShouldBeSameAs(first);
            // Executed again, not prepared again: SQLite holds no more statements than after the first read.
            PreparedStatements(lease.Connection).ShouldBe(prepared);
        }
        Pool.OpenConnections.ShouldBe(1);
    }

    [Test]
    public async Task A_lease_sees_every_write_committed_before_its_read()
    {
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 1)).ShouldBe(0);
            // Committed while this lease still holds its connection (between two reads): the next read sees it.
            await WriteAsync(1, 7);
            (await ReadAsync(lease, 1)).ShouldBe(7);
        }
        // Committed while the connection is idle in the pool, then read through the same prepared command.
        await WriteAsync(1, 8);
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 1)).ShouldBe(8);
        }
        Pool.OpenConnections.ShouldBe(1);
    }

    [Test]
    public async Task A_returned_command_carries_no_parameter_values_into_the_next_lease()
    {
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 2)).ShouldBe(100);
        }
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            var command = lease.Command(ReadValue);
            command.Parameters.Count.ShouldBe(0);
            // Not bound this time: the provider refuses instead of reading with the previous lease's value.
            await Should.ThrowAsync<InvalidOperationException>(() => command.ExecuteScalarAsync());
        }
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 1)).ShouldBe(0);
        }
    }

    [Test]
    public async Task A_connection_left_with_an_open_reader_or_a_transaction_is_closed_not_lent_again()
    {
        DbConnection withReader;
        DbDataReader reader;
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            withReader = lease.Connection;
            var command = lease.Command("SELECT id FROM counter ORDER BY id");
            reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
        }
        withReader.State.ShouldBe(System.Data.ConnectionState.Closed);
        Pool.OpenConnections.ShouldBe(0);
        await reader.DisposeAsync();

        DbConnection withTransaction;
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            withTransaction = lease.Connection;
            withTransaction.ShouldNotBeSameAs(withReader);
            await lease.Command("BEGIN").ExecuteNonQueryAsync();
        }
        withTransaction.State.ShouldBe(System.Data.ConnectionState.Closed);
        Pool.IdleConnections.ShouldBe(0);

        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            lease.Connection.ShouldNotBeSameAs(withTransaction);
            (await ReadAsync(lease, 2)).ShouldBe(100);
        }
        Pool.IdleConnections.ShouldBe(1);
    }

    [Test]
    public async Task Nothing_is_written_through_a_read_connection()
    {
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            var command = lease.Command("UPDATE counter SET value = 99 WHERE id = 1");
            var refused = await Should.ThrowAsync<SqliteException>(() => command.ExecuteNonQueryAsync());
            refused.SqliteErrorCode.ShouldBe(SQLitePCL.raw.SQLITE_READONLY);
        }
        await using (var lease = await Pool.LeaseAsync(CancellationToken.None))
        {
            (await ReadAsync(lease, 1)).ShouldBe(0);
        }
    }

    [Test]
    public async Task A_read_connection_is_set_up_like_the_factory_s_own()
    {
        await using var lease = await Pool.LeaseAsync(CancellationToken.None);
        var fold = lease.Command("SELECT klima_fold(@Text)");
        fold.Bind("Text", "Ærø");
        (await fold.ExecuteScalarAsync()).ShouldBe(SqlText.Fold("Ærø"));
        var keys = lease.Command("PRAGMA foreign_keys");
        (await keys.ExecuteScalarAsync()).ShouldBe(1L);
    }

    [Test]
    public async Task Many_parallel_readers_share_a_few_connections_and_each_reads_its_own_values()
    {
        await WriteAsync(1, 42);
        var readers = Enumerable.Range(0, 64).Select(n => Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                var id = (n + i) % 2 + 1;
                await using var lease = await Pool.LeaseAsync(CancellationToken.None);
                (await ReadAsync(lease, id)).ShouldBe(id == 1 ? 42 : 100);
                var both = lease.Command("SELECT SUM(value) FROM counter WHERE id IN (@A, @B)");
                both.Bind("A", 1);
                both.Bind("B", 2);
                (await both.ExecuteScalarAsync()).ShouldBe(142L);
            }
        })).ToArray();
        await Task.WhenAll(readers);

        // 2,560 leases; the connections left are the idle ones, no more than the pool keeps.
        Pool.OpenConnections.ShouldBe(Pool.IdleConnections);
        Pool.IdleConnections.ShouldBeInRange(1, Pool.MaxIdle);
    }

    [Test]
    public async Task Disposing_the_factory_closes_the_idle_connections_and_any_returned_later()
    {
        var idle = await Pool.LeaseAsync(CancellationToken.None);
        var lent = await Pool.LeaseAsync(CancellationToken.None);
        var idleConnection = idle.Connection;
        var lentConnection = lent.Connection;
        await idle.DisposeAsync();
        Pool.IdleConnections.ShouldBe(1);

        _connections.Dispose();
        Pool.IdleConnections.ShouldBe(0);
        await lent.DisposeAsync();

        Pool.OpenConnections.ShouldBe(0);
        idleConnection.State.ShouldBe(System.Data.ConnectionState.Closed);
        lentConnection.State.ShouldBe(System.Data.ConnectionState.Closed);
        await Should.ThrowAsync<ObjectDisposedException>(() => Pool.LeaseAsync(CancellationToken.None));
    }
}
