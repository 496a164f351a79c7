using System.Net;
using System.Text.Json.Nodes;
using Klima.Api.Features.Organisations;
using Klima.Api.Features.People;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;
using static Klima.Api.Features.Audit.ListAuditEntries;

namespace Klima.Api.Tests.Security;

/// <summary>An update that changes no field (a version bump, a row lock, a save of the same values) is not an audit entry.</summary>
public sealed class AuditNoChangeTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<List<AuditEntry>> EntriesAsync(string entityType, object entityId) =>
        (await GetAsync<Page<AuditEntry>>($"/api/audit?entityType={entityType}&entityId={entityId}&limit=200")).Items.ToList();

    [Test]
    public async Task Saving_the_same_values_again_bumps_the_version_but_logs_no_change()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "other", name = "Uændret" });
        var organisation = await created.ReadAsync<OrganisationResponse>();
        using var same = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation.Id}", new { kind = "other", name = "Uændret" }, created.ETag());
        await same.ShouldHaveStatus(HttpStatusCode.OK);
        (await same.ReadAsync<OrganisationResponse>()).Version.ShouldBe(2);
        using var renamed = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation.Id}", new { kind = "other", name = "Ændret" }, same.ETag());
        await renamed.ShouldHaveStatus(HttpStatusCode.OK);

        var entries = await EntriesAsync("organisation", organisation.Id);
        entries.Select(e => e.Action).ShouldBe(["insert", "update"]);
        JsonNode.Parse(entries[1].BeforeJson!)!["name"]!.GetValue<string>().ShouldBe("Uændret");
        JsonNode.Parse(entries[1].AfterJson!)!["name"]!.GetValue<string>().ShouldBe("Ændret");
    }

    [Test]
    public async Task Locking_a_body_to_appoint_a_member_logs_the_membership_and_not_the_body()
    {
        var before = await EntriesAsync("body", NorthJutland.DialogueForum);
        using var person = await PostAsync("/api/people", new { name = "Låst Organ", organisationId = NorthJutland.Thisted });
        await person.ShouldHaveStatus(HttpStatusCode.Created);
        var personId = (await person.ReadAsync<PersonResponse>()).Id;
        using var appointed = await PostAsync($"/api/bodies/{NorthJutland.DialogueForum}/memberships", new
        {
            personId, representsOrganisationId = NorthJutland.Thisted, validFrom = "2026-02-01", tiedToElectionTerm = false,
        });
        await appointed.ShouldHaveStatus(HttpStatusCode.Created);

        (await EntriesAsync("body", NorthJutland.DialogueForum)).Count.ShouldBe(before.Count);
        (await GetAsync<Page<AuditEntry>>("/api/audit?entityType=membership&limit=200")).Items
            .ShouldContain(e => e.Action == "insert" && e.AfterJson!.Contains(personId.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Test]
    public async Task A_change_to_a_restricted_field_alone_is_still_logged_without_its_value()
    {
        using var created = await PostAsync("/api/people", new { name = "Kun E-mail", email = "foer@example.org" });
        var person = await created.ReadAsync<PersonResponse>();
        using var changed = await SendAsync(HttpMethod.Put, $"/api/people/{person.Id}", new { name = "Kun E-mail", email = "efter@example.org" }, created.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);

        var entries = await EntriesAsync("person", person.Id);
        entries.Select(e => e.Action).ShouldBe(["insert", "update"]);
        entries.ShouldAllBe(e => !(e.AfterJson ?? "").Contains("example.org", StringComparison.Ordinal));
    }
}
