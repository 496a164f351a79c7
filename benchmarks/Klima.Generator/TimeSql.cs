using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using Klima.Api.Infrastructure.Data;

namespace Klima.Generator;

/// <summary>
/// <c>Klima.Generator time-sql --db FILE --sql-file FILE [--runs 20]</c>: runs one SQL text through the API's own
/// connection factory (Microsoft.Data.Sqlite with its bundled SQLite), reads every row, and prints the timings as JSON
/// together with the scripts that make the sqlite3 tool run the identical text on the same file (timer on) and show
/// its query plan, so that scripts/bench.sh compares like with like.
/// </summary>
internal static class TimeSql
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? db = null, sqlFile = null;
        var runs = 20;
        var handlerRuns = 0;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db": db = args[++i]; break;
                case "--sql-file": sqlFile = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--handler-runs": handlerRuns = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"unknown option {args[i]}");
                    return 2;
            }
        }
        if (db is null || sqlFile is null)
        {
            Console.Error.WriteLine("usage: Klima.Generator time-sql --db FILE --sql-file FILE [--runs 20]");
            return 2;
        }
        TypeHandlers.Register();
        var sql = await File.ReadAllTextAsync(sqlFile);
        var factory = new SqliteConnectionFactory(SqliteConnectionFactory.Prepare($"Data Source={Path.GetFullPath(db)}", Directory.GetCurrentDirectory()));
        await using var connection = await factory.OpenAsync(CancellationToken.None);
        var version = await connection.ExecuteScalarAsync<string>("SELECT sqlite_version()");
        // What the API's connections run with (it sets neither): the bench notes them next to the write figures.
        var synchronous = await connection.ExecuteScalarAsync<long>("PRAGMA synchronous");
        var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA cache_size");
        long rows = 0, lines = 0;
        var times = new List<double>();
        for (var run = -2; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            (rows, lines) = await ReadAllAsync(connection, sql);
            watch.Stop();
            if (run >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        var handler = handlerRuns > 0 ? await TimeRollupHandlerAsync(db, handlerRuns) : null;
        var cli = new StringBuilder(".timer on\n");
        for (var run = 0; run < runs; run++)
        {
            cli.AppendLine(sql.Trim());
        }
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            rows = lines,
            groups = rows,
            sqliteVersion = version,
            apiConnectionDefaults = new { synchronous = synchronous switch { 0 => "OFF", 1 => "NORMAL", 2 => "FULL", _ => "EXTRA" }, cacheSize },
            inProcess = new { runs, median = Math.Round(times[(times.Count - 1) / 2], 2), min = Math.Round(times[0], 2), max = Math.Round(times[^1], 2) },
            handler,
            sqliteCliScript = cli.ToString(),
            explainScript = "EXPLAIN QUERY PLAN " + string.Join('\n', sql.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))),
        }));
        return 0;
    }

    /// <summary>The API's rollup use case end to end (MediatR, validation, RollupEngine) over everything in force on 2026-06-30.</summary>
    private static async Task<object> TimeRollupHandlerAsync(string db, int runs)
    {
        var options = new GeneratorOptions(DatabaseProvider.Sqlite, Path.GetFullPath(db), null, 1, 0, false);
        await using var services = Services.Build(options, new SimulatedClock(new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero)));
        var context = new GenerationContext(services, options, new SimulatedClock(DateTimeOffset.UtcNow), new Dice(0), new Progress());
        // A rollup covers one partnership (issue 14): the one with the most programmes, i.e. the most money.
        var model = (await context.QueryAsync<(Guid Model, int Programmes)>(
            "SELECT governance_model_id, COUNT(*) FROM funding_programme WHERE deleted_at IS NULL GROUP BY governance_model_id"))
            .OrderByDescending(m => m.Programmes).Select(m => (Guid?)m.Model).FirstOrDefault();
        var query = new Klima.Api.Features.Financing.Reports.GetRollup.Query
        {
            GovernanceModelId = model, AsOf = new DateOnly(2026, 6, 30), GroupBy = "programme,period,payer,costType",
        };
        var times = new List<double>();
        var rows = 0;
        for (var run = -1; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var result = await context.SendAsync(query);
            watch.Stop();
            rows = result.Rows.Count;
            if (run >= 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        times.Sort();
        return new { runs, groups = rows, median = Math.Round(times[(times.Count - 1) / 2], 1), min = Math.Round(times[0], 1), max = Math.Round(times[^1], 1) };
    }

    private static async Task<(long Rows, long Lines)> ReadAllAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var linesColumn = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == "lines", -1);
        long rows = 0, lines = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
            lines += linesColumn >= 0 ? reader.GetInt64(linesColumn) : 1;
        }
        return (rows, lines);
    }
}
