using Dapper;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Features.Cases;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>
/// The data version moves once per writing transaction (migration 0280, issue 19), and still for every write: an API write
/// transaction moves it when it begins and the audit log's trigger leaves it alone for the rest of that transaction; any
/// other audited write (autocommit, a transaction begun some other way, a connection outside the API) moves it itself.
/// </summary>
public sealed class DataVersionOncePerTransactionTests(DatabaseLane lane) : ApiTest(lane)
{
    private IDbConnectionFactory Connections => Factory.Services.GetRequiredService<IDbConnectionFactory>();

    private async Task<long> VersionAsync()
    {
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        return await DataVersion.ReadAsync(connection, CancellationToken.None);
    }

    private async Task<Guid> OrganisationAsync()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "foundation", name = $"Versionsfond {Guid.NewGuid():N}" });
        await created.ShouldHaveStatus(System.Net.HttpStatusCode.Created);
        return (await created.ReadJsonAsync())!["id"]!.GetValue<Guid>();
    }

    [Test]
    public async Task Creating_a_routed_case_writes_many_audit_rows_and_moves_the_version_once()
    {
        var before = await VersionAsync();
        var created = await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true));
        var after = await VersionAsync();

        created.Steps().Count().ShouldBeGreaterThan(10);
        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'case_step' AND after_json LIKE @Case",
            new { Case = $"%{created.Id}%" })).ShouldBe(created.Steps().Count());
        if (Lane == DatabaseLane.Sqlite)
        {
            after.ShouldBe(before + 1);
        }
        else
        {
            after.ShouldBeGreaterThan(before);
        }
    }

    [Test]
    public async Task After_an_API_transaction_ends_a_write_on_the_same_connection_moves_the_version_again()
    {
        var organisation = await OrganisationAsync();
        await using var connection = await Connections.OpenAsync(CancellationToken.None);

        // Committed: the next write on this connection, in autocommit, moves the version itself.
        await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = $"Fond A {Guid.NewGuid():N}", Id = organisation }, transaction);
            await transaction.CommitAsync();
        }
        var afterCommit = await VersionAsync();
        await connection.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = $"Fond B {Guid.NewGuid():N}", Id = organisation });
        (await VersionAsync()).ShouldBeGreaterThan(afterCommit);

        // Rolled back: a transaction begun without BeginWriteAsync on this connection moves it through the trigger.
        await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
        {
            await transaction.RollbackAsync();
        }
        var afterRollback = await VersionAsync();
        await using (var plain = await connection.BeginTransactionAsync())
        {
            await connection.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = $"Fond C {Guid.NewGuid():N}", Id = organisation }, plain);
            await plain.CommitAsync();
        }
        (await VersionAsync()).ShouldBeGreaterThan(afterRollback);
    }

    [Test]
    public async Task A_write_from_a_connection_outside_the_API_moves_the_version()
    {
        if (Lane != DatabaseLane.Sqlite)
        {
            Assert.Ignore("A SQLite connection of its own: the SQL Server trigger moves the version once per statement, as before.");
        }
        var organisation = await OrganisationAsync();
        var before = await VersionAsync();
        string connectionString;
        await using (var api = await Connections.OpenAsync(CancellationToken.None))
        {
            connectionString = new SqliteConnectionStringBuilder(api.ConnectionString) { Pooling = false }.ToString();
        }

        // A script's own connection: it registers what the audit triggers ask for, and knows nothing of the API's write state.
        await using (var script = new SqliteConnection(connectionString))
        {
            await script.OpenAsync();
            script.CreateFunction("klima_actor", () => "script");
            script.CreateFunction("klima_data_version_moved", () => 0);
            await using var transaction = await script.BeginTransactionAsync();
            await script.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = $"Scriptfond {Guid.NewGuid():N}", Id = organisation.ToString() }, transaction);
            await transaction.CommitAsync();
        }

        (await VersionAsync()).ShouldBeGreaterThan(before);
        (await GetJsonAsync($"/api/organisations/{organisation}"))["name"]!.GetValue<string>().ShouldStartWith("Scriptfond");
    }
}
