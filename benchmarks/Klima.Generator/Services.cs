using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Mediation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace Klima.Generator;

/// <summary>The API's own data layer and mediator (handlers, validation behaviour), wired as Program.cs wires them.</summary>
internal static class Services
{
    public static ServiceProvider Build(GeneratorOptions options, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = options.Provider.ToString(),
            ["Database:MigrateOnStartup"] = "true",
            ["Database:Seed"] = "north-jutland",
            ["ConnectionStrings:Klima"] = options.Provider == DatabaseProvider.Sqlite ? $"Data Source={options.Database}" : options.Connection,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddSingleton<ICurrentUser>(SystemUser.Instance);
        var environment = new HostingEnvironment { ContentRootPath = Directory.GetCurrentDirectory(), EnvironmentName = "Production" };
        // CreateCase asks for the host environment (its error details differ in Development).
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(environment);
        services.AddKlimaDatabase(configuration, environment);
        // A bulk load does not need every commit on the platter: the file is synced once at the end (the API's own
        // connections are unaffected: both are per-connection settings). The large page cache keeps the random-key
        // index pages (GUID ids, the audit log) in memory instead of spilling them to the WAL many times per transaction.
        services.AddSingleton<IDbConnectionFactory>(p => new BulkLoadConnections(CreateApiFactory(p, configuration, options)));
        services.AddMediation(typeof(Migrator).Assembly);
        return services.BuildServiceProvider();
    }

    private static IDbConnectionFactory CreateApiFactory(IServiceProvider provider, IConfiguration configuration, GeneratorOptions options) =>
        options.Provider == DatabaseProvider.Sqlite
            ? new SqliteConnectionFactory(SqliteConnectionFactory.Prepare(configuration.GetConnectionString("Klima"), Directory.GetCurrentDirectory()))
            : new SqlServerConnectionFactory(options.Connection!);

    private sealed class BulkLoadConnections(IDbConnectionFactory inner) : IDbConnectionFactory
    {
        public ISqlDialect Dialect => inner.Dialect;

        public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = await inner.OpenAsync(cancellationToken);
            if (inner.Dialect.Provider == DatabaseProvider.Sqlite)
            {
                await connection.ExecuteAsync("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;");
            }
            return connection;
        }
    }
}
