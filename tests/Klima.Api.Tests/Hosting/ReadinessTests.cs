using System.Net;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Hosting;

/// <summary>
/// The load balancer's probes, anonymous: /health/live says the process runs; /health/ready asks the database (a query
/// on the migration journal), so an instance whose database is unreachable or not migrated leaves the rotation.
/// </summary>
public sealed class ReadinessTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task Ready_while_the_database_answers_and_503_once_it_no_longer_does()
    {
        using var anonymous = CreateClient(role: null);
        using (var live = await anonymous.GetAsync("/health/live"))
        {
            live.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using (var ready = await anonymous.GetAsync("/health/ready"))
        {
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }

        // The newest migration not applied (a new version deployed before its migration step): not ready. Then the
        // journal gone (a database that is not this application's): not ready either. This fixture's database is its own.
        var latest = Klima.Api.Infrastructure.Data.Migrator.LoadScripts(Lane == DatabaseLane.Sqlite ? DatabaseProvider.Sqlite : DatabaseProvider.SqlServer, "db/migrations/")[^1].Name;
        foreach (var sql in new[] { "DELETE FROM schema_journal WHERE name = @Latest", "DROP TABLE schema_journal" })
        {
            await using (var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
            {
                await connection.ExecuteAsync(sql, new { Latest = latest });
            }
            using var ready = await anonymous.GetAsync("/health/ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, sql);
            (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");
        }
        using (var live = await anonymous.GetAsync("/health/live"))
        {
            live.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
