using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>The migrator on a file of its own: what it records, what it refuses, what a failure leaves behind.</summary>
public sealed class MigratorTests
{
    private TemporarySqliteFile _database = null!;
    private Migrator _migrator = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public void CreateEmptyDatabase()
    {
        _database = new TemporarySqliteFile("migrator");
        _connections = _database.Connections;
        _migrator = new Migrator(_connections, NullLogger<Migrator>.Instance);
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    private static readonly Migrator.Script First = new("0001_create_a.sql", "CREATE TABLE a (id INT NOT NULL);");
    private static readonly Migrator.Script Second = new("0002_create_b.sql", "CREATE TABLE b (id INT NOT NULL);");

    private async Task<IReadOnlyList<string>> TablesAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b', 'c') ORDER BY name")).ToList();
    }

    private async Task<IReadOnlyList<string>> AuditTriggerNamesAsync()
    {
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit%' ORDER BY name")).ToList();
    }

    [Test]
    public async Task Audit_triggers_are_generated_for_every_audited_table_and_left_alone_when_unchanged()
    {
        (await _migrator.ApplyAsync([new("0001_create_a.sql", "CREATE TABLE a (id TEXT NOT NULL PRIMARY KEY, name TEXT);"),
            new("0002_create_b.sql", "CREATE TABLE b (id TEXT NOT NULL PRIMARY KEY, amount INT);")], CancellationToken.None)).ShouldBe(2);
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await AuditTriggers.EnsureAsync(connection, DatabaseProvider.Sqlite, CancellationToken.None);
            var before = (await connection.QueryAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")).ToList();
            await AuditTriggers.EnsureAsync(connection, DatabaseProvider.Sqlite, CancellationToken.None);
            (await connection.QueryAsync<string>("SELECT sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")).ShouldBe(before);
        }
        (await AuditTriggerNamesAsync()).ShouldBe(["audit_a_delete", "audit_a_insert", "audit_a_update", "audit_b_delete", "audit_b_insert", "audit_b_update"]);
    }

    [Test]
    public async Task A_trigger_that_cannot_be_created_leaves_every_trigger_as_it_was()
    {
        // "group" is a keyword: its generated trigger (the table name unquoted) does not parse. The triggers of "a", created
        // before it in the same run, go back with it: the triggers are changed in one transaction.
        await _migrator.ApplyAsync([new("0001_create_a.sql", "CREATE TABLE a (id TEXT NOT NULL PRIMARY KEY, name TEXT);"),
            new("0002_create_group.sql", "CREATE TABLE \"group\" (id TEXT NOT NULL PRIMARY KEY);")], CancellationToken.None);
        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            await Should.ThrowAsync<SqliteException>(() => AuditTriggers.EnsureAsync(connection, DatabaseProvider.Sqlite, CancellationToken.None));
        }
        (await AuditTriggerNamesAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Applies_pending_scripts_in_order_and_only_once()
    {
        (await _migrator.ApplyAsync([First, Second], CancellationToken.None)).ShouldBe(2);
        (await _migrator.ApplyAsync([First, Second, new("0003_create_c.sql", "CREATE TABLE c (id INT NOT NULL);")], CancellationToken.None)).ShouldBe(1);

        (await TablesAsync()).ShouldBe(["a", "b", "c"]);
        await using var connection = await _connections.OpenAsync(CancellationToken.None);
        (await connection.QueryAsync<string>("SELECT name FROM schema_journal ORDER BY name")).ShouldBe(["0001_create_a.sql", "0002_create_b.sql", "0003_create_c.sql"]);
    }

    [Test]
    public async Task A_failing_script_rolls_back_every_pending_script_with_it()
    {
        var broken = new Migrator.Script("0003_broken.sql", "CREATE TABLE c (id INT NOT NULL); INSERT INTO no_such_table VALUES (1);");

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => _migrator.ApplyAsync([First, Second, broken], CancellationToken.None));

        failure.Message.ShouldContain("0003_broken.sql");
        (await TablesAsync()).ShouldBeEmpty();
        (await _migrator.ApplyAsync([First, Second], CancellationToken.None)).ShouldBe(2);
    }

    [Test]
    public async Task Refuses_a_script_edited_after_it_was_applied()
    {
        await _migrator.ApplyAsync([First], CancellationToken.None);

        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            _migrator.ApplyAsync([First with { Sql = "CREATE TABLE a (id BIGINT NOT NULL);" }, Second], CancellationToken.None));

        failure.Message.ShouldContain("was edited after it was applied");
        (await TablesAsync()).ShouldBe(["a"]);
    }
}
