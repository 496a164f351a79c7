using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Klima.Api.Infrastructure.Data;

/// <summary>
/// Applies the plain-SQL scripts under db/migrations (schema) and then db/seed/&lt;set&gt; (data), in name order,
/// the pending ones in one transaction, recording name and checksum in <c>schema_journal</c>. A script that was edited
/// after it was applied stops start-up: history is repaired with a new script, never by rewriting an old one.
/// A file named <c>NNNN_x.sqlite.sql</c> or <c>NNNN_x.sqlserver.sql</c> is the variant for that database only.
/// </summary>
internal sealed partial class Migrator(IDbConnectionFactory connections, ILogger<Migrator> logger)
{
    public sealed record Script(string Name, string Sql)
    {
        // Computed from Sql on every read, so a copy made with `with { Sql = ... }` never carries a stale checksum.
        public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n")))).ToLowerInvariant();
    }

    public static IReadOnlyList<Script> LoadScripts(DatabaseProvider provider, string prefix, Assembly? assembly = null)
    {
        assembly ??= typeof(Migrator).Assembly;
        var own = provider == DatabaseProvider.Sqlite ? ".sqlite.sql" : ".sqlserver.sql";
        var other = provider == DatabaseProvider.Sqlite ? ".sqlserver.sql" : ".sqlite.sql";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal)
                        && (n.EndsWith(".sql", StringComparison.Ordinal) || Features.ModelDocuments.ModelDocumentSeed.IsModelDocument(n)))
            .Where(n => !n.EndsWith(other, StringComparison.Ordinal))
            .Select(n => new Script(
                n.EndsWith(own, StringComparison.Ordinal) ? n[..^own.Length] + ".sql" : n,
                ReadResource(assembly, n)))
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public async Task<int> MigrateAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        var scripts = LoadScripts(connections.Dialect.Provider, "db/migrations/").ToList();
        if (!string.Equals(options.Seed, "none", StringComparison.OrdinalIgnoreCase))
        {
            scripts.AddRange(LoadScripts(connections.Dialect.Provider, $"db/seed/{options.Seed}/"));
        }
        if (options.DemoData)
        {
            scripts.AddRange(LoadScripts(connections.Dialect.Provider, "db/seed/demo/"));
        }
        var applied = await ApplyAsync(scripts, cancellationToken).ConfigureAwait(false);
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        await AuditTriggers.EnsureAsync(connection, connections.Dialect.Provider, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    public async Task<int> ApplyAsync(IReadOnlyList<Script> scripts, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
        var provider = connections.Dialect.Provider;
        if (provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers work while one writer commits; it is a property of the file, set once.
            await connection.ExecuteAsync("PRAGMA journal_mode=WAL;").ConfigureAwait(false);
        }
        await connection.ExecuteAsync(connections.Dialect.CreateJournalTable).ConfigureAwait(false);

        var applied = (await connection.QueryAsync<(string Name, string Checksum)>(
                "SELECT name, checksum FROM schema_journal").ConfigureAwait(false))
            .ToDictionary(r => r.Name, r => r.Checksum, StringComparer.Ordinal);

        var pending = new List<Script>();
        var replacedOnly = new List<Script>();
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Name, out var checksum))
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration '{script.Name}' was edited after it was applied (checksum {checksum} in the journal, {script.Checksum} now). " +
                        "Restore the original file and add a new migration for the change.");
                }
                continue;
            }
            if (Replaces(script) is { Count: > 0 } replaced && replaced.All(applied.ContainsKey))
            {
                // A database seeded before the script was split off from the ones it names already holds its rows.
                replacedOnly.Add(script);
                continue;
            }
            pending.Add(script);
        }
        foreach (var script in replacedOnly)
        {
            await connection.ExecuteAsync(
                "INSERT INTO schema_journal (name, checksum, applied_at) VALUES (@Name, @Checksum, @AppliedAt)",
                new { script.Name, script.Checksum, AppliedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
            logger.LogInformation("Script {Name} recorded without running: the scripts it replaces were applied", script.Name);
        }
        if (pending.Count > 0)
        {
            await ApplyAllAsync(connection, provider, pending, cancellationToken).ConfigureAwait(false);
        }
        return pending.Count;
    }

    /// <summary>
    /// The pending scripts go in together, in one transaction: a start-up either reaches the new schema or leaves the old
    /// one, never a half-migrated database, and a fresh database costs one commit (one fsync) instead of one per script.
    /// </summary>
    private async Task ApplyAllAsync(DbConnection connection, DatabaseProvider provider, List<Script> scripts, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var script in scripts)
        {
            try
            {
                if (Features.ModelDocuments.ModelDocumentSeed.IsModelDocument(script.Name))
                {
                    // A seed's governance model is a model document, loaded through the same import as the API's.
                    var imported = await Features.ModelDocuments.ModelDocumentSeed.ApplyAsync(connection, transaction, script.Name, script.Sql, typeof(Migrator).Assembly,
                        cancellationToken).ConfigureAwait(false);
                    logger.LogInformation("Model document {Name}: {Created} created, {Changed} changed, {Unchanged} unchanged",
                        script.Name, imported.Created, imported.Changed, imported.Unchanged);
                }
                else if (DemoData.IsDemoScript(script.Name))
                {
                    // Demo data goes through the composition rules, so that it never breaks them on a database with real appointments.
                    foreach (var skipped in await DemoData.ApplyAsync(connection, transaction, script.Sql, cancellationToken).ConfigureAwait(false))
                    {
                        logger.LogWarning("Demo membership {Membership} (person {Person}, seat {Seat}) was not loaded: rule {Rule}. {Reason}",
                            skipped.MembershipId, skipped.PersonId, skipped.SeatId, skipped.Rule, skipped.Reason);
                    }
                }
                else
                {
                    var batches = provider == DatabaseProvider.SqlServer ? GoSeparator().Split(script.Sql) : [script.Sql];
                    foreach (var batch in batches.Where(b => !string.IsNullOrWhiteSpace(b)))
                    {
                        await connection.ExecuteAsync(new CommandDefinition(batch, transaction: transaction, commandTimeout: 600, cancellationToken: cancellationToken)).ConfigureAwait(false);
                    }
                }
                await connection.ExecuteAsync(
                    "INSERT INTO schema_journal (name, checksum, applied_at) VALUES (@Name, @Checksum, @AppliedAt)",
                    new { script.Name, script.Checksum, AppliedAt = DateTimeOffset.UtcNow }, transaction).ConfigureAwait(false);
            }
            catch (DbException ex)
            {
                throw new InvalidOperationException(
                    $"Migration '{script.Name}' failed; it and the {scripts.Count - 1} other pending scripts were rolled back: {ex.Message}", ex);
            }
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Applied {Count} scripts: {Scripts}", scripts.Count, string.Join(", ", scripts.Select(s => s.Name)));
    }

    /// <summary>
    /// The scripts a seed script replaces, from its first line <c>-- replaces: 0001_a.sql, 0010_b.sql</c> (names in the same
    /// folder): when all of them were applied, the script is journalled without running, since its rows are already there.
    /// </summary>
    public static IReadOnlyList<string> Replaces(Script script)
    {
        var match = ReplacesHeader().Match(script.Sql);
        if (!match.Success)
        {
            return [];
        }
        var folder = script.Name[..(script.Name.LastIndexOf('/') + 1)];
        return match.Groups["names"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(n => folder + n).ToList();
    }

    [GeneratedRegex(@"\A--\s*replaces:\s*(?<names>[^\r\n]+)")]
    private static partial Regex ReplacesHeader();

    [GeneratedRegex(@"^\s*GO\s*;?\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
