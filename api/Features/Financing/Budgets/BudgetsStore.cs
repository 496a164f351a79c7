using System.Data.Common;
using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>The SQL the Budgets use cases share.</summary>
internal static class BudgetsStore
{
    public const string SelectBudget = """
        SELECT b.id, b.programme_id, fp.code AS programme_code, b.code, b.name, b.version, b.modified_at
        FROM budget b JOIN funding_programme fp ON fp.id = b.programme_id
        WHERE b.deleted_at IS NULL
        """;

    /// <summary>The model of a budget (parameter <c>@Id</c>): its programme's.</summary>
    public const string ModelOfBudget = "SELECT fp.governance_model_id FROM budget b JOIN funding_programme fp ON fp.id = b.programme_id WHERE b.id = @Id";

    public const string SelectVersions = """
        SELECT id, budget_id, version_number, status, effective_from, approved_on, decision_ref, note, is_assumption, version
        FROM budget_version
        """;

    /// <summary>Every version of the given budgets, in set-based queries (for readers outside Financing, such as OParl).</summary>
    [AreaApi]
    public static Task<List<BudgetVersionRow>> VersionsOfBudgetsAsync(DbConnection connection, IEnumerable<Guid> budgetIds, CancellationToken cancellationToken) =>
        SqlIn.QueryChunkedAsync<BudgetVersionRow>(connection, SelectVersions + " WHERE budget_id IN {0}", budgetIds, null, cancellationToken);

    public const string SelectLines = """
        SELECT l.budget_version_id, l.ordinal, l.period_from, l.period_to, l.cost_type, l.payer_id, p.code AS payer_code, p.name AS payer_name,
               l.amount_ore, l.is_adjustment, l.note
        FROM budget_line l JOIN funding_payer p ON p.id = l.payer_id
        """;

