using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.Financing.Staffing;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>The secretariat positions' annual costs as seeded from the case (SAG-2023-01121), read on a database nobody has changed.</summary>
public sealed class SeededStaffingCostsTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_seeded_positions_cost_0_8_million_a_year_per_FTE_and_the_one_the_sources_give_no_figure_for_says_so()
    {
        var positions = (await GetAsync<Page<FundedPositionResponse>>("/api/financing/staffing?limit=200")).Items
            .Where(p => p.Id.ToString().StartsWith("33000000-", StringComparison.Ordinal)).OrderBy(p => p.Id).ToList();
        positions.Count.ShouldBe(3);
        positions.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.AnnualCostNote), "every seeded position says where its cost comes from or why it is missing");
        positions[0].AnnualCost.ShouldBe(new MoneyAmount(800_000.00m, "DKK"));
        positions[0].AnnualCostNote!.ShouldContain("0,8 mio. kr. årligt pr. årsværk");
        positions[2].AnnualCost.ShouldBe(new MoneyAmount(800_000.00m, "DKK"));
        positions[1].Title.ShouldBe("Klimamedarbejder (GEN2040)");
        positions[1].AnnualCost.ShouldBeNull();
        positions[1].AnnualCostNote!.ShouldStartWith("Ikke oplyst i kilderne");
    }
}
