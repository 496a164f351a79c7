using System.Net;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Reports;
using Klima.Api.Features.Financing.Staffing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>The seeded figures of the case (SAG-2023-01121), read the way an integrator would. This fixture never writes.</summary>
public sealed class FinancingSeedTests(DatabaseLane lane) : ApiTest(lane)
{
    private static MoneyAmount Dkk(decimal amount) => new(amount, "DKK");

    [Test]
    public async Task The_DK2020_rollup_is_4_million_in_total_1_6_million_a_year_and_0_8_million_per_party_a_year()
    {
        var byYear = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Dk2020}&groupBy=period&granularity=year");
        byYear.Totals.Budget.ShouldBe(Dkk(4_000_000.00m));
        byYear.Items.Select(r => (r.Period!.Label, r.Budget.Amount)).ShouldBe([("2021", 1_600_000.00m), ("2022", 1_600_000.00m), ("2023", 800_000.00m)]);
        // 2023 holds only the first half-year (the secretariat ended mid-2023): 0.8 million is 1.6 million a year for half a year.
        byYear.Items[^1].Period!.To.ShouldBe(new DateOnly(2024, 1, 1));

        var byParty = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Dk2020}&groupBy=period,payer&granularity=year");
        foreach (var row in byParty.Items.Where(r => r.Period!.Label is "2021" or "2022"))
        {
            row.Budget.ShouldBe(Dkk(800_000.00m));
        }
        byParty.Items.Select(r => r.PayerCode).Distinct().Order().ShouldBe(["brn", "municipalities-jointly"]);
        byParty.Items.Where(r => r.PayerCode == "brn").Sum(r => r.Budget.Amount).ShouldBe(2_000_000.00m);
        byParty.Items.Where(r => r.PayerCode == "municipalities-jointly").Sum(r => r.Budget.Amount).ShouldBe(2_000_000.00m);
    }

    [Test]
    public async Task DK2020_lines_are_half_years_inside_the_programme_that_sum_exactly_to_4_000_000_00()
    {
        var version = await GetAsync<BudgetVersionResponse>($"/api/financing/budgets/{Seeded.Dk2020Budget}/in-force?asOf=2022-06-30");
        version.Total.ShouldBe(Dkk(4_000_000.00m));
        version.Lines.Count.ShouldBe(10);
        version.Lines.Select(l => l.Period.Label).Distinct().ShouldBe(["2021-H1", "2021-H2", "2022-H1", "2022-H2", "2023-H1"]);
        version.Lines.ShouldAllBe(l => l.Amount == new MoneyAmount(400_000.00m, "DKK"));
    }

    [Test]
    public async Task GEN2040_shows_900_000_granted_860_000_reserved_and_4_6_million_committed()
    {
        var gen2040 = await GetAsync<ProgrammeDetailResponse>($"/api/financing/programmes/{Seeded.Gen2040}");
        gen2040.Grants.Released.ShouldBe(Dkk(900_000.00m));
        gen2040.Grants.Reserved.ShouldBe(Dkk(860_000.00m));
        gen2040.Committed.ShouldBe(Dkk(4_600_000.00m));
        gen2040.Phases.Select(p => p.Code).ShouldBe(["gen2040-phase2", "gen2040-phase3"]);
    }

    [Test]
    public async Task The_national_agreement_has_the_municipalities_jointly_and_the_region_finance_one_position_each()
    {
        var alliance = await GetAsync<ProgrammeDetailResponse>($"/api/financing/programmes/{Seeded.Klimaalliancen}");
        var national = alliance.Commitments.Where(c => c.ProgrammeId == Guid.Parse(Seeded.Klimaalliancen)).ToList();
        national.Select(c => (c.PayerCode, c.Fte)).OrderBy(x => x.PayerCode, StringComparer.Ordinal).ShouldBe([("municipalities-jointly", 1.00m), ("region", 1.00m)]);
        national.ShouldAllBe(c => c.Amount == null);
    }

    [Test]
    public async Task The_secretariat_s_3_year_budget_is_fully_BRN_financed_and_approved_by_the_BRN_board()
    {
        var byPayer = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Secretariat}&groupBy=payer");
        var row = byPayer.Items.ShouldHaveSingleItem();
        row.PayerCode.ShouldBe("brn");
        row.Budget.ShouldBe(Dkk(4_800_000.00m));

        var byPeriod = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={Seeded.Secretariat}&groupBy=period");
        byPeriod.Items.Select(r => r.Period!.Label).ShouldBe(["2023-H2", "2024-H1", "2024-H2", "2025-H1", "2025-H2", "2026-H1"]);
        byPeriod.Items.ShouldAllBe(r => r.Budget.Amount == 800_000.00m);

        var version = byPeriod.Versions.ShouldHaveSingleItem();
        version.Status.ShouldBe(BudgetVersionStatus.Approved);
        version.DecisionRef!.ShouldContain("SAG-2023-01121");
        version.DecisionRef!.ShouldContain("BRN-bestyrelsen");
    }

    [Test]
    public async Task The_secretariat_s_three_positions_are_funded_through_its_programme()
    {
        var page = await GetAsync<Page<FundedPositionResponse>>($"/api/financing/staffing?programmeId={Seeded.Secretariat}");
        page.Items.Count.ShouldBe(3);
        page.Items.Sum(p => p.Fte).ShouldBe(3.00m);
        page.Items.ShouldAllBe(p => p.FundingProgrammeCode == "climate-secretariat" && p.BodyId == Guid.Parse(Seeded.ClimateSecretariatBody));
        page.Items.Count(p => p.EmployerName == "Region Nordjylland").ShouldBe(2);
        page.Items.Count(p => p.EmployerName == "Business Region North Denmark").ShouldBe(1);
    }

    [Test]
    public async Task Money_is_shown_as_a_DKK_amount_with_two_decimals()
    {
        using var response = await Client.GetAsync($"/api/financing/rollups?programmeId={Seeded.Dk2020}&groupBy=payer");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("\"budget\":{\"amount\":2000000.00,\"currency\":\"DKK\"}");
    }

    [Test]
    public async Task Rollup_pages_are_stable_and_together_equal_the_whole_result()
    {
        var whole = await GetAsync<RollupResponse>("/api/financing/rollups?limit=200");
        var seen = new List<RollupRow>();
        string? next = "/api/financing/rollups?limit=3";
        while (next is not null)
        {
            var page = await GetAsync<RollupResponse>(next);
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            page.Totals.ShouldBe(whole.Totals);
            seen.AddRange(page.Items);
            next = page.Next;
        }
        seen.ShouldBe(whole.Items);
        whole.Totals.Budget.ShouldBe(Dkk(8_800_000.00m));
    }

    [Test]
    public async Task Rollups_have_an_ETag_and_answer_304_when_nothing_changed()
    {
        const string url = "/api/financing/rollups?groupBy=programme,payer";
        using var first = await Client.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var second = await Client.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var csv = new HttpRequestMessage(HttpMethod.Get, url + "&format=csv");
        csv.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var csvResponse = await Client.SendAsync(csv);
        await csvResponse.ShouldHaveStatus(HttpStatusCode.OK);
        csvResponse.ETag().ShouldNotBe(first.ETag());
    }

    [TestCase("/api/financing/programmes")]
    [TestCase("/api/financing/payers")]
    [TestCase("/api/financing/grants")]
    [TestCase("/api/financing/budgets")]
    [TestCase("/api/financing/actuals")]
    [TestCase("/api/financing/staffing")]
    [TestCase("/api/financing/budget-vs-actual")]
    [TestCase("/api/financing/programmes/41000000-0000-0000-0000-000000000002")]
    [TestCase("/api/financing/budgets/44000000-0000-0000-0000-000000000001")]
    [TestCase("/api/financing/grants/43000000-0000-0000-0000-000000000001")]
    public async Task Every_read_has_an_ETag_and_answers_304_when_the_client_holds_it(string url)
    {
        using var first = await Client.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", first.ETag());
        using var second = await Client.SendAsync(request);
        second.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task Readers_may_read_budgets_but_not_write_them_and_anonymous_callers_get_401()
    {
        using var reader = CreateClient(Roles.Reader);
        using var read = await reader.GetAsync("/api/financing/rollups");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
        using var write = await reader.PostAsync("/api/financing/budgets", System.Net.Http.Json.JsonContent.Create(new { programmeId = Seeded.Dk2020, code = "x", name = "x", lines = Array.Empty<object>() }));
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var anonymous = CreateClient(role: null);
        using var denied = await anonymous.GetAsync("/api/financing/programmes");
        await denied.ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Payers_include_the_municipalities_jointly_as_a_group_of_the_11()
    {
        var payers = await GetAsync<List<Klima.Api.Features.Financing.Payers.ListPayers.PayerResponse>>("/api/financing/payers");
        var joint = payers.Single(p => p.Code == "municipalities-jointly");
        joint.OrganisationId.ShouldBeNull();
        joint.MemberOrganisationIds.Order().ShouldBe(Seeded.MunicipalityCodes.Select(Seeded.Municipality).Order());
    }
}
