using System.Net;
using Dapper;
using Klima.Api.Features.Financing.Reports;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>
/// Rollups read the actuals' sums per budget and booking month from budget_actual_total (migration 0220), kept by triggers on
/// budget_actual. Whatever changes an actual (the seed, RecordActual, a correction of its row, a soft or a hard delete), the
/// sums must equal the rows to the øre, and a rollup as of any day must equal the sum of the actuals booked by then.
/// </summary>
public sealed class BudgetActualTotalTests(DatabaseLane lane) : ApiTest(lane)
{
    private sealed record Mismatch
    {
        public Guid BudgetId { get; init; }
        public long RowSum { get; init; }
        public long TotalSum { get; init; }
        public long RowCount { get; init; }
        public long TotalCount { get; init; }
    }

    // Per budget, payer, cost type and period: the live actuals against their kept sums (amount and count).
    private const string Mismatches = """
        SELECT r.budget_id, r.row_sum, COALESCE(t.total_sum, 0) AS total_sum, r.row_count, COALESCE(t.total_count, 0) AS total_count
        FROM (SELECT budget_id, payer_id, cost_type, period_from, period_to, SUM(amount_ore) AS row_sum, COUNT(*) AS row_count
              FROM budget_actual WHERE deleted_at IS NULL GROUP BY budget_id, payer_id, cost_type, period_from, period_to) r
        LEFT JOIN (SELECT budget_id, payer_id, cost_type, period_from, period_to, SUM(amount_ore) AS total_sum, SUM(actual_count) AS total_count
              FROM budget_actual_total GROUP BY budget_id, payer_id, cost_type, period_from, period_to) t
          ON t.budget_id = r.budget_id AND t.payer_id = r.payer_id AND t.cost_type = r.cost_type AND t.period_from = r.period_from AND t.period_to = r.period_to
        WHERE COALESCE(t.total_sum, 0) <> r.row_sum OR COALESCE(t.total_count, 0) <> r.row_count
        UNION ALL
        SELECT t.budget_id, 0, t.amount_ore, 0, t.actual_count
        FROM budget_actual_total t
        WHERE (t.amount_ore <> 0 OR t.actual_count <> 0) AND NOT EXISTS (SELECT 1 FROM budget_actual a WHERE a.deleted_at IS NULL
            AND a.budget_id = t.budget_id AND a.payer_id = t.payer_id AND a.cost_type = t.cost_type AND a.period_from = t.period_from AND a.period_to = t.period_to)
        """;

    private async Task<List<Mismatch>> MismatchesAsync()
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<Mismatch>(Mismatches)).ToList();
    }

    private Task<System.Data.Common.DbConnection> OpenAsync() =>
        Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);

    private async Task<long> RawActualOreAsync(Guid programme, string asOf)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteScalarAsync<long>("""
            SELECT COALESCE(SUM(a.amount_ore), 0) FROM budget_actual a JOIN budget b ON b.id = a.budget_id
            WHERE a.deleted_at IS NULL AND b.programme_id = @Programme AND a.booked_on <= @AsOf
            """, new { Programme = programme, AsOf = DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture) });
    }

    [Test]
    public async Task The_seeded_actuals_have_their_sums()
    {
        await using var connection = await OpenAsync();
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM budget_actual WHERE deleted_at IS NULL")).ShouldBeGreaterThan(0);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM budget_actual_total")).ShouldBeGreaterThan(0);
        (await MismatchesAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Sums_follow_inserts_corrections_soft_and_hard_deletes_to_the_ore_and_the_rollup_reads_them()
    {
        using var created = await PostAsync("/api/financing/programmes",
            new { governanceModelId = Seeded.Model, code = "actual-sums", name = "Actual sums", validFrom = "2024-01-01", validTo = "2026-01-01" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var programme = (await created.ReadAsync<Klima.Api.Features.Financing.Programmes.ProgrammeResponse>()).Id;
        using var budgetCreated = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme, code = "actual-sums", name = "Actual sums",
            lines = new[] { new { period = "2024", costType = "salaries", payerId = Seeded.Brn, amount = new { amount = 1_000_000m, currency = "DKK" }, isAdjustment = false, note = (string?)null } },
        });
        await budgetCreated.ShouldHaveStatus(HttpStatusCode.Created);
        var budget = (await budgetCreated.ReadAsync<Klima.Api.Features.Financing.Budgets.BudgetResponse>()).Id;

        async Task<Guid> Book(decimal amount, string bookedOn, bool isAdjustment = false)
        {
            using var response = await PostAsync("/api/financing/actuals", new
            {
                budgetId = budget, period = "2024", costType = "salaries", payerId = Seeded.Brn, amount = new { amount, currency = "DKK" },
                isAdjustment, bookedOn, reference = "bilag",
            });
            await response.ShouldHaveStatus(HttpStatusCode.Created);
            return (await response.ReadAsync<Klima.Api.Features.Financing.Actuals.ActualResponse>()).Id;
        }

        var march = await Book(1_234.56m, "2024-03-05");
        var marchLate = await Book(0.01m, "2024-03-31");
        var april = await Book(99_999.99m, "2024-04-15");
        await Book(-0.07m, "2024-04-16", isAdjustment: true);
        var june = await Book(500m, "2024-06-01");
        (await MismatchesAsync()).ShouldBeEmpty();

        await using (var connection = await OpenAsync())
        {
            // A correction of the amount, a move to another month, a soft delete, an undelete and a hard delete.
            await connection.ExecuteAsync("UPDATE budget_actual SET amount_ore = 123457 WHERE id = @Id", new { Id = march });
            await connection.ExecuteAsync("UPDATE budget_actual SET booked_on = @Day WHERE id = @Id", new { Id = april, Day = new DateOnly(2024, 5, 2) });
            await connection.ExecuteAsync("UPDATE budget_actual SET deleted_at = @Now WHERE id = @Id", new { Id = june, Now = DateTimeOffset.UtcNow });
            (await MismatchesAsync()).ShouldBeEmpty();
            await connection.ExecuteAsync("UPDATE budget_actual SET deleted_at = NULL WHERE id = @Id", new { Id = june });
            await connection.ExecuteAsync("DELETE FROM budget_actual WHERE id = @Id", new { Id = marchLate });
        }
        (await MismatchesAsync()).ShouldBeEmpty();

        // The rollup as of days inside a month, at a month's end and after everything: the raw sums, to the øre.
        foreach (var asOf in new[] { "2024-03-04", "2024-03-05", "2024-04-30", "2024-05-01", "2024-05-02", "2024-06-01", "2025-12-31" })
        {
            var rollup = await GetAsync<RollupResponse>($"/api/financing/rollups?programmeId={programme}&groupBy=payer&asOf={asOf}");
            var expected = await RawActualOreAsync(programme, asOf);
            (rollup.Totals.Actual.Amount * 100m).ShouldBe(expected, $"as of {asOf}");
        }
        var final = await GetAsync<RollupResponse>($"/api/financing/budget-vs-actual?programmeId={programme}&asOf=2025-12-31");
        final.Totals.Actual.Amount.ShouldBe(1_234.57m + 99_999.99m - 0.07m + 500m);
    }
}