    public static async Task<BudgetResponse> LoadBudgetAsync(DbConnection connection, Guid id, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var budget = await connection.QuerySingleOrDefaultAsync<BudgetRow>(new CommandDefinition(SelectBudget + " AND b.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken))
                     ?? throw new NotFoundException("Budget", id);
        var versions = (await connection.QueryAsync<BudgetVersionRow>(new CommandDefinition(SelectVersions + " WHERE budget_id = @Id ORDER BY version_number", new { Id = id }, transaction, cancellationToken: cancellationToken))).ToList();
        var totals = (await connection.QueryAsync<VersionTotalRow>(new CommandDefinition("""
            SELECT l.budget_version_id AS version_id, SUM(l.amount_ore) AS total FROM budget_line l JOIN budget_version v ON v.id = l.budget_version_id
            WHERE v.budget_id = @Id GROUP BY l.budget_version_id
            """, new { Id = id }, transaction, cancellationToken: cancellationToken))).ToDictionary(t => t.VersionId, t => t.Total);
        return new BudgetResponse
        {
            Id = budget.Id, ProgrammeId = budget.ProgrammeId, ProgrammeCode = budget.ProgrammeCode, Code = budget.Code, Name = budget.Name,
            Versions = versions.Select(v => new BudgetVersionSummary
            {
                Number = v.VersionNumber, Status = v.StatusValue, EffectiveFrom = v.EffectiveFrom, ApprovedOn = v.ApprovedOn, DecisionRef = v.DecisionRef,
                Note = v.Note, Total = MoneyAmount.OfOre(totals.GetValueOrDefault(v.Id)), IsAssumption = v.IsAssumption,
            }).ToList(),
            Version = budget.Version, ModifiedAt = budget.ModifiedAt,
        };
    }

    public static async Task<BudgetVersionResponse> LoadVersionAsync(DbConnection connection, Guid budgetId, int number, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var budget = await connection.QuerySingleOrDefaultAsync<BudgetRow>(new CommandDefinition(SelectBudget + " AND b.id = @Id", new { Id = budgetId }, transaction, cancellationToken: cancellationToken))
                     ?? throw new NotFoundException("Budget", budgetId);
        var version = await connection.QuerySingleOrDefaultAsync<BudgetVersionRow>(new CommandDefinition(
                          SelectVersions + " WHERE budget_id = @BudgetId AND version_number = @Number", new { BudgetId = budgetId, Number = number }, transaction, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Budget version", $"{budgetId}/{number}");
        var lines = (await connection.QueryAsync<BudgetLineRow>(new CommandDefinition(
            SelectLines + " WHERE l.budget_version_id = @Id ORDER BY l.ordinal", new { version.Id }, transaction, cancellationToken: cancellationToken))).ToList();
        return new BudgetVersionResponse
        {
            BudgetId = budget.Id, BudgetCode = budget.Code, ProgrammeId = budget.ProgrammeId, Number = version.VersionNumber, Status = version.StatusValue,
            EffectiveFrom = version.EffectiveFrom, ApprovedOn = version.ApprovedOn, DecisionRef = version.DecisionRef, Note = version.Note,
            Total = MoneyAmount.Of(Money.Sum(lines.Select(l => new Money(l.AmountOre)))),
            Lines = lines.Select(l => l.ToResponse()).ToList(), Version = version.Version, IsAssumption = version.IsAssumption,
        };
    }

    /// <summary>
    /// Checks what shape rules cannot: every line's period lies inside the programme and its payer exists. Failures come
    /// back field by field ("lines[2].period") like any validation problem.
    /// </summary>
    /// <returns>The governance model of the programme (the partnership the budget belongs to).</returns>
    public static async Task<Guid> CheckLinesAsync(DbConnection connection, Guid programmeId, IReadOnlyList<BudgetLineInput> lines, DbTransaction transaction, CancellationToken cancellationToken)
    {
        var programme = await connection.QuerySingleOrDefaultAsync<ProgrammeRow>(new CommandDefinition(
                            $"SELECT {ProgrammesStore.Columns} FROM funding_programme WHERE id = @Id AND deleted_at IS NULL", new { Id = programmeId }, transaction, cancellationToken: cancellationToken))
                        ?? throw References.Missing("programmeId", new Text("Financing.NoProgramme"));
        var payers = (await connection.QueryAsync<Guid>(new CommandDefinition("SELECT id FROM funding_payer WHERE deleted_at IS NULL", transaction: transaction, cancellationToken: cancellationToken))).ToHashSet();
        var failures = new List<ValidationFailure>();
        var missing = new List<(string Field, Text Message)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var period = FinancingValidation.ParsePeriod(lines[i].Period);
            if (!period.IsWithin(programme.Bounds))
            {
                failures.Add(new($"lines[{i}].period", Messages.Get("Budget.OutsideProgramme", period.Name, programme.Code, programme.Bounds.Name)));
            }
            if (!payers.Contains(lines[i].PayerId))
            {
                missing.Add(($"lines[{i}].payerId", new Text("Financing.NoPayer")));
            }
        }
        if (missing.Count > 0)
        {
            throw References.Missing(missing);
        }
        if (failures.Count > 0)
        {
            throw FinancingValidation.Invalid(failures);
        }
        // Partnerships kept apart: a line's payer must pay into this programme's model (422 naming each line's payerId).
        var payerModels = await Payers.PayersStore.ModelsOfAsync(connection, lines.Select(l => l.PayerId), transaction, cancellationToken);
        var foreign = Enumerable.Range(0, lines.Count).Where(i => payerModels[lines[i].PayerId] != programme.GovernanceModelId).ToList();
        if (foreign.Count > 0)
        {
            var refusal = Payers.PayersStore.OtherModel($"lines[{foreign[0]}].payerId", "payer");
            refusal.Extensions["errors"] = foreign.ToDictionary(i => $"lines[{i}].payerId",
                _ => new[] { $"The payer belongs to another governance model (partnership) than the programme '{programme.Code}'." });
            throw refusal;
        }
        return programme.GovernanceModelId;
    }

    public static async Task InsertLinesAsync(DbConnection connection, Guid versionId, IReadOnlyList<BudgetLineInput> lines, DateTimeOffset now, DbTransaction transaction, CancellationToken cancellationToken)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var period = FinancingValidation.ParsePeriod(line.Period);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO budget_line (id, budget_version_id, ordinal, period_from, period_to, cost_type, payer_id, amount_ore, is_adjustment, note)
                VALUES (@Id, @VersionId, @Ordinal, @From, @To, @CostType, @PayerId, @AmountOre, @IsAdjustment, @Note)
                """, new
            {
                Id = Guid.CreateVersion7(now), VersionId = versionId, Ordinal = i + 1, period.From, To = period.To!.Value, CostType = line.CostType.Text(),
                line.PayerId, AmountOre = line.Amount.ToMoney().Ore, line.IsAdjustment, line.Note,
            }, transaction, cancellationToken: cancellationToken));
        }
        // A version's lines never change after this, so their sums by period, payer and cost type are written once,
        // with them: rollups read these instead of every line (db/migrations/0092_create_budget_line_total.sql).
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO budget_line_total (budget_version_id, period_from, period_to, payer_id, cost_type, amount_ore, line_count)
            SELECT budget_version_id, period_from, period_to, payer_id, cost_type, SUM(amount_ore), COUNT(*)
            FROM budget_line WHERE budget_version_id = @VersionId
            GROUP BY budget_version_id, period_from, period_to, payer_id, cost_type
            """, new { VersionId = versionId }, transaction, cancellationToken: cancellationToken));
    }
}
