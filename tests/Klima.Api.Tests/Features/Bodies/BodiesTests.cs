using System.Net;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Bodies;

public sealed class BodiesTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task Lists_filter_by_model_kind_and_organisation()
    {
        var secretariats = await GetAsync<Page<BodyResponse>>($"/api/bodies?governanceModelId={NorthJutland.Model}&kind=secretariat");
        secretariats.Items.Select(b => b.Code).ShouldBe(["climate-secretariat", "brn-secretariat", "kkr-secretariat"], ignoreOrder: true);

        // Læsø has seats in the BRN board, KKR, the dialogue forum and T11+, and hosts its own municipal council.
        var laeso = await GetAsync<Page<BodyResponse>>($"/api/bodies?organisationId={NorthJutland.Laeso}");
        laeso.Items.Select(b => b.Code).ShouldBe(["brn-board", "kkr", "dialogue-forum", "t11", "council-825"], ignoreOrder: true);

        var hostedByBrn = await GetAsync<Page<BodyResponse>>($"/api/bodies?organisationId={NorthJutland.Brn}");
        hostedByBrn.Items.Select(b => b.Code).ShouldContain("climate-secretariat");
    }

    [Test]
    public async Task Lists_page_with_next_links()
    {
        var seen = new List<Guid>();
        string? next = "/api/bodies?limit=4";
        while (next is not null)
        {
            var page = await GetAsync<Page<BodyResponse>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(4);
            seen.AddRange(page.Items.Select(b => b.Id));
            next = page.Next;
        }
        seen.Count.ShouldBeGreaterThanOrEqualTo(11);
        seen.ShouldBeUnique();
    }

    [Test]
    public async Task An_unknown_kind_filter_is_a_field_error()
    {
        using var response = await Client.GetAsync("/api/bodies?kind=parliament");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["kind"].ShouldNotBeNull();
    }

    [Test]
    public async Task An_unparseable_asOf_is_a_field_error()
    {
        using var response = await Client.GetAsync($"/api/bodies/{NorthJutland.Kkr}?asOf=2023-13-01");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["asOf"].ShouldNotBeNull();
    }

    [Test]
    public async Task A_body_reads_with_mandate_host_establishing_case_relations_seats_and_warnings()
    {
        using var response = await Client.GetAsync($"/api/bodies/{NorthJutland.ClimateSecretariat}");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        // The body's version leads the read model's tag (then the data version, the day and the variant: Infrastructure/Caching).
        response.ETag().ShouldStartWith("\"1.");
        var body = await response.ReadAsync<BodyDetailResponse>();
        body.Mandate.ShouldNotBeNull().ShouldContain("3 medarbejdere");
        body.HostOrganisation.ShouldNotBeNull().ShortName.ShouldBe("BRN");
        body.EstablishedOn.ShouldBe(new DateOnly(2023, 2, 17));
        body.EstablishedByCaseRef.ShouldBe("SAG-2023-01121");
        body.RelationsOut.Count(r => r.Kind == RelationKind.Serves).ShouldBe(4);
        body.RelationsIn.Select(r => r.FromBodyName).ShouldContain("BRN-bestyrelsen");
        body.Seats.Count.ShouldBe(3);
        body.Warnings.ShouldContain(w => w.Code == CompositionEngine.VacantSeats && w.SeatIds.Count == 3);
    }

    [Test]
    public async Task The_project_steering_group_warns_that_T11_and_chiefs_are_below_their_minimum()
    {
        var body = await GetAsync<BodyDetailResponse>($"/api/bodies/{NorthJutland.ProjectSteeringGroup}?asOf=2023-06-01");
        body.AsOf.ShouldBe(new DateOnly(2023, 6, 1));
        body.Warnings.Select(w => w.Rule).ShouldContain("min-2-from-t11");
        body.Warnings.Select(w => w.Rule).ShouldContain("min-2-chiefs");
        body.Seats.Single(s => s.Role == SeatRole.Chair).Category.ShouldBe("T11+");
    }

    [Test]
    public async Task An_unknown_body_is_404_as_a_problem_detail()
    {
        using var response = await Client.GetAsync($"/api/bodies/{Guid.NewGuid()}");
        await response.ShouldHaveStatus(HttpStatusCode.NotFound);
        response.MediaType()!.MediaType.ShouldBe("application/problem+json");
    }

    [Test]
    public async Task Create_update_dissolve_and_a_stale_ETag_gets_412()
    {
        using var created = await PostAsync("/api/bodies", new
        {
            governanceModelId = NorthJutland.Model, code = "test-working-group", name = "Arbejdsgruppe om test", kind = "workingGroup", canDecide = false,
            hostOrganisationId = NorthJutland.Region, establishedOn = "2024-01-01", establishedByCaseRef = "SAG-2024-1",
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var body = await created.ReadAsync<BodyResponse>();
        created.Headers.Location!.ToString().ShouldBe($"/api/bodies/{body.Id}");

        var changes = new
        {
            code = "test-working-group", name = "Arbejdsgruppe om test", kind = "workingGroup", canDecide = false, hostOrganisationId = NorthJutland.Region,
            establishedOn = "2024-01-01", establishedByCaseRef = "SAG-2024-1", dissolvedOn = "2025-01-01", dissolvedByCaseRef = "SAG-2024-99",
        };
        using var updated = await SendAsync(HttpMethod.Put, $"/api/bodies/{body.Id}", changes, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<BodyResponse>()).DissolvedByCaseRef.ShouldBe("SAG-2024-99");

        using var stale = await SendAsync(HttpMethod.Put, $"/api/bodies/{body.Id}", changes, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var missing = await SendAsync(HttpMethod.Put, $"/api/bodies/{body.Id}", changes);
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
    }

    [Test]
    public async Task Invalid_bodies_come_back_field_by_field()
    {
        using var response = await PostAsync("/api/bodies", new
        {
            governanceModelId = NorthJutland.Model, code = "Bad Code", name = "", kind = "other", canDecide = false,
            establishedOn = "2024-01-01", dissolvedOn = "2023-01-01", dissolvedByCaseRef = "X",
        });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["code", "name", "dissolvedOn"], ignoreOrder: true);

        using var unknownModel = await PostAsync("/api/bodies", new { governanceModelId = Guid.NewGuid(), code = "x", name = "X", kind = "other", canDecide = false });
        await unknownModel.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknownModel.ReadJsonAsync())["errors"]!["governanceModelId"].ShouldNotBeNull();

        using var duplicate = await PostAsync("/api/bodies", new { governanceModelId = NorthJutland.Model, code = "t11", name = "X", kind = "other", canDecide = false });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Relations_are_created_shown_on_both_bodies_and_deleted_with_If_Match()
    {
        var (from, to) = (await CreateBodyAsync("rel-from"), await CreateBodyAsync("rel-to"));
        using var created = await PostAsync($"/api/bodies/{from}/relations", new { toBodyId = to, kind = "reportsTo", note = "Rapporterer kvartalsvis" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var relation = await created.ReadAsync<RelationResponse>();
        relation.ToBodyName.ShouldBe("rel-to");

        (await GetAsync<BodyDetailResponse>($"/api/bodies/{to}")).RelationsIn.ShouldContain(r => r.Id == relation.Id);
        (await GetAsync<BodyDetailResponse>($"/api/bodies/{from}")).RelationsOut.ShouldContain(r => r.Id == relation.Id);

        using var duplicate = await PostAsync($"/api/bodies/{from}/relations", new { toBodyId = to, kind = "reportsTo" });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);
        using var self = await PostAsync($"/api/bodies/{from}/relations", new { toBodyId = from, kind = "serves" });
        await self.ShouldHaveStatus(HttpStatusCode.BadRequest);
        using var unknownKind = await PostAsync($"/api/bodies/{from}/relations", new { toBodyId = to, kind = "governs" });
        await unknownKind.ShouldHaveStatus(HttpStatusCode.BadRequest);

        using var noIfMatch = await SendAsync(HttpMethod.Delete, $"/api/bodies/{to}/relations/{relation.Id}");
        await noIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/bodies/{to}/relations/{relation.Id}", ifMatch: created.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await GetAsync<BodyDetailResponse>($"/api/bodies/{from}")).RelationsOut.ShouldBeEmpty();
    }

    [Test]
    public async Task Relations_list_by_direction_and_kind_read_with_an_ETag_and_leave_tombstones()
    {
        var outgoing = await GetAsync<Page<RelationResponse>>($"/api/bodies/{NorthJutland.ClimateSecretariat}/relations?direction=out");
        outgoing.Items.Count.ShouldBe(4);
        outgoing.Items.ShouldAllBe(r => r.Kind == RelationKind.Serves);
        var steering = await GetAsync<Page<RelationResponse>>($"/api/bodies/{NorthJutland.ClimateSecretariat}/relations?direction=in&kind=steers");
        steering.Items.Select(r => r.FromBodyName).ShouldBe(["BRN-bestyrelsen", "T11+", "Projektstyregruppen", "BRN-sekretariatet"], ignoreOrder: true);
        using var badDirection = await Client.GetAsync($"/api/bodies/{NorthJutland.ClimateSecretariat}/relations?direction=sideways");
        await badDirection.ShouldHaveStatus(HttpStatusCode.BadRequest);

        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var (from, to) = (await CreateBodyAsync("tomb-from"), await CreateBodyAsync("tomb-to"));
        using var created = await PostAsync($"/api/bodies/{from}/relations", new { toBodyId = to, kind = "coordinatesWith" });
        var relation = await created.ReadAsync<RelationResponse>();
        using var read = await Client.GetAsync($"/api/bodies/{to}/relations/{relation.Id}");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        read.ETag().ShouldBe("\"1\"");
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/bodies/{from}/relations/{relation.Id}", ifMatch: read.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);

        (await GetAsync<Page<RelationResponse>>($"/api/bodies/{from}/relations")).Items.ShouldBeEmpty();
        var sync = await GetAsync<Page<RelationResponse>>($"/api/bodies/{from}/relations?modifiedSince={Uri.EscapeDataString(since.ToString("O"))}");
        sync.Items.ShouldHaveSingleItem().Id.ShouldBe(relation.Id);
    }

    [Test]
    public async Task A_relation_to_a_body_of_another_model_is_refused()
    {
        using var model = await PostAsync("/api/governance-models", new { code = "other-model-rel", name = "Anden model" });
        var otherModel = (await model.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var foreign = await PostAsync("/api/bodies", new { governanceModelId = otherModel, code = "foreign", name = "Fremmed", kind = "other", canDecide = false });
        var foreignId = (await foreign.ReadJsonAsync())["id"]!.GetValue<Guid>();

        using var response = await PostAsync($"/api/bodies/{NorthJutland.T11}/relations", new { toBodyId = foreignId, kind = "coordinatesWith" });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["toBodyId"].ShouldNotBeNull();
    }

    [Test]
    public async Task Changed_bodies_show_up_in_incremental_sync()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await CreateBodyAsync("sync-body");
        var changes = await GetAsync<Page<BodyResponse>>($"/api/bodies?modifiedSince={Uri.EscapeDataString(before.ToString("O"))}");
        changes.Items.ShouldContain(b => b.Id == id);
        changes.Items.ShouldNotContain(b => b.Code == "t11");
    }

    private async Task<Guid> CreateBodyAsync(string code)
    {
        using var response = await PostAsync("/api/bodies", new { governanceModelId = NorthJutland.Model, code, name = code, kind = "workingGroup", canDecide = false });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return (await response.ReadJsonAsync())["id"]!.GetValue<Guid>();
    }
}
