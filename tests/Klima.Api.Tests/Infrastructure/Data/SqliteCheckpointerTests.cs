using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// The write-ahead log's checkpoints beside the writer connection (issue 19, seventh round: the writers' p99): the writer's
/// commits only report the log's size; a thread and connection of their own checkpoint when it has grown by the configured
/// pages, so the log stays short under writes; shutdown stops the thread and copies what the log still holds.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private const int Pages = 16;
    private const int PageSize = 4096;

    private TemporarySqliteFile _database = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public async Task CreateDatabase()
    {
        _database = new TemporarySqliteFile("checkpointer");
        _connections = new SqliteConnectionFactory(_database.DataSource, checkpointPages: Pages);
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync($"""
            PRAGMA page_size = {PageSize};
            PRAGMA journal_mode = WAL;
            CREATE TABLE data_version (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
            INSERT INTO data_version (id, version) VALUES (1, 1);
            CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
            """);
    }

    [TearDown]
    public void DeleteDatabase()
    {
        _connections.Dispose();
        _database.Dispose();
    }

    private SqliteCheckpointer Checkpointer => _connections.Writer!.Checkpointer!;

    private Task<int> WriteBlobAsync(int bytes) =>
        _connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            await connection.ExecuteAsync("INSERT INTO blob (data) VALUES (randomblob(@Bytes))", new { Bytes = bytes }, transaction), CancellationToken.None);

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Waits (not a timed assertion: the bound only keeps a broken checkpointer from hanging the run) for a checkpoint after <paramref name="before"/>.</summary>
    private async Task CheckpointedAfterAsync(long before)
    {
        for (var i = 0; i < 3000 && Interlocked.Read(ref Checkpointer.Checkpoints) <= before; i++)
        {
            await Task.Delay(10);
        }
        Interlocked.Read(ref Checkpointer.Checkpoints).ShouldBeGreaterThan(before, "the checkpointer did not run");
    }

    [Test]
    public async Task The_checkpointer_runs_beside_the_writer_and_the_log_stays_short_under_writes()
    {
        for (var round = 0; round < 30; round++)
        {
            var before = Interlocked.Read(ref Checkpointer.Checkpoints);
            // Three pages and more a write: the log grows past the line within a round (the first write of a round starts
            // the log again after the last round's checkpoint).
            do
            {
                await WriteBlobAsync(3 * PageSize);
            }
            while (Checkpointer.LogPages < Pages);
            await CheckpointedAfterAsync(before);
        }

        Checkpointer.Running.ShouldBeTrue();
        Checkpointer.Checkpoints.ShouldBeGreaterThanOrEqualTo(30);
        var written = await ScalarAsync("SELECT count(*) FROM blob");
        // Every round committed at least Pages frames (480 in all): the log starts again from its beginning after each
        // checkpoint, so its file holds about one round's frames, not all of them.
        var frames = (new FileInfo(_database.Path + "-wal").Length - 32) / (PageSize + 24);
        frames.ShouldBeLessThanOrEqualTo(3 * Pages);
        (await ScalarAsync("SELECT sum(length(data)) FROM blob")).ShouldBe(written * 3 * PageSize);
        (await ScalarAsync("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'")).ShouldBe(0);
    }

    [Test]
    public async Task Concurrent_grouped_writers_all_land_with_the_checkpointer_running()
    {
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                await WriteBlobAsync(2 * PageSize);
            }
        })));

        (await ScalarAsync("SELECT count(*) FROM blob")).ShouldBe(320);
        (await ScalarAsync("SELECT sum(length(data)) FROM blob")).ShouldBe(320 * 2 * PageSize);
        // 320 writes of two pages and more (over 640 frames): with the writes back to back, the log starts again only
        // because the checkpointer's RESTART runs between two groups (a PASSIVE checkpoint alone left it growing).
        Checkpointer.Restarts.ShouldBeGreaterThan(0);
        var frames = (new FileInfo(_database.Path + "-wal").Length - 32) / (PageSize + 24);
        frames.ShouldBeLessThan(320);
        (await ScalarAsync("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'")).ShouldBe(0);
        _connections.Writer!.Opened.ShouldBe(1);
    }

    [Test]
    public async Task Shutdown_stops_the_checkpointer_and_copies_what_the_log_still_holds_into_the_file()
    {
        await WriteBlobAsync(100);
        Checkpointer.Running.ShouldBeTrue();
        // Below the line: only the last checkpoint at shutdown copies these into the database file.
        await WriteBlobAsync(100);
        await WriteBlobAsync(100);
        Checkpointer.LogPages.ShouldBeLessThan(Pages);
        var checkpointer = Checkpointer;

        // A connection left open keeps SQLite from checkpointing by itself when the writer's connection closes.
        await using var other = new SqliteConnection(_database.DataSource);
        await other.OpenAsync();
        (await other.ExecuteScalarAsync<long>("SELECT count(*) FROM blob")).ShouldBe(3);
        _connections.Dispose();

        checkpointer.Running.ShouldBeFalse();
        var copy = _database.Path + ".copy";
        try
        {
            // The database file alone, without its log.
            File.Copy(_database.Path, copy);
            await using var alone = new SqliteConnection($"Data Source={copy};Pooling=False");
            await alone.OpenAsync();
            (await alone.ExecuteScalarAsync<long>("SELECT count(*) FROM blob")).ShouldBe(3);
        }
        finally
        {
            File.Delete(copy);
            File.Delete(copy + "-wal");
            File.Delete(copy + "-shm");
        }
        await Should.ThrowAsync<ObjectDisposedException>(() => WriteBlobAsync(100));
    }

    [Test]
    public async Task With_no_checkpoint_pages_the_writer_keeps_SQLites_own_checkpoints()
    {
        using var file = new TemporarySqliteFile("checkpointer-off");
        using var connections = new SqliteConnectionFactory(file.DataSource, checkpointPages: 0);
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                PRAGMA journal_mode = WAL;
                CREATE TABLE data_version (id INT NOT NULL PRIMARY KEY, version BIGINT NOT NULL);
                INSERT INTO data_version (id, version) VALUES (1, 1);
                CREATE TABLE blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL);
                """);
        }
        await connections.WriteGroupedAsync(async (connection, transaction, ct) =>
            await connection.ExecuteAsync("INSERT INTO blob (data) VALUES (randomblob(10))", transaction: transaction), CancellationToken.None);

        connections.Writer!.Checkpointer.ShouldBeNull();
        await using var writer = await connections.WriteAsync(CancellationToken.None);
        (await writer.Connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint", transaction: writer.Transaction)).ShouldBe(1000);
        (await writer.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM blob", transaction: writer.Transaction)).ShouldBe(1);
    }
}
