using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Klima.Api.Infrastructure.Data;

internal static class DatabaseSetup
{
    public static IServiceCollection AddKlimaDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        TypeHandlers.Register();
        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        services.AddSingleton<IDbConnectionFactory>(p =>
        {
            var options = p.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var configured = configuration.GetConnectionString("Klima");
            return options.Provider switch
            {
                DatabaseProvider.Sqlite => new SqliteConnectionFactory(SqliteConnectionFactory.Prepare(configured, environment.ContentRootPath), options.SqliteSynchronous,
                    options.SqliteWriteGate, options.SqliteWriterCacheKiB, options.SqliteCheckpointPages),
                DatabaseProvider.SqlServer => new SqlServerConnectionFactory(
                    configured ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Klima is not set.")),
                _ => throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'."),
            };
        });
        services.AddSingleton(p => p.GetRequiredService<IDbConnectionFactory>().Dialect);
        services.AddSingleton<Migrator>();
        return services;
    }

    /// <summary>Migrates when configured to; returns true when this run is the deploy step only (Database:MigrateOnly).</summary>
    public static async Task<bool> InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = options.MigrateOnly || (options.MigrateOnStartup ?? options.Provider == DatabaseProvider.Sqlite);
        if (migrate)
        {
            var applied = await services.GetRequiredService<Migrator>().MigrateAsync(options, cancellationToken).ConfigureAwait(false);
            if (options.MigrateOnly)
            {
                services.GetRequiredService<ILoggerFactory>().CreateLogger("Klima.Migrations")
                    .LogWarning("Database:MigrateOnly: {Count} scripts applied, the schema is current; exiting without serving.", applied);
            }
        }
        return options.MigrateOnly;
    }
}

/// <summary>
/// Readiness (/health/ready): the database answers and holds the newest migration this build knows. Where migrations
/// run as a deploy step (SQL Server), an instance of a new version stays out of the load balancer's rotation until then.
/// </summary>
internal sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    private readonly string _latest = Migrator.LoadScripts(connections.Dialect.Provider, "db/migrations/")[^1].Name;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            var current = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM schema_journal WHERE name = @Latest", new { Latest = _latest }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return current == 1
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"The database lacks migration {_latest}: run the deploy step (Database:MigrateOnly).");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable or not migrated.", ex);
        }
    }
}
