using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.RegularExpressions;
using Klima.Api.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// Records every command text the SQLite integration fixtures send, rendered as SQL Server would receive it, so that the
/// T-SQL check covers new SQL without anyone listing it. The API under test gets a decorated connection factory: its
/// dialect marks each fragment it produces (<c>LIMIT</c>, <c>||</c>, ...) with a comment, and the log replaces each marked
/// fragment with what SQL Server's dialect returns for the same call. Everything else in a text is the same on both
/// databases, so what remains is exactly the T-SQL the application would send. After the run
/// (<see cref="TestRun"/>) every distinct text is parsed with <see cref="TSqlVerifier"/>.
/// </summary>
public static partial class SqlCommandLog
{
    public const string ReportVariable = "KLIMA_TSQL_REPORT";

    private static readonly ConcurrentDictionary<string, byte> Texts = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, int> FragmentIds = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<int, string> SqlServerFragments = new();
    private static readonly SqlServerDialect SqlServer = new();

    /// <summary>Migration and seed scripts as SQLite runs them: checked from their SQL Server files instead.</summary>
    private static readonly HashSet<string> SqliteScripts = Migrator.LoadScripts(DatabaseProvider.Sqlite, "db/")
        .Select(s => s.Sql).ToHashSet(StringComparer.Ordinal);

    public static int Count => Texts.Count;

    /// <summary>Decorates the API's connection factory (SQLite lane only) so that every command text is recorded.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var descriptor = services.Single(d => d.ServiceType == typeof(IDbConnectionFactory));
        var inner = descriptor.ImplementationFactory ?? throw new InvalidOperationException("IDbConnectionFactory is expected to be registered by a factory.");
        services.Remove(descriptor);
        services.AddSingleton<IDbConnectionFactory>(p => new RecordingConnectionFactory((IDbConnectionFactory)inner(p)));
    }

    internal static void Record(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            Texts.TryAdd(text, 0);
        }
    }

    /// <summary>The SQLite dialect's fragment for one call, marked so that <see cref="Render"/> can swap in SQL Server's.</summary>
    internal static string Mark(string call, string sqlite, string sqlServer)
    {
        var id = FragmentIds.GetOrAdd(call + "\u0001" + sqlite, _ => FragmentIds.Count + 1);
        SqlServerFragments[id] = sqlServer;
        return $"/*d{id}*/{sqlite}/*d{id}*/";
    }

    /// <summary>The text SQL Server would receive: every marked dialect fragment replaced by SQL Server's, innermost last.</summary>
    public static string Render(string recorded)
    {
        var text = recorded;
        for (var pass = 0; pass < 20 && text.Contains("/*d", StringComparison.Ordinal); pass++)
        {
            text = MarkedFragment().Replace(text, m => SqlServerFragments[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]);
        }
        return text;
    }

    /// <summary>Why a recorded text is not checked as application SQL, or null when it is.</summary>
    public static string? NotApplicationSql(string recorded)
    {
        if (SqliteScripts.Contains(recorded))
        {
            return "a SQLite migration or seed script (the SQL Server files are checked by TSqlVerificationTests)";
        }
        var trimmed = recorded.TrimStart();
        if (trimmed.StartsWith("/* SQLite only", StringComparison.Ordinal))
        {
            return "a SQLite-only statement of a branch that SQL Server does not take (its SQL Server form is checked by a test of its own)";
        }
        if (trimmed.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase) ||
            recorded.Contains("sqlite_master", StringComparison.OrdinalIgnoreCase) ||
            trimmed.StartsWith("CREATE TRIGGER audit_", StringComparison.Ordinal) ||
            trimmed.StartsWith("DROP TRIGGER audit_", StringComparison.Ordinal))
        {
            return "SQLite-only infrastructure (the migrator's and audit triggers' SQLite branch; their SQL Server branch is checked by TSqlVerificationTests)";
        }
        return null;
    }

    /// <summary>Parses every recorded application text as T-SQL, writes the report and fails when any is refused.</summary>
    public static void VerifyAndReport()
    {
        var checkedTexts = 0;
        var statements = 0;
        var skipped = 0;
        var problems = new List<string>();
        var number = 0;
        foreach (var recorded in Texts.Keys.OrderBy(t => t, StringComparer.Ordinal))
        {
            number++;
            if (NotApplicationSql(recorded) is not null)
            {
                skipped++;
                continue;
            }
            var result = TSqlVerifier.Check($"recorded command {number}", Render(recorded));
            checkedTexts++;
            statements += result.Statements;
            problems.AddRange(result.Problems);
        }
        var summary = $"T-SQL verification (recorded): {statements} statements in {checkedTexts} distinct command texts sent by the SQLite integration fixtures " +
            $"parsed as SQL Server 2022 T-SQL; {problems.Count} problems ({skipped} SQLite-only texts not applicable)";
        var report = new StringBuilder().AppendLine(summary);
        foreach (var problem in problems)
        {
            report.AppendLine(problem);
        }
        var path = Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "klima-tsql-recorded.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, report.ToString());
        TestContext.Progress.WriteLine(summary);
        if (problems.Count > 0)
        {
            Assert.Fail(report.ToString());
        }
    }

    [GeneratedRegex(@"/\*d(\d+)\*/(.*?)/\*d\1\*/", RegexOptions.Singleline)]
    private static partial Regex MarkedFragment();
}

