using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Klima.Api.Features.Audit.ListAuditEntries;

namespace Klima.Api.Tests.Security;

/// <summary>Issue 13: every table is audited, link tables included (same transaction, actor, before and after).</summary>
public sealed class LinkTableAuditTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task A_cases_party_references_and_relations_are_audited_with_actor_and_row()
    {
        var created = await Client.CreateCaseAsync(new
        {
            title = "Revideret kobling", interest = "municipal", governanceModelId = Seed.Model, councilDecisionRequired = false, relatedCaseIds = new[] { Seed.SeedCase },
            partyReferences = new[] { new { organisationId = Seed.Aalborg, localCaseNumber = "AAL-AUDIT-1" } },
        });
        var key = $"{created.Id}/{Seed.Aalborg}".ToLowerInvariant();
        var party = (await GetAsync<Page<AuditEntry>>($"/api/audit?entityType=case_party_reference&entityId={key}")).Items.ShouldHaveSingleItem();
        party.Action.ShouldBe("insert");
        party.Actor.ShouldBe("test-administrator");
        JsonNode.Parse(party.AfterJson!)!["local_case_number"]!.GetValue<string>().ShouldBe("AAL-AUDIT-1");
        var relation = (await GetAsync<Page<AuditEntry>>($"/api/audit?entityType=case_relation&entityId={$"{created.Id}/{Seed.SeedCase}".ToLowerInvariant()}")).Items;
        relation.ShouldHaveSingleItem().Action.ShouldBe("insert");
    }

    [Test]
    public async Task Every_table_has_its_audit_trigger_except_the_technical_ones()
    {
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var sqlite = Lane == DatabaseLane.Sqlite;
        var tables = (await connection.QueryAsync<string>(sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_TYPE = 'BASE TABLE' AND TABLE_SCHEMA = SCHEMA_NAME()")).ToList();
        var triggers = (await connection.QueryAsync<string>(sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT name FROM sys.triggers")).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var missing = tables
            .Where(t => !AuditTriggers.NotAudited.Contains(t) && !AuditLinkTriggers.Technical.Contains(t))
            .Where(t => !triggers.Contains(sqlite ? $"audit_{t}_insert" : $"audit_{t}"))
            .ToList();
        missing.ShouldBeEmpty();
        tables.ShouldContain("governance_model_party");
        tables.ShouldContain("funding_payer_member");
        tables.ShouldContain("case_interest");
    }
}
