using System.Net;
using Dapper;
using Klima.Api.Features.Routing;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Routing;

/// <summary>
/// Creating a case routes it on the model's routing inputs cached per process and keyed by the routing version (migration
/// 0260, <c>RoutingInputs</c>): a change to a rule, an interest, a body or the parties, through the API or straight SQL
/// on another connection (as another API instance would write), is used by the very next case; cases do not move the version.
/// </summary>
public sealed class RoutingInputsCacheTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<long> RoutingVersionAsync()
    {
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT version FROM routing_version WHERE id = 1");
    }

    private async Task ExecuteElsewhereAsync(string sql, object? args = null)
    {
        // A connection of its own, outside any handler: what another API instance on the same database would commit.
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        (await connection.ExecuteAsync(sql, args)).ShouldBeGreaterThan(0);
    }

    [Test]
    public async Task A_rule_added_through_the_API_and_retired_elsewhere_routes_the_next_case_each_time()
    {
        // The first case warms the cache.
        (await Client.CreateCaseAsync(Seed.NewCase("dialogue"))).Route.RuleCode.ShouldBe("dialogue");
        (await Client.CreateCaseAsync(Seed.NewCase("dialogue"))).Route.RuleCode.ShouldBe("dialogue");

        using var created = await PostAsync("/api/routing/rules", new
        {
            governanceModelId = Seed.Model, code = "dialogue-cached", name = "Dialog, orientering af KKR", interest = "dialogue", priority = 1,
            steps = new[] { new { stageOrdinal = 1, stageName = "Orientering", bodyId = Seed.Kkr, role = "orientation", authoritative = false } },
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        (await Client.CreateCaseAsync(Seed.NewCase("dialogue"))).Route.RuleCode.ShouldBe("dialogue-cached");

        await ExecuteElsewhereAsync("UPDATE routing_rule SET deleted_at = modified_at WHERE code = 'dialogue-cached' AND governance_model_id = @Model", new { Model = Seed.Model });
        (await Client.CreateCaseAsync(Seed.NewCase("dialogue"))).Route.RuleCode.ShouldBe("dialogue");
    }

    [Test]
    public async Task An_interest_retired_elsewhere_is_refused_for_the_next_case()
    {
        (await Client.CreateCaseAsync(Seed.NewCase("financing"))).Route.RuleCode.ShouldNotBeNull();

        await ExecuteElsewhereAsync("UPDATE case_interest SET deleted_at = '2026-01-01T00:00:00.0000000+00:00' WHERE code = 'financing' AND governance_model_id = @Model",
            new { Model = Seed.Model });
        using var refused = await PostAsync("/api/cases", Seed.NewCase("financing"));
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await refused.ReadJsonAsync())["rule"]!.GetValue<string>().ShouldBe("interest-known");
    }

    [Test]
    public async Task Cases_leave_the_routing_version_alone_and_every_table_routing_reads_moves_it()
    {
        await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true));
        var before = await RoutingVersionAsync();
        await Client.CreateCaseAsync(Seed.NewCase("joint", councils: true));
        (await RoutingVersionAsync()).ShouldBe(before);

        string[] touches =
        [
            "UPDATE routing_rule SET name = name WHERE governance_model_id = @Model",
            "UPDATE routing_rule_step SET note = note WHERE routing_rule_id IN (SELECT id FROM routing_rule WHERE governance_model_id = @Model)",
            "UPDATE body SET name = name WHERE governance_model_id = @Model",
            "UPDATE governance_model_party SET role = role WHERE governance_model_id = @Model",
            "UPDATE organisation SET name = name WHERE id IN (SELECT organisation_id FROM governance_model_party WHERE governance_model_id = @Model)",
            "UPDATE case_interest SET name = name WHERE governance_model_id = @Model",
        ];
        foreach (var sql in touches)
        {
            var version = await RoutingVersionAsync();
            await ExecuteElsewhereAsync(sql, new { Model = Seed.Model });
            (await RoutingVersionAsync()).ShouldBeGreaterThan(version, sql);
        }
    }
}
