using System.Net;
using Klima.Api.Features.Staff;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Staff;

public sealed class StaffPositionsTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_secretariat_has_3_full_time_posts_2_employed_by_the_region_and_1_by_BRN_managed_by_the_head_of_the_BRN_secretariat()
    {
        var page = await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}");
        page.Items.Count.ShouldBe(3);
        page.Items.Sum(p => p.Fte).ShouldBe(3.00m);
        page.Items.Count(p => p.EmployerOrganisationId == Guid.Parse(NorthJutland.Region)).ShouldBe(2);
        page.Items.Count(p => p.EmployerOrganisationId == Guid.Parse(NorthJutland.Brn)).ShouldBe(1);
        page.Items.ShouldAllBe(p => p.DailyManagerBodyName == "BRN-sekretariatet" && p.PlacementBodyId == Guid.Parse(NorthJutland.BrnSecretariat));

        var json = await GetJsonAsync("/api/staff-positions/33000000-0000-0000-0000-000000000001");
        json["fte"]!.GetValue<decimal>().ShouldBe(1m);
        json["fteHundredths"].ShouldBeNull();
        json["employerOrganisationName"]!.GetValue<string>().ShouldBe("Region Nordjylland");
    }

    [Test]
    public async Task Filters_by_employer_and_date()
    {
        var region = await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?employerOrganisationId={NorthJutland.Region}");
        region.Items.Count.ShouldBe(2);
        var before = await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}&asOf=2023-06-30");
        before.Items.ShouldBeEmpty();
        var during = await GetAsync<Page<StaffPositionResponse>>($"/api/staff-positions?bodyId={NorthJutland.ClimateSecretariat}&asOf=2023-07-01");
        during.Items.Count.ShouldBe(3);
    }

    [Test]
    public async Task A_half_time_post_is_created_as_0_5_FTE_and_updated_with_If_Match()
    {
        var post = new
        {
            bodyId = NorthJutland.BrnSecretariat, title = "Fiktiv studentermedhjælper", employerOrganisationId = NorthJutland.Aalborg,
            placementBodyId = NorthJutland.BrnSecretariat, dailyManagerBodyId = NorthJutland.BrnSecretariat, dailyManagerRole = "Sekretariatschefen",
            fte = 0.5m, validFrom = "2024-01-01", validTo = "2025-01-01",
        };
        using var created = await PostAsync("/api/staff-positions", post);
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var position = await created.ReadAsync<StaffPositionResponse>();
        position.Fte.ShouldBe(0.5m);

        var url = $"/api/staff-positions/{position.Id}";
        using var updated = await SendAsync(HttpMethod.Put, url, new
        {
            title = "Fiktiv studentermedhjælper", employerOrganisationId = NorthJutland.Aalborg, fte = 0.25m, validFrom = "2024-01-01",
        }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<StaffPositionResponse>()).Fte.ShouldBe(0.25m);

        using var stale = await SendAsync(HttpMethod.Put, url, new { title = "X", employerOrganisationId = NorthJutland.Aalborg, fte = 1m }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var missing = await SendAsync(HttpMethod.Put, url, new { title = "X", employerOrganisationId = NorthJutland.Aalborg, fte = 1m });
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
    }

    [Test]
    public async Task Invalid_posts_come_back_field_by_field()
    {
        using var response = await PostAsync("/api/staff-positions", new
        {
            bodyId = NorthJutland.ClimateSecretariat, title = "", employerOrganisationId = Guid.Empty, fte = 1.005m, validFrom = "2025-01-01", validTo = "2024-01-01",
        });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["title", "employerOrganisationId", "fte", "validTo"], ignoreOrder: true);

        using var unknownEmployer = await PostAsync("/api/staff-positions", new { bodyId = NorthJutland.ClimateSecretariat, title = "X", employerOrganisationId = Guid.NewGuid(), fte = 1m });
        await unknownEmployer.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknownEmployer.ReadJsonAsync())["errors"]!["employerOrganisationId"].ShouldNotBeNull();
    }
}
