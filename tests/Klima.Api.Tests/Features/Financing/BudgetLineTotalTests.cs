using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>
/// Rollups read budget_line_total instead of the lines; whatever path wrote the lines (the seed, CreateBudget,
/// CreateBudgetVersion), their sums must be there and equal.
/// </summary>
public sealed class BudgetLineTotalTests(DatabaseLane lane) : ApiTest(lane)
{
    private sealed record Mismatch
    {
        public Guid BudgetVersionId { get; init; }
        public long LineSum { get; init; }
        public long TotalSum { get; init; }
    }

    private const string Mismatches = """
        SELECT v.id AS budget_version_id,
               COALESCE((SELECT SUM(l.amount_ore) FROM budget_line l WHERE l.budget_version_id = v.id), 0) AS line_sum,
               COALESCE((SELECT SUM(t.amount_ore) FROM budget_line_total t WHERE t.budget_version_id = v.id), 0) AS total_sum
        FROM budget_version v
        WHERE COALESCE((SELECT SUM(l.amount_ore) FROM budget_line l WHERE l.budget_version_id = v.id), 0)
           <> COALESCE((SELECT SUM(t.amount_ore) FROM budget_line_total t WHERE t.budget_version_id = v.id), 0)
           OR COALESCE((SELECT COUNT(*) FROM budget_line l WHERE l.budget_version_id = v.id), 0)
           <> COALESCE((SELECT SUM(t.line_count) FROM budget_line_total t WHERE t.budget_version_id = v.id), 0)
        """;

    private async Task<List<Mismatch>> MismatchesAsync()
    {
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<Mismatch>(Mismatches)).ToList();
    }

    [Test]
    public async Task The_seeded_versions_have_their_line_sums()
    {
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM budget_line_total")).ShouldBeGreaterThan(0);
        (await MismatchesAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task A_new_budget_and_a_new_version_write_their_line_sums()
    {
        using var programme = await PostAsync("/api/financing/programmes",
            new { governanceModelId = Seeded.Model, code = "sums", name = "Sums", validFrom = "2024-01-01", validTo = "2026-01-01" });
        await programme.ShouldHaveStatus(System.Net.HttpStatusCode.Created);
        var programmeId = (await programme.ReadAsync<Klima.Api.Features.Financing.Programmes.ProgrammeResponse>()).Id;
        object Line(string period, decimal amount) =>
            new { period, costType = "salaries", payerId = Seeded.Brn, amount = new { amount, currency = "DKK" }, isAdjustment = false, note = (string?)null };
        using var budget = await PostAsync("/api/financing/budgets",
            new { programmeId, code = "sums-b", name = "Sums", lines = new[] { Line("2024", 100.25m), Line("2024", 200m), Line("2025", 50m) } });
        await budget.ShouldHaveStatus(System.Net.HttpStatusCode.Created);
        var budgetId = (await budget.ReadAsync<Klima.Api.Features.Financing.Budgets.BudgetResponse>()).Id;
        using var version = await PostAsync($"/api/financing/budgets/{budgetId}/versions", new { lines = new[] { Line("2025", 75.5m) } });
        version.IsSuccessStatusCode.ShouldBeTrue(await version.Content.ReadAsStringAsync());

        (await MismatchesAsync()).ShouldBeEmpty();
    }
}
