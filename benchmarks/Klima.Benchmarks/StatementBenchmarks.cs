using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;

namespace Klima.Benchmarks;

/// <summary>
/// Issue 19, item 3: what preparing every statement on every request costs, before building a statement cache. The current
/// path (a pooled open through the API's connection factory, Dapper preparing the SQL, the reader mapped) is the baseline;
/// against it, in the same run: the same Dapper call on a connection kept open (what a pool of our own would save on the
/// open), and a command prepared once and re-executed on that kept-open connection with Dapper's row parser (what a
/// per-connection statement cache would save on top). Microsoft.Data.Sqlite keeps no statements across pooled opens: a
/// SqliteCommand's prepared statements belong to one SqliteConnection object, which is new at every open.
/// </summary>
[MemoryDiagnoser]
public class StatementBenchmarks
{
    public sealed class OrganisationRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Cvr { get; init; }
        public string? MunicipalityCode { get; init; }
        public int Version { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset ModifiedAt { get; init; }
    }

    private const string Sql = """
        SELECT id, name, kind, cvr, municipality_code, version, created_at, modified_at
        FROM organisation WHERE id = @Id AND deleted_at IS NULL
        """;

    private string _file = "";
    private SqliteConnectionFactory _factory = null!;
    private SqliteConnection _open = null!;
    private SqliteCommand _prepared = null!;
    private SqliteParameter _id = null!;
    private Func<DbDataReader, OrganisationRow> _parser = null!;
    private Guid[] _ids = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        TypeHandlers.Register();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        _file = Path.Combine(Path.GetTempPath(), $"klima-statements-{Guid.NewGuid():N}.db");
        _factory = new SqliteConnectionFactory(SqliteConnectionFactory.Prepare($"Data Source={_file}", Path.GetTempPath()));
        using (var setup = _factory.OpenAsync(CancellationToken.None).GetAwaiter().GetResult())
        {
            setup.Execute("""
                PRAGMA journal_mode=WAL;
                CREATE TABLE organisation (id UNIQUEIDENTIFIER NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, kind NVARCHAR(40) NOT NULL,
                    cvr NVARCHAR(8) NULL, municipality_code NVARCHAR(3) NULL, version INT NOT NULL, created_at DATETIMEOFFSET NOT NULL,
                    modified_at DATETIMEOFFSET NOT NULL, deleted_at DATETIMEOFFSET NULL);
                """);
            var now = DateTimeOffset.UtcNow;
            _ids = Enumerable.Range(0, 500).Select(i => Guid.CreateVersion7(now.AddMilliseconds(i))).ToArray();
            using var transaction = setup.BeginTransaction();
            foreach (var (id, i) in _ids.Select((id, i) => (id, i)))
            {
                setup.Execute("INSERT INTO organisation VALUES (@Id, @Name, 'municipality', '29189900', @Code, 1, @Now, @Now, NULL)",
                    new { Id = id, Name = $"Kommune {i}", Code = (100 + i % 900).ToString(System.Globalization.CultureInfo.InvariantCulture), Now = now }, transaction);
            }
            transaction.Commit();
        }
        _open = (SqliteConnection)_factory.OpenAsync(CancellationToken.None).GetAwaiter().GetResult();
        _prepared = _open.CreateCommand();
        _prepared.CommandText = Sql;
        _id = _prepared.Parameters.Add("@Id", SqliteType.Text);
        _id.Value = _ids[0].ToString();
        _prepared.Prepare();
        using var reader = _prepared.ExecuteReader();
        _parser = reader.GetRowParser<OrganisationRow>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _prepared.Dispose();
        _open.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    private Guid NextId() => _ids[_next++ % _ids.Length];

    [Benchmark(Baseline = true, Description = "pooled open + Dapper (prepares every time): the current path")]
    public async Task<OrganisationRow?> PooledOpenAndDapper()
    {
        await using var connection = await _factory.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(Sql, new { Id = NextId() }));
    }

    [Benchmark(Description = "kept-open connection + Dapper (prepares every time)")]
    public async Task<OrganisationRow?> KeptOpenAndDapper() =>
        await _open.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(Sql, new { Id = NextId() }));

    [Benchmark(Description = "kept-open connection + command prepared once, re-executed")]
    public async Task<OrganisationRow?> KeptOpenAndPrepared()
    {
        _id.Value = NextId().ToString();
        await using var reader = await _prepared.ExecuteReaderAsync();
        return await reader.ReadAsync() ? _parser(reader) : null;
    }
}
