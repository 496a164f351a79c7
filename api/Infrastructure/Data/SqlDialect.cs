using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Every difference between SQLite and SQL Server that query code needs lives here, one class per database,
/// so handlers keep one portable SQL text and ask the dialect only for the few fragments that differ.
/// </summary>
internal interface ISqlDialect
{
    DatabaseProvider Provider { get; }

    /// <summary>Appended after ORDER BY: returns at most <paramref name="takeParameter"/> rows.</summary>
    string Limit(string takeParameter);

    /// <summary>Appended after ORDER BY: skips then takes rows.</summary>
    string LimitOffset(string takeParameter, string skipParameter);

    bool IsUniqueViolation(DbException exception);

    /// <summary>
    /// "column contains the text", case-insensitively beyond ASCII (ørsted finds Ørsted): compares the folded column
    /// with a pattern made by <see cref="SqlText.ContainsPattern"/>.
    /// </summary>
    string ContainsText(string column, string patternParameter);

    /// <summary>Creates the migration journal when it does not exist yet.</summary>
    string CreateJournalTable { get; }

    /// <summary>
    /// Whether ids, dates and times come back as the text they are stored as (SQLite) rather than as the provider's own
    /// types (SQL Server): the typed readers that bypass Dapper's handlers parse them.
    /// </summary>
    bool StoresValuesAsText { get; }

    /// <summary>
    /// A row source for a FROM clause, named <paramref name="alias"/>: the rows of the JSON array of arrays in
    /// <paramref name="parameter"/>, in the array's order, as columns c0, c1, … (one per position), typed as
    /// <paramref name="columnTypes"/> (SQL Server's names; SQLite keeps the JSON values and the target column's affinity
    /// converts them). Many rows go in as one parameter: binding a dozen named parameters a row cost as much as the INSERT.
    /// </summary>
    string JsonArrayRows(string parameter, string alias, IReadOnlyList<string> columnTypes);
}

/// <summary>The two dialects, one instance each (a statement built from a dialect can be kept per instance).</summary>
internal static class SqlDialects
{
    public static readonly ISqlDialect Sqlite = new SqliteDialect();

    public static readonly ISqlDialect SqlServer = new SqlServerDialect();
}

internal sealed class SqliteDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public string Limit(string takeParameter) => $" LIMIT {takeParameter}";
    public string LimitOffset(string takeParameter, string skipParameter) => $" LIMIT {takeParameter} OFFSET {skipParameter}";
    // SQLite's lower() and LIKE fold ASCII only; klima_fold is .NET's invariant lower case (SqliteConnectionFactory).
    public string ContainsText(string column, string patternParameter) => $"klima_fold({column}) LIKE {patternParameter} ESCAPE '\\'";

    // SQLITE_CONSTRAINT_UNIQUE (2067) and SQLITE_CONSTRAINT_PRIMARYKEY (1555)
    public bool IsUniqueViolation(DbException exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    public string CreateJournalTable => """
        CREATE TABLE IF NOT EXISTS schema_journal (
            name NVARCHAR(300) NOT NULL PRIMARY KEY,
            checksum NVARCHAR(64) NOT NULL,
            applied_at DATETIMEOFFSET NOT NULL
        );
        """;

    public bool StoresValuesAsText => true;

    public string JsonArrayRows(string parameter, string alias, IReadOnlyList<string> columnTypes) =>
        $"(SELECT {string.Join(", ", columnTypes.Select((_, i) => $"value ->> {i} AS c{i}"))} FROM json_each({parameter})) {alias}";
}

internal sealed class SqlServerDialect : ISqlDialect
{
    public DatabaseProvider Provider => DatabaseProvider.SqlServer;
    public string Limit(string takeParameter) => $" OFFSET 0 ROWS FETCH NEXT {takeParameter} ROWS ONLY";
    public string LimitOffset(string takeParameter, string skipParameter) => $" OFFSET {skipParameter} ROWS FETCH NEXT {takeParameter} ROWS ONLY";
    // LOWER is Unicode-aware on SQL Server; it also keeps the match case-insensitive under a case-sensitive collation.
    public string ContainsText(string column, string patternParameter) => $"LOWER({column}) LIKE {patternParameter} ESCAPE '\\'";

    // 2627: unique constraint; 2601: unique index
    public bool IsUniqueViolation(DbException exception) => exception is SqlException { Number: 2627 or 2601 };

    public string CreateJournalTable => """
        IF OBJECT_ID(N'schema_journal', N'U') IS NULL
        CREATE TABLE schema_journal (
            name NVARCHAR(300) NOT NULL PRIMARY KEY,
            checksum NVARCHAR(64) NOT NULL,
            applied_at DATETIMEOFFSET NOT NULL
        );
        """;

    public bool StoresValuesAsText => false;

    // OPENJSON needs database compatibility level 130 (SQL Server 2016) or later.
    public string JsonArrayRows(string parameter, string alias, IReadOnlyList<string> columnTypes) =>
        $"OPENJSON({parameter}) WITH ({string.Join(", ", columnTypes.Select((type, i) => $"c{i} {type} '$[{i}]'"))}) {alias}";
}

/// <summary>Text search patterns for <see cref="ISqlDialect.ContainsText"/>.</summary>
internal static class SqlText
{
    /// <summary>
    /// %text% with the text lower-cased and its LIKE wildcards escaped, so q=50% finds "50%" and not everything.
    /// '[' is escaped too: SQL Server reads it as a character class.
    /// </summary>
    public static string ContainsPattern(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 8).Append('%');
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is '\\' or '%' or '_' or '[')
            {
                builder.Append('\\');
            }
            builder.Append(c);
        }
        return builder.Append('%').ToString();
    }

    /// <summary>The same folding in .NET as klima_fold / LOWER in SQL.</summary>
    public static string? Fold(string? text) => text?.ToLowerInvariant();
}
