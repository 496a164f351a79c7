using System.Net;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;
using static Klima.Api.Features.Audit.ListAuditEntries;

namespace Klima.Api.Tests.Security;

public sealed class AuditTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task Every_change_is_audited_with_actor_and_before_and_after()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "other", name = "Revideret" });
        var organisation = await created.ReadAsync<OrganisationResponse>();
        var etag = created.ETag();
        for (var i = 1; i <= 3; i++)
        {
            using var updated = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation.Id}", new { kind = "other", name = $"Revideret {i}" }, etag);
            await updated.ShouldHaveStatus(HttpStatusCode.OK);
            etag = updated.ETag();
        }
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/organisations/{organisation.Id}", ifMatch: etag);
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);

        var entries = (await GetAsync<Page<AuditEntry>>($"/api/audit?entityType=organisation&entityId={organisation.Id}")).Items;
        entries.Select(e => e.Action).ShouldBe(["insert", "update", "update", "update", "update"]);
        entries.ShouldAllBe(e => e.Actor == "test-administrator");
        JsonNode.Parse(entries[1].BeforeJson!)!["name"]!.GetValue<string>().ShouldBe("Revideret");
        JsonNode.Parse(entries[1].AfterJson!)!["name"]!.GetValue<string>().ShouldBe("Revideret 1");
        JsonNode.Parse(entries[4].AfterJson!)!["deleted_at"].ShouldNotBeNull();
    }

    [Test]
    public async Task Newest_first_pages_back_through_time_without_skipping_or_repeating()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "other", name = "Nyeste" });
        var organisation = await created.ReadAsync<OrganisationResponse>();
        var etag = created.ETag();
        for (var i = 1; i <= 4; i++)
        {
            using var updated = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation.Id}", new { kind = "other", name = $"Nyeste {i}" }, etag);
            etag = updated.ETag();
        }

        var entries = new List<AuditEntry>();
        string? next = $"/api/audit?entityType=organisation&entityId={organisation.Id}&newestFirst=true&limit=2";
        while (next is not null)
        {
            var page = await GetAsync<Page<AuditEntry>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            entries.AddRange(page.Items);
            next = page.Next;
        }
        entries.Select(e => e.Action).ShouldBe(["update", "update", "update", "update", "insert"]);
        entries.Select(e => e.Id).Distinct().Count().ShouldBe(5);
        JsonNode.Parse(entries[0].AfterJson!)!["name"]!.GetValue<string>().ShouldBe("Nyeste 4");
        entries.Select(e => e.OccurredAt).ShouldBeInOrder(SortDirection.Descending);

        var oldestFirst = (await GetAsync<Page<AuditEntry>>($"/api/audit?entityType=organisation&entityId={organisation.Id}")).Items;
        oldestFirst.Select(e => e.Id).ShouldBe(entries.Select(e => e.Id).Reverse());
    }

    [Test]
    public async Task Readers_cannot_query_the_audit_log()
    {
        using var reader = CreateClient("secretariat");
        (await reader.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class AuditLogIsAppendOnlyTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_application_cannot_rewrite_or_delete_audit_entries()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "other", name = "Spor" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var db = Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await Should.ThrowAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("UPDATE audit_log SET actor = 'someone else'"));
        await Should.ThrowAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync("DELETE FROM audit_log"));
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log")).ShouldBeGreaterThan(0);
    }
}
