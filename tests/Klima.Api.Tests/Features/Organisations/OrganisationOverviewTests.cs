using System.Net;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Organisations;

public sealed class OrganisationOverviewTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly Guid Brn = Guid.Parse("10000000-0000-0000-0000-000000000001");
    private static readonly Guid ClimateSecretariat = Guid.Parse("41000000-0000-0000-0000-000000000006");
    private static readonly Guid Klimaalliancen = Guid.Parse("41000000-0000-0000-0000-000000000005");

    [Test]
    public async Task Region_Nordjylland_pays_one_secretariat_resource_in_2024_and_employs_two_funded_secretariat_positions()
    {
        var overview = await GetAsync<GetOrganisationOverview.Overview>($"/api/organisations/{Seed.Region}/overview");
        overview.FinancingShown.ShouldBeTrue();
        var y2024 = overview.Years.Single(y => y.Year == 2024);

        var resource = y2024.Pays.Single(p => p.ProgrammeId == Klimaalliancen);
        resource.Source.ShouldBe("commitment");
        resource.PayerName.ShouldBe("Region Nordjylland");
        resource.Jointly.ShouldBeFalse();
        resource.Fte.ShouldBe(1m);
        resource.Amount.ShouldBeNull();
        resource.PeriodFrom.ShouldBe(new DateOnly(2023, 1, 1));
        resource.PeriodTo.ShouldBe(new DateOnly(2028, 1, 1));

        // GEN2040 is paid by BRN, the Region and the municipalities together: the Region's own share is not recorded.
        y2024.Pays.Single(p => p.ProgrammeCode == "gen2040").Jointly.ShouldBeTrue();

        y2024.Receives.Where(r => r.ProgrammeId == ClimateSecretariat).Select(r => r.Fte).ShouldBe([1m, 1m]);
        overview.Years.Select(y => y.Year).ShouldBeInOrder();
        // Nothing the Region pays or receives is dated before GEN2040's start in 2019.
        overview.Years[0].Year.ShouldBe(2019);
    }

    [Test]
    public async Task BRN_pays_1_600_000_kroner_for_the_joint_secretariat_in_2024_from_its_approved_budget()
    {
        var overview = await GetAsync<GetOrganisationOverview.Overview>($"/api/organisations/{Brn}/overview");
        var y2024 = overview.Years.Single(y => y.Year == 2024);
        var budget = y2024.Pays.Single(p => p.Source == "budget" && p.ProgrammeId == ClimateSecretariat);
        budget.Amount!.Amount.ShouldBe(1_600_000.00m);
        budget.Amount.Currency.ShouldBe("DKK");
        budget.Jointly.ShouldBeFalse();
        // 2023 holds only the second half-year of the secretariat's budget and BRN's half of the DK2020 budget's first half.
        var y2023 = overview.Years.Single(y => y.Year == 2023);
        y2023.Pays.Single(p => p.Source == "budget" && p.ProgrammeId == ClimateSecretariat).Amount!.Amount.ShouldBe(800_000.00m);
        y2023.Pays.Single(p => p.Source == "budget" && p.ProgrammeCode == "dk2020-secretariat").Amount!.Amount.ShouldBe(400_000.00m);
    }

    [Test]
    public async Task Seats_show_who_holds_them_and_a_caller_bound_to_another_organisation_sees_none_of_its_cases()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        // A case sent by a caller bound to Aalborg is owned by Aalborg.
        var created = await aalborg.CreateCaseAsync(Seed.NewCase("municipal", title: "Aalborgs egen sag"));
        var overview = await GetAsync<GetOrganisationOverview.Overview>($"/api/organisations/{Seed.Aalborg}/overview");
        overview.Seats.ShouldNotBeEmpty();
        overview.Seats.ShouldAllBe(s => s.BodyName.Length > 0);
        overview.CasesShown.ShouldBeTrue();
        overview.Cases.ShouldContain(c => c.Id == created.Id && c.Relation == "owner");

        using var region = CreateClient(Roles.Secretariat, Seed.Region);
        var seenByRegion = await (await region.GetAsync($"/api/organisations/{Seed.Aalborg}/overview")).ReadAsync<GetOrganisationOverview.Overview>();
        seenByRegion.CasesShown.ShouldBeFalse();
        seenByRegion.Cases.ShouldBeEmpty();
    }

    [Test]
    public async Task An_unknown_organisation_answers_404()
    {
        using var response = await Client.GetAsync($"/api/organisations/{Guid.NewGuid()}/overview");
        await response.ShouldHaveStatus(HttpStatusCode.NotFound);
    }
}
