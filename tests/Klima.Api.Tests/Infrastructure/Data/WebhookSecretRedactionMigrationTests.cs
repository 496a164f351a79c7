using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// Migration 0111 removes the webhook secrets that earlier versions' audit triggers copied into the append-only log,
/// touches nothing else, and leaves the log append-only.
/// </summary>
public sealed class WebhookSecretRedactionMigrationTests
{
    private TemporarySqliteFile _database = null!;
    private SqliteConnectionFactory _connections = null!;

    [SetUp]
    public void CreateEmptyDatabase()
    {
        _database = new TemporarySqliteFile("0111");
        _connections = _database.Connections;
    }

    [TearDown]
    public void DeleteDatabase() => _database.Dispose();

    [Test]
    public async Task Secrets_already_in_the_audit_log_are_removed_and_the_log_stays_append_only()
    {
        var migrator = new Migrator(_connections, NullLogger<Migrator>.Instance);
        var scripts = Migrator.LoadScripts(DatabaseProvider.Sqlite, "db/migrations/");
        var before = scripts.TakeWhile(s => string.CompareOrdinal(s.Name, "db/migrations/0111") < 0).ToList();
        var redaction = scripts.Single(s => s.Name.Contains("0111_redact_webhook_secrets", StringComparison.Ordinal));
        await migrator.ApplyAsync(before, CancellationToken.None);

        await using (var connection = await _connections.OpenAsync(CancellationToken.None))
        {
            // What an earlier version's trigger wrote for a webhook subscription, and an unrelated entry.
            await connection.ExecuteAsync("""
                INSERT INTO audit_log (id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json)
                VALUES ('a0000000-0000-0000-0000-000000000001', '2026-01-01T00:00:00.0000000Z', 'admin', 'webhook_subscription', 'w1', 'insert', NULL,
                        '{"id":"w1","url":"https://hooks.example/x","secret":"LEAKED-0123456789abcdef","version":1}'),
                       ('a0000000-0000-0000-0000-000000000002', '2026-01-01T00:00:01.0000000Z', 'admin', 'webhook_subscription', 'w1', 'update',
                        '{"id":"w1","url":"https://hooks.example/x","secret":"LEAKED-0123456789abcdef","version":1}',
                        '{"id":"w1","url":"https://hooks.example/y","secret":"LEAKED-0123456789abcdef","version":2}'),
                       ('a0000000-0000-0000-0000-000000000003', '2026-01-01T00:00:02.0000000Z', 'admin', 'organisation', 'o1', 'insert', NULL,
                        '{"id":"o1","name":"secret society"}')
                """);
        }

        (await migrator.ApplyAsync([redaction], CancellationToken.None)).ShouldBe(1);

        await using var check = await _connections.OpenAsync(CancellationToken.None);
        var rows = (await check.QueryAsync<(string Id, string? Before, string? After)>("SELECT id, before_json, after_json FROM audit_log ORDER BY id")).ToList();
        rows.ShouldAllBe(r => (r.Before ?? "").Contains("LEAKED", StringComparison.Ordinal) == false && (r.After ?? "").Contains("LEAKED", StringComparison.Ordinal) == false);
        JsonNode.Parse(rows[1].After!)!["url"]!.GetValue<string>().ShouldBe("https://hooks.example/y");
        JsonNode.Parse(rows[1].Before!)!["version"]!.GetValue<int>().ShouldBe(1);
        rows[0].Before.ShouldBeNull();
        JsonNode.Parse(rows[2].After!)!["name"]!.GetValue<string>().ShouldBe("secret society");

        var rewrite = await Should.ThrowAsync<SqliteException>(() => check.ExecuteAsync("UPDATE audit_log SET actor = 'someone else'"));
        rewrite.Message.ShouldContain("append-only");
    }
}
