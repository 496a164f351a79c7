using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// The T-SQL that SQL Server would receive, checked on every run without a server: every SQL Server migration and seed
/// file, the generated audit triggers and the SQL Server-only texts of the infrastructure parse with TSql160Parser and use
/// nothing SQL Server refuses at run time. The application's query texts are recorded from the SQLite integration
/// fixtures and checked after the run (<see cref="SqlCommandLog"/>); the checker itself is tested here so it can fail.
/// </summary>
[NonParallelizable]
public sealed class TSqlVerificationTests
{
    private static int _statements;

    private static void ShouldBeValid(string source, string sql)
    {
        var result = TSqlVerifier.Check(source, sql);
        if (result.Problems.Count > 0)
        {
            Assert.Fail(string.Join("\n", result.Problems));
        }
        result.Statements.ShouldBeGreaterThan(0, $"{source} holds no statement");
        Interlocked.Add(ref _statements, result.Statements);
    }

    public static IEnumerable<TestCaseData> SqlServerScripts() =>
        Migrator.LoadScripts(DatabaseProvider.SqlServer, "db/")
            // A seed's model document is JSON, loaded through the import (whose commands the recorded lane checks).
            .Where(s => s.Name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(s => new TestCaseData(s.Name).SetArgDisplayNames(s.Name));

    [TestCaseSource(nameof(SqlServerScripts))]
    public void SqlServer_migration_or_seed_script_parses_as_TSql(string name)
    {
        // ScriptDom splits GO batches itself, as the migrator does before sending them.
        var script = Migrator.LoadScripts(DatabaseProvider.SqlServer, "db/").Single(s => s.Name == name);
        ShouldBeValid(name, script.Sql);
    }

    [Test]
    public async Task Generated_SqlServer_audit_triggers_parse_as_TSql()
    {
        var file = Path.Combine(Path.GetTempPath(), $"klima-tsql-{Guid.NewGuid():N}.db");
        try
        {
            var connections = new SqliteConnectionFactory(SqliteConnectionFactory.Prepare($"Data Source={file}", Path.GetTempPath()));
            await new Migrator(connections, NullLogger<Migrator>.Instance).MigrateAsync(new DatabaseOptions { Seed = "none" }, CancellationToken.None);
            await using var connection = await connections.OpenAsync(CancellationToken.None);
            // The same tables and columns, in the same order, as INFORMATION_SCHEMA.COLUMNS lists them on SQL Server.
            var all = (await connection.QueryAsync<(string Table, string Column, long Key)>(
                    "SELECT m.name, p.name, p.pk FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"))
                .ToList();
            var tables = all.Select(c => (c.Table, c.Column)).GroupBy(c => c.Table)
                .Where(g => AuditTriggers.IsAuditedTable(g.Key, g.Select(c => c.Column).ToList()))
                .ToList();
            // Link tables (no id column) get triggers named by their primary key columns.
            var linkTables = all.GroupBy(c => c.Table)
                .Where(g => AuditLinkTriggers.IsLinkTable(g.Key, g.Select(c => c.Column).ToList()) && g.Any(c => c.Key > 0))
                .ToList();
            linkTables.Count.ShouldBeGreaterThan(3);
            foreach (var table in linkTables)
            {
                var key = table.Where(c => c.Key > 0).OrderBy(c => c.Key).Select(c => c.Column).ToList();
                foreach (var (name, sql) in AuditLinkTriggers.Generate(DatabaseProvider.SqlServer, table.Key, table.Select(c => c.Column).ToList(), key))
                {
                    ShouldBeValid($"generated link-table trigger {name}", sql);
                }
            }
            tables.Count.ShouldBeGreaterThan(20);
            foreach (var table in tables)
            {
                foreach (var (name, sql) in AuditTriggers.Generate(DatabaseProvider.SqlServer, table.Key, table.Select(c => c.Column).ToList()))
                {
                    ShouldBeValid($"generated trigger {name}", sql);
                    ShouldBeValid($"DROP TRIGGER {name}", $"DROP TRIGGER {name}");
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }

    [Test]
    public void SqlServer_only_infrastructure_texts_parse_as_TSql()
    {
        var dialect = new SqlServerDialect();
        ShouldBeValid("SqlServerDialect.CreateJournalTable", dialect.CreateJournalTable);
        ShouldBeValid("AuditTriggers.SqlServerColumnsQuery", AuditTriggers.SqlServerColumnsQuery);
        ShouldBeValid("AuditTriggers.SqlServerTriggersQuery", AuditTriggers.SqlServerTriggersQuery);
        ShouldBeValid("SqlServerConnectionFactory.SetActorSql", SqlServerConnectionFactory.SetActorSql);
        ShouldBeValid("SqlServerDialect.Limit", "SELECT id FROM t ORDER BY id" + dialect.Limit("@Take"));
        ShouldBeValid("SqlServerDialect.LimitOffset", "SELECT id FROM t ORDER BY id" + dialect.LimitOffset("@Take", "@Skip"));
        ShouldBeValid("SqlServerDialect.Concat", "SELECT " + dialect.Concat("a", "'-'", "b") + " AS c FROM t");
    }

    [TestCase("SELECT a || b AS c FROM t", "'||'")]
    [TestCase("SELECT id FROM t ORDER BY id LIMIT 5", "TSql160Parser error")]
    [TestCase("SELECT x.id FROM (SELECT id FROM t ORDER BY id) x", "ORDER BY")]
    [TestCase("SELECT id FROM t WHERE id IN (SELECT id FROM u ORDER BY id)", "ORDER BY")]
    [TestCase("WITH c AS (SELECT id FROM t ORDER BY id) SELECT id FROM c", "ORDER BY")]
    [TestCase("SELECT x.n FROM (SELECT COUNT(*) FROM t) x", "error 8155")]
    [TestCase("SELECT ifnull(a, 0) AS a FROM t", "ifnull() is a SQLite function")]
    [TestCase("SELECT id FROM t WHERE created_at < datetime('now')", "datetime() is a SQLite function")]
    [TestCase("SELECT max(a, b) AS m FROM t", "several arguments")]
    [TestCase("SELECT id FROM t WHERE active = true", "boolean literal")]
    [TestCase("UPDATE t SET active = false WHERE id = @Id", "boolean literal")]
    public void Flags_what_SqlServer_refuses(string sql, string expected)
    {
        var result = TSqlVerifier.Check("case", sql);
        result.Problems.ShouldNotBeEmpty();
        result.Problems[0].ShouldContain(expected);
        result.Problems[0].ShouldStartWith("case, line 1");
    }

    [TestCase("SELECT x.id FROM (SELECT TOP (5) id FROM t ORDER BY id) x")]
    [TestCase("SELECT x.id FROM (SELECT id FROM t ORDER BY id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY) x")]
    [TestCase("SELECT x.n FROM (SELECT COUNT(*) AS n FROM t) x")]
    [TestCase("SELECT id, ROW_NUMBER() OVER (ORDER BY id) AS r FROM t ORDER BY id")]
    [TestCase("SELECT [true] FROM t WHERE active = 1")]
    public void Accepts_what_SqlServer_runs(string sql) =>
        TSqlVerifier.Check("case", sql).Problems.ShouldBeEmpty();

    [Test]
    public void Recorded_texts_are_rendered_with_SqlServer_fragments_even_when_nested()
    {
        var dialect = new RecordingDialect(new SqliteDialect());
        var sqlite = "SELECT " + dialect.Concat(dialect.Concat("a", "b"), "c") + " AS x FROM t ORDER BY x" + dialect.Limit("@Take");

        SqlCommandLog.Render(sqlite).ShouldBe("SELECT CONCAT(CONCAT(a, b), c) AS x FROM t ORDER BY x OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");
        // A hand-written SQLite fragment carries no mark: it stays as it is and the T-SQL check refuses it.
        SqlCommandLog.Render("SELECT a || b AS c FROM t LIMIT @Take").ShouldBe("SELECT a || b AS c FROM t LIMIT @Take");
    }

    /// <summary>Says how many statements this fixture parsed; `./klima test` prints the file it writes.</summary>
    [OneTimeTearDown]
    public void Report_the_statements_checked()
    {
        var line = $"T-SQL verification (files): {_statements} statements parsed as SQL Server 2022 T-SQL " +
            "(SQL Server migrations and seeds, generated audit triggers, SQL Server-only infrastructure texts); a refused one fails its test above";
        TestContext.Progress.WriteLine(line);
        var path = Environment.GetEnvironmentVariable(SqlCommandLog.ReportVariable) is { Length: > 0 } report
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(report))!, "files.txt")
            : Path.Combine(Path.GetTempPath(), "klima-tsql-files.txt");
        File.WriteAllText(path, line + "\n");
    }
}
