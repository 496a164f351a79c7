using System.Data.Common;
using System.Text;
using Dapper;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Who is changing data right now: set per request after authentication, and by background workers.
/// The database triggers read it, so every audited change carries its actor without handlers passing it on.
/// </summary>
public static class AuditActor
{
    private static readonly AsyncLocal<string?> Ambient = new();

    public static string? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }
}

/// <summary>
/// Generates one audit trigger per audited table from the live schema, so a table added by any later
/// migration is audited without anyone remembering to. Each trigger writes who, when, which row, and the row
/// before and after (restricted personal fields and secrets left out) to the append-only audit_log, inside
/// the same transaction as the change. Triggers are recreated only when the generated text changes.
/// </summary>
internal static class AuditTriggers
{
    /// <summary>
    /// Technical tables whose rows are not domain changes (or are the audit itself), and derived sums whose source rows
    /// are audited (budget_line_total is written from budget_line in the same transaction).
    /// </summary>
    public static readonly HashSet<string> NotAudited = new(StringComparer.OrdinalIgnoreCase)
    {
        "schema_journal", "audit_log", "audit_session", "personal_data_access", "budget_line_total", "user_session", "login_throttle",
        // Key material and a document's bytes have no place in the log (the document's row, with its hashes, is audited).
        "data_protection_key", "case_document_content",
        // The data version is moved by every write (Infrastructure/Caching/DataVersion.cs), not a change of its own.
        "data_version",
        // The routing version (Features/Routing/RoutingInputs.cs), moved by every change to what routing reads.
        "routing_version",
    };