/// <summary>SQLite's dialect, each fragment marked with the SQL Server rendering of the same call.</summary>
internal sealed class RecordingDialect(ISqlDialect sqlite) : ISqlDialect
{
    private static readonly SqlServerDialect SqlServer = new();

    public DatabaseProvider Provider => sqlite.Provider;

    public string Limit(string takeParameter) =>
        SqlCommandLog.Mark($"Limit({takeParameter})", sqlite.Limit(takeParameter), SqlServer.Limit(takeParameter));

    public string LimitOffset(string takeParameter, string skipParameter) =>
        SqlCommandLog.Mark($"LimitOffset({takeParameter},{skipParameter})", sqlite.LimitOffset(takeParameter, skipParameter), SqlServer.LimitOffset(takeParameter, skipParameter));

    public string ContainsText(string column, string patternParameter) =>
        SqlCommandLog.Mark($"ContainsText({column},{patternParameter})", sqlite.ContainsText(column, patternParameter), SqlServer.ContainsText(column, patternParameter));

    public bool IsUniqueViolation(DbException exception) => sqlite.IsUniqueViolation(exception);

    public string CreateJournalTable => SqlCommandLog.Mark("CreateJournalTable", sqlite.CreateJournalTable, SqlServer.CreateJournalTable);

    public bool StoresValuesAsText => sqlite.StoresValuesAsText;

    public string JsonArrayRows(string parameter, string alias, IReadOnlyList<string> columnTypes) =>
        SqlCommandLog.Mark($"JsonArrayRows({parameter},{alias},{string.Join('|', columnTypes)})", sqlite.JsonArrayRows(parameter, alias, columnTypes),
            SqlServer.JsonArrayRows(parameter, alias, columnTypes));
}

internal sealed class RecordingConnectionFactory(IDbConnectionFactory inner) : IDbConnectionFactory
{
    public ISqlDialect Dialect { get; } = new RecordingDialect(inner.Dialect);

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        new RecordingConnection(await inner.OpenAsync(cancellationToken));

    /// <summary>The API's own read leases (on SQLite its pool of prepared commands, which the tests so run); each command text is recorded.</summary>
    public async Task<ReadLease> ReadAsync(CancellationToken cancellationToken) => new RecordingLease(await inner.ReadAsync(cancellationToken));

    /// <summary>The API's own write leases (on SQLite its one writer connection, which the tests so run); each command text is recorded.</summary>
    public async Task<WriteLease> WriteAsync(CancellationToken cancellationToken) => new RecordingWriteLease(await inner.WriteAsync(cancellationToken));

