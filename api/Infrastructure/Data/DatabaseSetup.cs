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
                DatabaseProvider.Sqlite => new SqliteConnectionFactory(SqliteConnectionFactory.Prepare(configured, environment.ContentRootPath), options.SqliteSynchronous),
                DatabaseProvider.SqlServer => new SqlServerConnectionFactory(
                    configured ?? throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Klima is not set.")),
                _ => throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'."),
            };
        });
        services.AddSingleton(p => p.GetRequiredService<IDbConnectionFactory>().Dialect);
        services.AddSingleton<Migrator>();
        return services;
    }

    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var migrate = options.MigrateOnStartup ?? options.Provider == DatabaseProvider.Sqlite;
        if (migrate)
        {
            await services.GetRequiredService<Migrator>().MigrateAsync(options, cancellationToken).ConfigureAwait(false);
        }
    }
}

internal sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM schema_journal").ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("The database is not reachable or not migrated.", ex);
        }
    }
}
