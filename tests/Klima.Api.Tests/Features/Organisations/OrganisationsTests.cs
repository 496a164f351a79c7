using System.Net;
using Klima.Api.Features.Organisations;
using System.Net.Http.Json;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Organisations;

public sealed class OrganisationsTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Aalborg = "10000000-0000-0000-0000-000000000851";

    [Test]
    public async Task The_seed_holds_the_11_municipalities_with_their_official_codes_and_the_region()
    {
        var page = await GetAsync<Page<OrganisationResponse>>("/api/organisations?kind=municipality&limit=200");
        page.Items.Select(o => o.MunicipalityCode).Order().ShouldBe(["773", "787", "810", "813", "820", "825", "840", "846", "849", "851", "860"]);
        var region = (await GetAsync<Page<OrganisationResponse>>("/api/organisations?kind=region")).Items.ShouldHaveSingleItem();
        region.RegionCode.ShouldBe("1081");
    }

    [Test]
    public async Task Lists_page_in_a_stable_order_with_a_next_link_until_the_last_page()
    {
        var seen = new List<Guid>();
        string? next = "/api/organisations?limit=5";
        while (next is not null)
        {
            var page = await GetAsync<Page<OrganisationResponse>>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Items.Select(o => o.Id));
            next = page.Next;
        }
        seen.Count.ShouldBeGreaterThanOrEqualTo(17);
        seen.ShouldBeUnique();
    }

    [Test]
    public async Task Get_returns_an_ETag_and_304_when_the_client_holds_the_current_version()
    {
        using var first = await Client.GetAsync($"/api/organisations/{Aalborg}");
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organisations/{Aalborg}");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var second = await Client.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Create_then_update_with_the_current_ETag_then_a_stale_one_gets_412()
    {
        using var created = await PostAsync("/api/organisations", new { kind = "foundation", name = "Testfonden" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var organisation = await created.ReadAsync<OrganisationResponse>();
        var url = $"/api/organisations/{organisation.Id}";

        using var updated = await SendAsync(HttpMethod.Put, url, new { kind = "foundation", name = "Testfonden A/S" }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<OrganisationResponse>()).Version.ShouldBe(2);

        using var stale = await SendAsync(HttpMethod.Put, url, new { kind = "foundation", name = "Testfonden igen" }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        stale.MediaType()!.MediaType.ShouldBe("application/problem+json");
    }

    [Test]
    public async Task Update_without_If_Match_gets_428()
    {
        using var response = await SendAsync(HttpMethod.Put, $"/api/organisations/{Aalborg}", new { kind = "municipality", name = "Aalborg Kommune", municipalityCode = "851" });
        await response.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
    }

    [Test]
    public async Task Invalid_fields_come_back_field_by_field()
    {
        using var response = await PostAsync("/api/organisations", new { kind = "municipality", name = "", municipalityCode = "85" });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonAsync())["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["name", "municipalityCode"], ignoreOrder: true);
    }

    [Test]
    public async Task Unknown_json_properties_are_rejected()
    {
        using var response = await PostAsync("/api/organisations", new { kind = "foundation", name = "X", colour = "green" });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!["colour"].ShouldNotBeNull();
    }

    [Test]
    public async Task A_duplicate_municipality_code_is_a_conflict()
    {
        using var response = await PostAsync("/api/organisations", new { kind = "municipality", name = "Aalborg igen", municipalityCode = "851" });
        await response.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Deleted_organisations_leave_a_tombstone_for_incremental_sync()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var created = await PostAsync("/api/organisations", new { kind = "other", name = "Kortlivet" });
        var organisation = await created.ReadAsync<OrganisationResponse>();
        using var deleted = await SendAsync(HttpMethod.Delete, $"/api/organisations/{organisation.Id}", ifMatch: created.ETag());
        await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);

        using var gone = await Client.GetAsync($"/api/organisations/{organisation.Id}");
        await gone.ShouldHaveStatus(HttpStatusCode.NotFound);
        var listed = await GetAsync<Page<OrganisationResponse>>("/api/organisations?limit=200");
        listed.Items.ShouldNotContain(o => o.Id == organisation.Id);
        var changes = await GetAsync<Page<OrganisationResponse>>($"/api/organisations?modifiedSince={Uri.EscapeDataString(before.ToString("O"))}");
        changes.Items.ShouldContain(o => o.Id == organisation.Id && o.Deleted);
    }

    [Test]
    public async Task Anonymous_callers_get_401_and_readers_cannot_write()
    {
        using var anonymous = CreateClient(role: null);
        using var denied = await anonymous.GetAsync("/api/organisations");
        await denied.ShouldHaveStatus(HttpStatusCode.Unauthorized);

        using var reader = CreateClient(Roles.Reader);
        using var read = await reader.GetAsync("/api/organisations");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        using var write = await reader.PostAsJsonAsync("/api/organisations", new { kind = "other", name = "Nej" }, Json);
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
    }
}