    /// <summary>Columns whose values never enter the audit log (restricted personal data and secrets).</summary>
    public static readonly HashSet<string> RestrictedColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        "email", "phone", "notes", "password_hash", "secret_hash",
        // A webhook's signing secret (encrypted at rest, but the ciphertext has no business in the log either).
        "secret",
    };

    /// <summary>
    /// Columns every write bumps. An update that changes none of the other columns (a row locked by <c>SET version = version</c>,
    /// a case's version bumped because one of its steps changed, a save of unchanged values) is not a change and is not logged.
    /// A change to a restricted column alone is logged, without its values.
    /// </summary>
    public static readonly HashSet<string> VersionColumns = new(StringComparer.OrdinalIgnoreCase) { "version", "modified_at" };

    public static bool IsAuditedTable(string table, IReadOnlyCollection<string> columns) =>
        !NotAudited.Contains(table) && !table.StartsWith("sqlite_", StringComparison.Ordinal) &&
        columns.Contains("id", StringComparer.OrdinalIgnoreCase);

    public static async Task EnsureAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken)
    {
        var columns = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                provider == DatabaseProvider.Sqlite
                    ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid"
                    : SqlServerColumnsQuery,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .GroupBy(c => c.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(c => c.Column).ToList(), StringComparer.Ordinal);

        var existing = (await connection.QueryAsync<(string Name, string? Sql)>(new CommandDefinition(
                provider == DatabaseProvider.Sqlite
                    ? "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit\\_%' ESCAPE '\\'"
                    : SqlServerTriggersQuery,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .ToDictionary(t => t.Name, t => t.Sql ?? "", StringComparer.Ordinal);

        var wanted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (table, tableColumns) in columns.Where(t => IsAuditedTable(t.Key, t.Value)))
        {
            foreach (var (name, sql) in Generate(provider, table, tableColumns))
            {
                wanted[name] = sql;
            }
        }

        foreach (var (name, sql) in await AuditLinkTriggers.WantedAsync(connection, provider, columns, cancellationToken).ConfigureAwait(false))
        {
            wanted[name] = sql;
        }

        // The changes go in one transaction: a fresh database gets its ~150 triggers with one commit (and one schema
        // change for SQLite to reload) instead of one per statement, and a failure leaves the triggers as they were.
        var changes = new List<string>();
        foreach (var (name, sql) in wanted)
        {
            if (existing.TryGetValue(name, out var current) && Normalise(current) == Normalise(sql))
            {
                continue;
            }
            if (existing.ContainsKey(name))
            {
                changes.Add($"DROP TRIGGER {name}");
            }
            changes.Add(sql);
        }
        foreach (var stale in existing.Keys.Where(n => !wanted.ContainsKey(n) && n != "audit_log_no_update" && n != "audit_log_no_delete" && n != "audit_log_append_only"))
        {
            changes.Add($"DROP TRIGGER {stale}");
        }
        if (changes.Count == 0)
        {
            return;
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            await connection.ExecuteAsync(new CommandDefinition(change, transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SQL Server branch's schema queries (named so that the T-SQL verification test parses them too).</summary>
    internal const string SqlServerColumnsQuery =
        "SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = SCHEMA_NAME() ORDER BY TABLE_NAME, ORDINAL_POSITION";

    internal const string SqlServerTriggersQuery =
        "SELECT name, OBJECT_DEFINITION(object_id) FROM sys.triggers WHERE name LIKE 'audit\\_%' ESCAPE '\\'";

    /// <summary>The audit trigger(s) of one table for one database, restricted columns left out.</summary>
    internal static IEnumerable<(string Name, string Sql)> Generate(DatabaseProvider provider, string table, IReadOnlyList<string> tableColumns)
    {
        var audited = tableColumns.Where(c => !RestrictedColumns.Contains(c)).ToList();
        var compared = tableColumns.Where(c => !VersionColumns.Contains(c)).ToList();
        return provider == DatabaseProvider.Sqlite ? Sqlite(table, audited, compared) : SqlServer(table, audited, compared);
    }

    private static string Normalise(string sql) => string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The audit row's id on SQLite: a version 7 UUID (RFC 9562), its first 48 bits the time in milliseconds since 1970
    /// (julianday, as SQLite 3.38 and later read it), the rest random. audit_log grows by some 40 rows a routed case, and
    /// its primary key index holds millions: with random ids (version 4) every row went to another page of that index,
    /// read and written back at each commit; ids that grow with time go to its last page (issue 19, sixth round). Ids are
    /// still unique (74 random bits) and the same text shape (lower-case 8-4-4-4-12).
    /// </summary>
    internal const string SqliteGuid =
        "lower(substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 1, 8) || '-' || " +
        "substr(printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2) || '-' || " +
        "substr('89ab', 1 + (random() & 3), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))";

    internal const string SqliteNow = "strftime('%Y-%m-%dT%H:%M:%f', 'now') || '0000Z'";

    private static IEnumerable<(string Name, string Sql)> Sqlite(string table, IReadOnlyList<string> columns, List<string> compared)
    {
        string Json(string row) => "json_object(" + string.Join(", ", columns.Select(c => $"'{c}', {row}.{c}")) + ")";
        string When(string operation) => operation != "update" || compared.Count == 0
            ? ""
            : " WHEN " + string.Join(" OR ", compared.Select(c => $"OLD.{c} IS NOT NEW.{c}"));
        string Trigger(string operation, string row, string? before, string? after) =>
            $"""
            CREATE TRIGGER audit_{table}_{operation} AFTER {operation.ToUpperInvariant()} ON {table}{When(operation)}
            BEGIN
                INSERT INTO audit_log (id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json)
                VALUES ({SqliteGuid}, {SqliteNow}, klima_actor(), '{table}', {row}.id, '{operation}', {before ?? "NULL"}, {after ?? "NULL"});
            END
            """;
        yield return ($"audit_{table}_insert", Trigger("insert", "NEW", null, Json("NEW")));
        yield return ($"audit_{table}_update", Trigger("update", "NEW", Json("OLD"), Json("NEW")));
        yield return ($"audit_{table}_delete", Trigger("delete", "OLD", Json("OLD"), null));
    }

    private static IEnumerable<(string Name, string Sql)> SqlServer(string table, IReadOnlyList<string> columns, List<string> compared)
    {
        var changed = compared.Count == 0
            ? ""
            : " WHERE d.id IS NULL OR i.id IS NULL OR EXISTS (SELECT " + string.Join(", ", compared.Select(c => $"i.[{c}]")) +
              " EXCEPT SELECT " + string.Join(", ", compared.Select(c => $"d.[{c}]")) + ")";
        string Json(string alias) =>
            $"(SELECT {string.Join(", ", columns.Select(c => $"{alias}.[{c}]"))} FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES)";
        var sql = new StringBuilder();
        sql.Append($"""
            CREATE TRIGGER audit_{table} ON {table} AFTER INSERT, UPDATE, DELETE
            AS
            BEGIN
                SET NOCOUNT ON;
                INSERT INTO audit_log (id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json)
                SELECT NEWID(), SYSUTCDATETIME(), CAST(SESSION_CONTEXT(N'klima.actor') AS NVARCHAR(200)), '{table}',
                       LOWER(CONVERT(NVARCHAR(100), COALESCE(i.id, d.id))),
                       CASE WHEN d.id IS NULL THEN 'insert' WHEN i.id IS NULL THEN 'delete' ELSE 'update' END,
                       CASE WHEN d.id IS NULL THEN NULL ELSE {Json("d")} END,
                       CASE WHEN i.id IS NULL THEN NULL ELSE {Json("i")} END
                FROM inserted i FULL OUTER JOIN deleted d ON i.id = d.id{changed};
            END
            """);
        yield return ($"audit_{table}", sql.ToString());
    }
}
