using System.Data.Common;
using Dapper;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Audit triggers for the tables without an <c>id</c> column: the link tables (a model's parties, which drive fan-out;
/// case interests; payer members; a case's party references and relations). They are audited like every other table
/// (same transaction, actor, before and after), with the row named by its primary key columns joined by '/'.
/// Counters the application draws numbers from are technical, not domain changes.
/// </summary>
internal static class AuditLinkTriggers
{
    public static readonly HashSet<string> Technical = new(StringComparer.OrdinalIgnoreCase) { "case_number_counter", "feed_sequence" };

    public static async Task<IReadOnlyList<(string Name, string Sql)>> WantedAsync(DbConnection connection, DatabaseProvider provider,
        IReadOnlyDictionary<string, IReadOnlyList<string>> columns, CancellationToken cancellationToken)
    {
        var keys = (await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
                provider == DatabaseProvider.Sqlite
                    ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND p.pk > 0 ORDER BY m.name, p.pk"
                    : """
                      SELECT k.TABLE_NAME, k.COLUMN_NAME FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t
                      JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE k ON k.CONSTRAINT_NAME = t.CONSTRAINT_NAME AND k.TABLE_NAME = t.TABLE_NAME AND k.TABLE_SCHEMA = t.TABLE_SCHEMA
                      WHERE t.CONSTRAINT_TYPE = 'PRIMARY KEY' AND t.TABLE_SCHEMA = SCHEMA_NAME() ORDER BY k.TABLE_NAME, k.ORDINAL_POSITION
                      """,
                cancellationToken: cancellationToken)).ConfigureAwait(false))
            .GroupBy(k => k.Table, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(k => k.Column).ToList(), StringComparer.Ordinal);
        var wanted = new List<(string Name, string Sql)>();
        foreach (var (table, tableColumns) in columns)
        {
            if (!IsLinkTable(table, tableColumns) || !keys.TryGetValue(table, out var key))
            {
                continue;
            }
            wanted.AddRange(Generate(provider, table, tableColumns, key));
        }
        return wanted;
    }

    /// <summary>The triggers of one link table, named by its primary key columns (the T-SQL check in the tests reads them too).</summary>
    internal static IEnumerable<(string Name, string Sql)> Generate(DatabaseProvider provider, string table, IReadOnlyList<string> tableColumns, IReadOnlyList<string> key)
    {
        var audited = tableColumns.Where(c => !AuditTriggers.RestrictedColumns.Contains(c)).ToList();
        return provider == DatabaseProvider.Sqlite ? Sqlite(table, audited, key) : SqlServer(table, audited, key);
    }

    public static bool IsLinkTable(string table, IReadOnlyCollection<string> columns) =>
        !AuditTriggers.NotAudited.Contains(table) && !Technical.Contains(table) && !table.StartsWith("sqlite_", StringComparison.Ordinal) &&
        !columns.Contains("id", StringComparer.OrdinalIgnoreCase);

    private const string SqliteGuid = AuditTriggers.SqliteGuid;

    private const string SqliteNow = AuditTriggers.SqliteNow;

    private static IEnumerable<(string Name, string Sql)> Sqlite(string table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        string Json(string row) => "json_object(" + string.Join(", ", columns.Select(c => $"'{c}', {row}.{c}")) + ")";
        string Key(string row) => string.Join(" || '/' || ", key.Select(k => $"lower({row}.{k})"));
        string Trigger(string operation, string row, string? before, string? after, string? when = null) =>
            $"""
            CREATE TRIGGER audit_{table}_{operation} AFTER {operation.ToUpperInvariant()} ON {table}{(when is null ? "" : " WHEN " + when)}
            BEGIN
                INSERT INTO audit_log (id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json)
                VALUES ({SqliteGuid}, {SqliteNow}, klima_actor(), '{table}', {Key(row)}, '{operation}', {before ?? "NULL"}, {after ?? "NULL"});
            END
            """;
        yield return ($"audit_{table}_insert", Trigger("insert", "NEW", null, Json("NEW")));
        yield return ($"audit_{table}_update", Trigger("update", "NEW", Json("OLD"), Json("NEW"), $"{Json("OLD")} IS NOT {Json("NEW")}"));
        yield return ($"audit_{table}_delete", Trigger("delete", "OLD", Json("OLD"), null));
    }

    private static IEnumerable<(string Name, string Sql)> SqlServer(string table, IReadOnlyList<string> columns, IReadOnlyList<string> key)
    {
        string Json(string alias) =>
            $"(SELECT {string.Join(", ", columns.Select(c => $"{alias}.[{c}]"))} FOR JSON PATH, WITHOUT_ARRAY_WRAPPER, INCLUDE_NULL_VALUES)";
        string Key(string alias) => string.Join(" + '/' + ", key.Select(k => $"LOWER(CONVERT(NVARCHAR(100), {alias}.[{k}]))"));
        var join = string.Join(" AND ", key.Select(k => $"i.[{k}] = d.[{k}]"));
        var first = key[0];
        yield return ($"audit_{table}", $"""
            CREATE TRIGGER audit_{table} ON {table} AFTER INSERT, UPDATE, DELETE
            AS
            BEGIN
                SET NOCOUNT ON;
                INSERT INTO audit_log (id, occurred_at, actor, entity_type, entity_id, action, before_json, after_json)
                SELECT NEWID(), SYSUTCDATETIME(), CAST(SESSION_CONTEXT(N'klima.actor') AS NVARCHAR(200)), '{table}',
                       COALESCE({Key("i")}, {Key("d")}),
                       CASE WHEN d.[{first}] IS NULL THEN 'insert' WHEN i.[{first}] IS NULL THEN 'delete' ELSE 'update' END,
                       CASE WHEN d.[{first}] IS NULL THEN NULL ELSE {Json("d")} END,
                       CASE WHEN i.[{first}] IS NULL THEN NULL ELSE {Json("i")} END
                FROM inserted i FULL OUTER JOIN deleted d ON {join}
                WHERE i.[{first}] IS NULL OR d.[{first}] IS NULL OR {Json("i")} <> {Json("d")};
            END
            """);
    }
}