    /// <summary>The API's own grouped writes (on SQLite group commit on its writer connection); each command text is recorded.</summary>
    public Task<T> WriteGroupedAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        inner.WriteGroupedAsync((connection, transaction, ct) => work(new RecordingConnection(connection), transaction, ct), cancellationToken);

    /// <summary>The decorated factory (the API's own).</summary>
    public IDbConnectionFactory Inner => inner;
}

/// <summary>A read lease whose command texts are recorded as they are handed out.</summary>
internal sealed class RecordingLease(ReadLease inner) : ReadLease
{
    public override DbConnection Connection => inner.Connection;

    public override DbCommand Command(string sql)
    {
        SqlCommandLog.Record(sql);
        return inner.Command(sql);
    }

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>A write lease whose connection hands out recording commands; the lease (not the wrapper) owns the connection.</summary>
internal sealed class RecordingWriteLease(WriteLease inner) : WriteLease
{
    private readonly RecordingConnection _connection = new(inner.Connection);

    public override DbConnection Connection => _connection;

    public override DbTransaction Transaction => inner.Transaction;

    public override ValueTask DisposeAsync() => inner.DisposeAsync();
}

/// <summary>A connection that hands out recording commands and otherwise is the provider's own.</summary>
internal sealed class RecordingConnection(DbConnection inner) : DbConnection, IWrappedConnection
{
    public DbConnection Inner => inner;

    [AllowNull]
    public override string ConnectionString
    {
        get => inner.ConnectionString;
        set => inner.ConnectionString = value;
    }

    public override string Database => inner.Database;
    public override string DataSource => inner.DataSource;
    public override string ServerVersion => inner.ServerVersion;
    public override ConnectionState State => inner.State;
    public override void ChangeDatabase(string databaseName) => inner.ChangeDatabase(databaseName);
    public override void Close() => inner.Close();
    public override void Open() => inner.Open();
    public override Task OpenAsync(CancellationToken cancellationToken) => inner.OpenAsync(cancellationToken);
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => inner.BeginTransaction(isolationLevel);

    protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
        await inner.BeginTransactionAsync(isolationLevel, cancellationToken);

    protected override DbCommand CreateDbCommand() => new RecordingCommand(inner.CreateCommand());

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}

internal sealed class RecordingCommand(DbCommand inner) : DbCommand
{
    [AllowNull]
    public override string CommandText
    {
        get => inner.CommandText;
        set => inner.CommandText = value;
    }

    public override int CommandTimeout
    {
        get => inner.CommandTimeout;
        set => inner.CommandTimeout = value;
    }

    public override CommandType CommandType
    {
        get => inner.CommandType;
        set => inner.CommandType = value;
    }

    public override bool DesignTimeVisible
    {
        get => inner.DesignTimeVisible;
        set => inner.DesignTimeVisible = value;
    }

    public override UpdateRowSource UpdatedRowSource
    {
        get => inner.UpdatedRowSource;
        set => inner.UpdatedRowSource = value;
    }

    protected override DbConnection? DbConnection
    {
        get => inner.Connection;
        set => inner.Connection = value is RecordingConnection recording ? recording.Inner : value;
    }

    protected override DbParameterCollection DbParameterCollection => inner.Parameters;

    protected override DbTransaction? DbTransaction
    {
        get => inner.Transaction;
        set => inner.Transaction = value;
    }

    public override void Cancel() => inner.Cancel();
    protected override DbParameter CreateDbParameter() => inner.CreateParameter();
    public override void Prepare() => inner.Prepare();

    public override int ExecuteNonQuery()
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteNonQuery();
    }

    public override object? ExecuteScalar()
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteScalar();
    }

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteReader(behavior);
    }

    public override Task<int> ExecuteNonQueryAsync(CancellationToken cancellationToken)
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteNonQueryAsync(cancellationToken);
    }

    public override Task<object?> ExecuteScalarAsync(CancellationToken cancellationToken)
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteScalarAsync(cancellationToken);
    }

    protected override Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
    {
        SqlCommandLog.Record(inner.CommandText);
        return inner.ExecuteReaderAsync(behavior, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        await base.DisposeAsync();
    }
}
