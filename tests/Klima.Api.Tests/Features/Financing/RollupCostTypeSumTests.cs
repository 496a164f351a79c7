using System.Net;
using Klima.Api.Features.Financing.Reports;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>
/// Without costType among the dimensions the rollup sums the cost types in SQL (issue 19: the status report's budget
/// section): every row, its utilisation and the totals must be what the finer rollup with costType gives when its rows are
/// summed over the cost types, to the øre, for budgets, actuals of whole months and actuals of the as-of day's own month.
/// </summary>
public sealed class RollupCostTypeSumTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<(RollupResponse First, List<RollupRow> Rows)> AllAsync(Guid programme, string groupBy, string asOf)
    {
        var rows = new List<RollupRow>();
        RollupResponse? first = null;
        string? next = $"/api/financing/rollups?programmeId={programme}&groupBy={groupBy}&asOf={asOf}&limit=200";
        while (next is not null)
        {
            var page = await GetAsync<RollupResponse>(next);
            first ??= page;
            rows.AddRange(page.Items);
            next = page.Next;
        }
        return (first!, rows);
    }

    private static object Line(string period, string costType, string payer, decimal amount) =>
        new { period, costType, payerId = payer, amount = new { amount, currency = "DKK" }, isAdjustment = false, note = (string?)null };

    [Test]
    public async Task The_rollup_by_programme_period_and_payer_is_the_finer_rollup_summed_over_cost_types()
    {
        var code = $"ct-{Guid.NewGuid():N}"[..12];
        using var created = await PostAsync("/api/financing/programmes",
            new { governanceModelId = Seeded.Model, code, name = "Omkostningstyper", validFrom = "2024-01-01", validTo = "2026-01-01" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var programme = (await created.ReadAsync<Klima.Api.Features.Financing.Programmes.ProgrammeResponse>()).Id;
        using var budgetCreated = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme, code, name = "Omkostningstyper",
            lines = new[]
            {
                Line("2024", "salaries", Seeded.Brn, 1_000_000.01m), Line("2024", "operations", Seeded.Brn, 250_000.10m),
                Line("2024", "other", Seeded.Brn, 0.99m), Line("2024", "salaries", Seeded.Region, 400_000m),
                Line("2025", "operations", Seeded.Region, 75_000.55m), Line("2025", "other", Seeded.Region, 12.34m),
            },
        });
        await budgetCreated.ShouldHaveStatus(HttpStatusCode.Created);
        var budget = (await budgetCreated.ReadAsync<Klima.Api.Features.Financing.Budgets.BudgetResponse>()).Id;
        // Actuals in whole months before the as-of day's month and in that month itself, of several cost types per payer; the new
        // budget's version is in force from today, so the earlier as-of days sum actuals only and the last one budgets too.
        foreach (var (period, costType, payer, amount, bookedOn) in new[]
                 {
                     ("2024", "salaries", Seeded.Brn, 1_234.56m, "2024-02-05"), ("2024", "operations", Seeded.Brn, 99.01m, "2024-02-20"),
                     ("2024", "other", Seeded.Brn, 0.07m, "2024-03-10"), ("2024", "operations", Seeded.Brn, 5_000m, "2024-03-14"),
                     ("2024", "salaries", Seeded.Region, 777.77m, "2024-03-15"), ("2025", "other", Seeded.Region, 3.21m, "2025-01-02"),
                 })
        {
            using var booked = await PostAsync("/api/financing/actuals", new
            {
                budgetId = budget, period, costType, payerId = payer, amount = new { amount, currency = "DKK" }, isAdjustment = false, bookedOn, reference = "bilag",
            });
            await booked.ShouldHaveStatus(HttpStatusCode.Created);
        }

        foreach (var asOf in new[] { "2024-02-29", "2024-03-14", "2026-12-31" })
        {
            await SameAsSummedAsync(programme, asOf);
        }
    }

    private async Task SameAsSummedAsync(Guid programme, string asOf)
    {
        var (coarse, coarseRows) = await AllAsync(programme, "programme,period,payer", asOf);
        var (fine, fineRows) = await AllAsync(programme, "programme,period,payer,costType", asOf);
        fineRows.Select(r => r.CostType).Distinct().Count().ShouldBeGreaterThan(1);
        fineRows.Count.ShouldBeGreaterThan(coarseRows.Count);

        var summed = fineRows
            .GroupBy(r => (r.ProgrammeCode, r.Period?.Label, r.Period?.From, r.Period?.To, r.PayerCode))
            .Select(g => (g.Key.ProgrammeCode, g.Key.Label, g.Key.From, g.Key.To, g.Key.PayerCode,
                Budget: g.Sum(r => r.Budget.Amount), Actual: g.Sum(r => r.Actual.Amount), Variance: g.Sum(r => r.Variance.Amount)))
            .ToList();
        coarseRows.Select(r => (r.ProgrammeCode, r.Period?.Label, r.Period?.From, r.Period?.To, r.PayerCode, r.Budget.Amount, r.Actual.Amount, r.Variance.Amount))
            .ShouldBe(summed, ignoreOrder: true);
        coarseRows.ShouldAllBe(r => r.CostType == null);
        coarseRows.Select(r => r.UtilisationBasisPoints).ShouldBe(coarseRows.Select(r =>
            new Klima.Api.Domain.Financing.BudgetVsActual(Klima.Api.Domain.Financing.Money.FromDecimal(r.Budget.Amount), Klima.Api.Domain.Financing.Money.FromDecimal(r.Actual.Amount)).UtilisationBasisPoints));
        coarse.Totals.ShouldBe(fine.Totals);
        coarse.Versions.ShouldBe(fine.Versions);
    }
}
