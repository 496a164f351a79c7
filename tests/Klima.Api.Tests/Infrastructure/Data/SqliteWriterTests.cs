using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// SQLite's writer connection (issue 19, seventh round): every <see cref="IDbConnectionFactory.WriteAsync"/> of the process
/// writes through one long-lived connection with a large page cache, one transaction at a time under the file's write gate,
/// shared with the writers that still begin on a pooled connection; a lease never leaves a transaction or a running
/// statement to the next; the data version moves once per lease.
/// </summary>
public sealed class SqliteWriterTests
{
    private TemporarySqliteFile _database = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = new TemporarySqliteFile("writer");
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

    private SqliteWriter Writer => _connections.Writer!;

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private async Task IncrementAsync()
    {
        await using var write = await _connections.WriteAsync(CancellationToken.None);
        await write.Connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: write.Transaction);
        await write.Transaction.CommitAsync();
    }

    [Test]
    public async Task Many_writes_go_through_one_physical_connection_with_the_large_page_cache()
    {
        for (var i = 0; i < 20; i++)
        {
            await IncrementAsync();
        }

        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(20);
        Writer.Opened.ShouldBe(1);
        await using var write = await _connections.WriteAsync(CancellationToken.None);
        write.Connection.ShouldBeSameAs(Writer.Current);
        (await write.Connection.ExecuteScalarAsync<long>("PRAGMA cache_size", transaction: write.Transaction))
            .ShouldBe(-SqliteConnectionFactory.DefaultWriterCacheKiB);
        // Set up as every connection of the factory is: the audit triggers' functions answer on it.
        (await write.Connection.ExecuteScalarAsync<long>("SELECT klima_data_version_moved()", transaction: write.Transaction)).ShouldBe(1);
        (await write.Connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys", transaction: write.Transaction)).ShouldBe(1);
    }

    [Test]
    public async Task The_data_version_moves_once_per_write()
    {
        var before = await ScalarAsync("SELECT version FROM data_version WHERE id = 1");
        await IncrementAsync();
        await IncrementAsync();
        (await ScalarAsync("SELECT version FROM data_version WHERE id = 1")).ShouldBe(before + 2);
    }

    [Test]
    public async Task A_write_lease_and_a_pooled_writer_wait_for_each_other_at_the_gate()
    {
        var write = await _connections.WriteAsync(CancellationToken.None);
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(0);

        await using var pooled = await _connections.OpenAsync(CancellationToken.None);
        var waiting = pooled.BeginWriteAsync(CancellationToken.None);
        await Task.Yield();
        waiting.IsCompleted.ShouldBeFalse();

        await write.Connection.ExecuteAsync("UPDATE counter SET value = 7 WHERE id = 1", transaction: write.Transaction);
        await write.Transaction.CommitAsync();
        await write.DisposeAsync();

        await using (var transaction = await waiting)
        {
            (await pooled.ExecuteScalarAsync<long>("SELECT value FROM counter WHERE id = 1", transaction: transaction)).ShouldBe(7);
            await pooled.ExecuteAsync("UPDATE counter SET value = 8 WHERE id = 1", transaction: transaction);
            var next = _connections.WriteAsync(CancellationToken.None);
            await Task.Yield();
            next.IsCompleted.ShouldBeFalse();
            await transaction.CommitAsync();
            await pooled.CloseAsync();
            await using var after = await next;
            (await after.Connection.ExecuteScalarAsync<long>("SELECT value FROM counter WHERE id = 1", transaction: after.Transaction)).ShouldBe(8);
        }
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(1);
    }

    [Test]
    public async Task A_lease_disposed_without_a_commit_is_rolled_back_and_the_next_lease_writes_on_the_same_connection()
    {
        await using (var write = await _connections.WriteAsync(CancellationToken.None))
        {
            await write.Connection.ExecuteAsync("UPDATE counter SET value = 99 WHERE id = 1", transaction: write.Transaction);
        }
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(1);
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(0);

        await IncrementAsync();
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(1);
        Writer.Opened.ShouldBe(1);
    }

    [Test]
    public async Task A_lease_that_leaves_a_reader_open_costs_the_connection_not_the_next_write()
    {
        var write = await _connections.WriteAsync(CancellationToken.None);
        var first = Writer.Current;
        await write.Connection.ExecuteAsync("UPDATE counter SET value = 5 WHERE id = 1", transaction: write.Transaction);
        await write.Transaction.CommitAsync();
        // A reader left running: SQLite is not idle on the connection when the lease ends.
        await using (var command = write.Connection.CreateCommand())
        {
            command.CommandText = "SELECT value FROM counter";
            var reader = await command.ExecuteReaderAsync();
            (await reader.ReadAsync()).ShouldBeTrue();
            await write.DisposeAsync();
        }

        Writer.Current.ShouldBeNull();
        first!.State.ShouldBe(System.Data.ConnectionState.Closed);
        await IncrementAsync();
        Writer.Opened.ShouldBe(2);
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(6);
    }

    [Test]
    public async Task Concurrent_writers_all_commit_one_after_another()
    {
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await IncrementAsync();
            }
        })));

        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(320);
        Writer.Opened.ShouldBe(1);
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(1);
    }

    [Test]
    public async Task With_the_gate_switched_off_a_write_goes_through_a_pooled_connection_of_its_own()
    {
        using var other = new TemporarySqliteFile("writer-nogate");
        using var connections = new SqliteConnectionFactory(other.DataSource, writeGate: false);
        try
        {
            await using (var connection = await connections.OpenAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync("""
                    PRAGMA journal_mode=WAL;
                    CREATE TABLE data_version (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
                    INSERT INTO data_version (id, version) VALUES (1, 1);
                    """);
            }
            await using (var write = await connections.WriteAsync(CancellationToken.None))
            {
                await write.Transaction.CommitAsync();
            }
            connections.Writer!.Opened.ShouldBe(0);
        }
        finally
        {
            SqliteWriteGate.Use(other.DataSource, enabled: true);
        }
    }

    [Test]
    public async Task Disposing_the_factory_closes_the_writer_connection()
    {
        await IncrementAsync();
        var connection = Writer.Current!;
        _connections.Dispose();
        connection.State.ShouldBe(System.Data.ConnectionState.Closed);
        Writer.Current.ShouldBeNull();
        await Should.ThrowAsync<ObjectDisposedException>(() => _connections.WriteAsync(CancellationToken.None));
        SqliteConnection.ClearAllPools();
    }

    private async Task<T[]> WhileTheGateIsHeld<T>(Func<Task<T>[]> start)
    {
        Task<T>[] writes;
        await using (var held = await _connections.WriteAsync(CancellationToken.None))
        {
            // Queued synchronously by each call, before it waits for the gate.
            writes = start();
            Writer.Queued.ShouldBe(writes.Length);
            await held.Transaction.CommitAsync();
        }
        return await Task.WhenAll(writes);
    }

    [Test]
    public async Task Writes_queued_while_the_gate_is_held_commit_together_in_one_transaction()
    {
        var version = await ScalarAsync("SELECT version FROM data_version WHERE id = 1");
        var results = await WhileTheGateIsHeld(() => Enumerable.Range(1, 20).Select(i => _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
        {
            await connection.ExecuteAsync("UPDATE counter SET value = value + @I WHERE id = 1", new { I = i }, transaction);
            return i;
        }, CancellationToken.None)).ToArray());

        results.ShouldBe(Enumerable.Range(1, 20));
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(210);
        Writer.Groups.ShouldBe(1);
        Writer.GroupedWrites.ShouldBe(20);
        // The held write's transaction and the group's: the version moved once for the twenty.
        (await ScalarAsync("SELECT version FROM data_version WHERE id = 1")).ShouldBe(version + 2);
    }

    [Test]
    public async Task A_write_that_fails_inside_a_group_is_undone_and_answered_with_its_error_while_the_others_commit()
    {
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("CREATE TABLE item (id INT NOT NULL PRIMARY KEY, name NVARCHAR(20) NOT NULL)");
        }
        Task<int>[] writes = [];
        await using (var held = await _connections.WriteAsync(CancellationToken.None))
        {
            writes = Enumerable.Range(1, 10).Select(i => _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            {
                await connection.ExecuteAsync("INSERT INTO item (id, name) VALUES (@Id, @Name)", new { Id = i, Name = $"item {i}" }, transaction);
                if (i == 4)
                {
                    // Written, then failing: its row must go with it.
                    throw new InvalidOperationException("the fourth fails");
                }
                // The seventh collides with the third's key: SQLite's own error, rolled back to its savepoint.
                await connection.ExecuteAsync("INSERT INTO item (id, name) VALUES (@Id, 'again')", new { Id = i == 7 ? 3 : 100 + i }, transaction);
                return i;
            }, CancellationToken.None)).ToArray();
            await held.Transaction.CommitAsync();
        }

        (await Should.ThrowAsync<InvalidOperationException>(() => writes[3])).Message.ShouldBe("the fourth fails");
        (await Should.ThrowAsync<SqliteException>(() => writes[6])).SqliteErrorCode.ShouldBe(19); // SQLITE_CONSTRAINT
        foreach (var i in new[] { 1, 2, 3, 5, 6, 8, 9, 10 })
        {
            (await writes[i - 1]).ShouldBe(i);
        }
        await using var reader = await _connections.OpenAsync(CancellationToken.None);
        (await reader.QueryAsync<long>("SELECT id FROM item WHERE id < 100 ORDER BY id")).ShouldBe([1, 2, 3, 5, 6, 8, 9, 10]);
        (await reader.QueryAsync<long>("SELECT id FROM item WHERE id > 100 ORDER BY id")).ShouldBe([101, 102, 103, 105, 106, 108, 109, 110]);
        (await reader.ExecuteScalarAsync<string>("SELECT name FROM item WHERE id = 3")).ShouldBe("item 3");
        Writer.Groups.ShouldBe(1);
    }

    [Test]
    public async Task Each_write_of_a_group_runs_as_its_own_requests_actor()
    {
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                CREATE TABLE item (id INT NOT NULL PRIMARY KEY);
                CREATE TABLE item_log (item_id INT NOT NULL, actor NVARCHAR(100));
                CREATE TRIGGER item_logged AFTER INSERT ON item BEGIN INSERT INTO item_log (item_id, actor) VALUES (NEW.id, klima_actor()); END;
                """);
        }
        var previous = AuditActor.Current;
        try
        {
            await WhileTheGateIsHeld(() => Enumerable.Range(1, 8).Select(i =>
            {
                AuditActor.Current = $"user {i}";
                return _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                    await connection.ExecuteAsync("INSERT INTO item (id) VALUES (@Id)", new { Id = i }, transaction), CancellationToken.None);
            }).ToArray());
        }
        finally
        {
            AuditActor.Current = previous;
        }

        await using var reader = await _connections.OpenAsync(CancellationToken.None);
        var log = (await reader.QueryAsync<(long Id, string Actor)>("SELECT item_id, actor FROM item_log ORDER BY item_id")).ToList();
        log.ShouldBe(Enumerable.Range(1, 8).Select(i => ((long)i, $"user {i}")));
        Writer.Groups.ShouldBe(1);
    }

    [Test]
    public async Task A_write_cancelled_while_it_waits_is_never_run()
    {
        using var cancel = new CancellationTokenSource();
        Task<int> cancelled;
        Task<int> other;
        await using (var held = await _connections.WriteAsync(CancellationToken.None))
        {
            cancelled = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                await connection.ExecuteAsync("UPDATE counter SET value = 1000 WHERE id = 1", transaction: transaction), cancel.Token);
            other = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction), CancellationToken.None);
            await cancel.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
            await held.Transaction.CommitAsync();
        }

        (await other).ShouldBe(1);
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(1);
        Writer.GroupedWrites.ShouldBe(1);
    }

    [Test]
    public async Task A_write_whose_request_is_cancelled_after_its_group_took_it_writes_nothing_and_the_group_commits()
    {
        using var cancel = new CancellationTokenSource();
        Task<int> first;
        Task<int> cancelled;
        await using (var held = await _connections.WriteAsync(CancellationToken.None))
        {
            first = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            {
                // Runs first in the group, then the second's request goes away before its turn.
                await cancel.CancelAsync();
                return await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction);
            }, CancellationToken.None);
            cancelled = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                await connection.ExecuteAsync("UPDATE counter SET value = 1000 WHERE id = 1", transaction: transaction), cancel.Token);
            Writer.Queued.ShouldBe(2);
            await held.Transaction.CommitAsync();
        }

        (await first).ShouldBe(1);
        await Should.ThrowAsync<OperationCanceledException>(() => cancelled);
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(1);
        Writer.Groups.ShouldBe(1);
    }

    private static int PreparedStatements(SqliteConnection connection)
    {
        var count = 0;
        for (var statement = SQLitePCL.raw.sqlite3_next_stmt(connection.Handle!, null); statement is not null;
             statement = SQLitePCL.raw.sqlite3_next_stmt(connection.Handle!, statement))
        {
            count++;
        }
        return count;
    }

    [Test]
    public async Task Grouped_writes_keep_their_prepared_statements_from_one_group_to_the_next()
    {
        var prepared = new List<int>();
        for (var i = 1; i <= 5; i++)
        {
            var value = await _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            {
                await connection.ExecuteAsync("UPDATE counter SET value = value + @By WHERE id = 1", new { By = i }, transaction);
                return await connection.ExecuteScalarAsync<long>("SELECT value FROM counter WHERE id = @Id", new { Id = 1 }, transaction);
            }, CancellationToken.None);
            value.ShouldBe(Enumerable.Range(1, i).Sum());
            prepared.Add(PreparedStatements(Writer.Current!));
        }

        // The same two statements every time, none prepared again; and no parameter value carried into the next write.
        prepared.ShouldAllBe(count => count == prepared[0]);
        Writer.Prepared!.Commands.ShouldBe(2);
        // Microsoft.Data.Sqlite refuses a statement with a parameter left unbound.
        (await Should.ThrowAsync<InvalidOperationException>(() => _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            await connection.ExecuteAsync("UPDATE counter SET value = value + @By WHERE id = 1", new { Other = 1 }, transaction), CancellationToken.None)))
            .Message.ShouldContain("@By");
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(15);
    }

    [Test]
    public async Task A_statement_whose_reader_is_still_open_is_not_shared_with_a_second_use_of_the_same_text()
    {
        var values = await _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
        {
            await connection.ExecuteAsync("INSERT INTO counter (id, value) VALUES (2, 20), (3, 30)", transaction: transaction);
            var seen = new List<long>();
            await using var outer = await connection.ExecuteReaderAsync("SELECT value FROM counter WHERE id >= @From ORDER BY id", new { From = 2 }, transaction);
            while (await outer.ReadAsync(ct))
            {
                seen.Add(outer.GetInt64(0));
                seen.Add(await connection.ExecuteScalarAsync<long>("SELECT value FROM counter WHERE id >= @From ORDER BY id", new { From = 3 }, transaction));
            }
            return seen;
        }, CancellationToken.None);

        values.ShouldBe([20, 30, 30, 30]);
    }

    [Test]
    public async Task Concurrent_grouped_writers_all_land()
    {
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                    await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction), CancellationToken.None);
            }
        })));

        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(320);
        Writer.GroupedWrites.ShouldBe(320);
        Writer.Groups.ShouldBeLessThanOrEqualTo(320);
        Writer.Opened.ShouldBe(1);
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(1);
    }
    [Test]
    public async Task Queued_writes_run_in_the_order_they_were_queued_and_a_group_never_takes_more_than_the_bound()
    {
        var count = SqliteWriter.MaxGroup + 10;
        var ran = new List<int>();
        var results = await WhileTheGateIsHeld(() => Enumerable.Range(0, count).Select(i => _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
        {
            ran.Add(i);
            await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction);
            return i;
        }, CancellationToken.None)).ToArray());

        results.ShouldBe(Enumerable.Range(0, count));
        ran.ShouldBe(Enumerable.Range(0, count));
        // The first group took the bound's worth, the oldest first; the rest waited for the next.
        Writer.Groups.ShouldBe(2);
        Writer.GroupedWrites.ShouldBe(count);
        (await ScalarAsync("SELECT value FROM counter WHERE id = 1")).ShouldBe(count);
    }

    [Test]
    public async Task A_grouped_write_is_answered_at_its_groups_commit_without_waiting_for_the_gate_again()
    {
        Task<int> first;
        Task<int> second;
        Task<WriteLease> next;
        await using (var held = await _connections.WriteAsync(CancellationToken.None))
        {
            first = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction), CancellationToken.None);
            // A lease queued at the gate after the first write, before the second: it gets the gate once their group has committed.
            next = _connections.WriteAsync(CancellationToken.None);
            second = _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                await connection.ExecuteAsync("UPDATE counter SET value = value + 10 WHERE id = 1", transaction: transaction), CancellationToken.None);
            Writer.Queued.ShouldBe(2);
            await held.Transaction.CommitAsync();
        }

        await using var lease = await next;
        SqliteWriteGate.Available(_database.DataSource).ShouldBe(0);
        // Both answered while the lease holds the gate. Before, the second waited for the gate behind the lease until the
        // gate's timeout (the command timeout, 30 s) sent it on: the guard is a third of that, not a timing.
        (await first.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(1);
        (await second.WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(1);
        Writer.Groups.ShouldBe(1);
        (await lease.Connection.ExecuteScalarAsync<long>("SELECT value FROM counter WHERE id = 1", transaction: lease.Transaction)).ShouldBe(11);
    }

    private static readonly AsyncLocal<string?> Request = new();

    [Test]
    public async Task Each_write_of_a_group_runs_in_its_own_requests_execution_context()
    {
        var seen = new string?[8];
        bool[] same;
        try
        {
            same = await WhileTheGateIsHeld(() => Enumerable.Range(0, 8).Select(i =>
            {
                // What a request's write reads of its request (ICurrentUser: IHttpContextAccessor's async-local context).
                Request.Value = $"request {i}";
                return _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
                {
                    seen[i] = Request.Value;
                    await connection.ExecuteAsync("UPDATE counter SET value = value + 1 WHERE id = 1", transaction: transaction);
                    // Still its own after an await.
                    return seen[i] == Request.Value;
                }, CancellationToken.None);
            }).ToArray());
        }
        finally
        {
            Request.Value = null;
        }

        seen.ShouldBe(Enumerable.Range(0, 8).Select(i => $"request {i}"));
        same.ShouldAllBe(s => s);
        Writer.Groups.ShouldBe(1);
    }
}
