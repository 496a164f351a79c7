using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Text.Json;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Klima.Generator;

/// <summary>
/// Fills a Klima database with national-scale data through the API's own code paths: its migrator and seed, its
/// MediatR commands (with their validators) where a use case exists, and otherwise the same SQL the handlers run.
/// <c>dotnet run --project benchmarks/Klima.Generator -c Release -- --db data/bench/national.db [--scale 1] [--seed 7]</c>
/// </summary>
internal static class Entry
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "time-sql")
        {
            return await TimeSql.RunAsync(args);
        }
        var options = GeneratorOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine("""
                usage: Klima.Generator --db FILE [--scale S] [--seed N] [--force]
                                       [--provider SqlServer --connection "Server=...;Database=..."]
                  --scale S   fraction of the national volumes (1 = 20,000 people, 100,000 cases, 1,000,000 budget lines)
                  --seed N    the data set is a function of seed and scale (default 20261122)
                  --force     delete an existing SQLite file first (otherwise an already generated file is reused)
                  --skip P    leave out parts: cases, financing (comma-separated)
                """);
            return 2;
        }

        var manifestPath = options.ManifestPath;
        Manifest? earlier = null;
        if (options.Provider == DatabaseProvider.Sqlite && File.Exists(options.Database))
        {
            var state = options.Force ? Manifest.State.Different : Manifest.Compare(manifestPath, options);
            if (state == Manifest.State.Same)
            {
                Console.Error.WriteLine($"{options.Database} was already generated with seed {options.Seed}, scale {options.Scale} and the current schema: reusing it (--force regenerates).");
                return 0;
            }
            if (state == Manifest.State.Extendable)
            {
                // Same seed and scale, newer schema (a feature was merged): migrate the file and generate only what is missing.
                Console.Error.WriteLine($"{options.Database}: same seed and scale, newer migrations: extending it with what is missing.");
                earlier = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifestPath), Manifest.Json);
                File.Delete(manifestPath);
            }
            else
            {
                foreach (var file in new[] { options.Database, options.Database + "-wal", options.Database + "-shm", manifestPath })
                {
                    File.Delete(file);
                }
            }
        }

        var progress = new Progress();
        Console.Error.WriteLine($"Generating Klima data: seed {options.Seed}, scale {options.Scale.ToString(CultureInfo.InvariantCulture)}, {options.Provider} {(options.Provider == DatabaseProvider.Sqlite ? options.Database : "(connection string)")}");
        var clock = new SimulatedClock(new DateTimeOffset(2017, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var services = Services.Build(options, clock);
        AuditActor.Current = "generator";

        using (var phase = progress.Start("migrations + north-jutland seed", 0))
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var applied = await services.GetRequiredService<Migrator>().MigrateAsync(database, CancellationToken.None);
            phase.Add(applied);
        }

        var context = new GenerationContext(services, options, clock, new Dice(options.Seed), progress);
        var manifest = new Manifest { Seed = options.Seed, Scale = options.Scale, Provider = options.Provider.ToString(), Fingerprint = Manifest.CurrentFingerprint(options.Provider) };
        await new GovernanceGenerator(context).RunAsync(manifest);
        if (options.Skip?.Contains("cases") != true)
        {
            CasesGenerator.Register();
        }
        if (options.Skip?.Contains("financing") != true)
        {
            FinancingGenerator.Register();
        }
        foreach (var part in Parts.All)
        {
            await part(context, manifest);
        }

        using (var phase = progress.Start("analyze (query planner statistics)", 0))
        {
            await context.ExecuteAsync(options.Provider == DatabaseProvider.Sqlite ? "PRAGMA optimize=0x10002; PRAGMA wal_checkpoint(TRUNCATE);" : "EXEC sp_updatestats;");
        }

        // An extended file's time is its first generation's plus the extension's, phase by phase.
        manifest.Seconds = Math.Round((earlier?.Seconds ?? 0) + progress.Elapsed.TotalSeconds, 1);
        manifest.Phases = (earlier?.Phases ?? []).Concat(progress.Phases.Select(p => new Manifest.PhaseTiming(p.Phase, p.Rows, Math.Round(p.Seconds, 2)))).ToList();
        manifest.Counts = await context.CountsAsync();
        await File.WriteAllTextAsync(manifestPath, JsonSerializer.Serialize(manifest, Manifest.Json));
        SqliteConnection.ClearAllPools();

        Console.Error.WriteLine("Rows per table:");
        foreach (var (table, count) in manifest.Counts)
        {
            Console.Error.WriteLine($"  {table,-28} {count,12:N0}");
        }
        Console.Error.WriteLine($"Generated in {progress.Elapsed.TotalSeconds:0.0} s; manifest: {manifestPath}");
        return 0;
    }
}
