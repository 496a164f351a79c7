using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Grants;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Reports;
using Klima.Api.Features.Financing.Staffing;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>A programme of the model: its period, what payers have committed (disponeret) and its grants by state.</summary>
public sealed record ProgrammeEconomy(Guid Id, string Code, string Name, string? ParentCode, DateOnly? ValidFrom, DateOnly? ValidTo,
    decimal Committed, decimal? CommittedFte, IReadOnlyList<CommitmentEntry> Commitments,
    decimal GrantsReserved, decimal GrantsReleased, decimal GrantsSpent, decimal GrantsClosed);

public sealed record CommitmentEntry(Guid Id, string PayerName, decimal? Amount, decimal? Fte, DateOnly? PeriodFrom, DateOnly? PeriodTo, string Description);

/// <summary>Budget against actual for one programme, period (as entered) and payer; Key names the row for comparisons.</summary>
public sealed record BudgetRow(string Key, string ProgrammeCode, string PeriodLabel, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? PayerName,
    decimal Budget, decimal Actual, decimal Variance);

public sealed record GrantEntry(Guid Id, string Title, string ProgrammeCode, string PayerCode, decimal Amount, GrantState State,
    DateOnly? ReservedOn, DateOnly? ExpectedReleaseOn, DateOnly? ReleasedOn);

public sealed record BudgetTotals(decimal Budget, decimal Actual, decimal Variance);

/// <summary>
/// Builds the economy section from the financing API's own queries (GET /api/financing/programmes/{id},
/// /api/financing/rollups, /api/financing/grants, /api/financing/staffing), sent through the mediator.
/// Budget rows are those whose period overlaps the report's period, with their whole amounts (not pro-rated);
/// the budget versions are those in force on the period's last day, as the rollup with asOf = that day answers.
/// </summary>
internal static class EconomyBuilder
{
    public static async Task<(IReadOnlyList<ProgrammeEconomy> Programmes, IReadOnlyList<BudgetRow> Budget, BudgetTotals Totals, IReadOnlyList<GrantEntry> Grants,
        IReadOnlyDictionary<Guid, FundedPositionResponse> Funding)> BuildAsync(IMediator mediator, Guid model, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var programmes = (await ReportSources.AllAsync(cursor => mediator.Send(new ListProgrammes.Query { Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
            .Where(p => p.GovernanceModelId == model)
            .OrderBy(p => p.ValidFrom ?? DateOnly.MinValue).ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        var byId = programmes.ToDictionary(p => p.Id);
        var economies = new List<ProgrammeEconomy>();
        foreach (var p in programmes)
        {
            var detail = await mediator.Send(new GetProgramme.Query(p.Id), cancellationToken);
            var fte = detail.Commitments.Where(c => c.Fte is not null).Select(c => c.Fte!.Value).ToList();
            economies.Add(new ProgrammeEconomy(p.Id, p.Code, p.Name, p.ParentProgrammeId is { } parent && byId.TryGetValue(parent, out var pp) ? pp.Code : null,
                p.ValidFrom, p.ValidTo, detail.Committed.Amount, fte.Count == 0 ? null : fte.Sum(),
                detail.Commitments.Select(c => new CommitmentEntry(c.Id, c.PayerName, c.Amount?.Amount, c.Fte, c.PeriodFrom, c.PeriodTo, c.Description)).ToList(),
                detail.Grants.Reserved.Amount, detail.Grants.Released.Amount, detail.Grants.Spent.Amount, detail.Grants.Closed.Amount));
        }

        var rollup = await mediator.Send(new GetRollup.Query { GovernanceModelId = model, AsOf = to.AddDays(-1), GroupBy = "programme,period,payer" }, cancellationToken);
        var budget = rollup.Rows
            .Where(r => r.ProgrammeId is { } id && byId.ContainsKey(id))
            .Where(r => r.Period is null || (r.Period.From < to && (r.Period.To is null || r.Period.To > from)))
            .Select(r => new BudgetRow($"{r.ProgrammeCode}|{r.Period?.Label}|{r.PayerCode}", r.ProgrammeCode ?? "", r.Period?.Label ?? "", r.Period?.From, r.Period?.To,
                r.PayerName, r.Budget.Amount, r.Actual.Amount, r.Variance.Amount))
            .ToList();
        var totals = new BudgetTotals(budget.Sum(b => b.Budget), budget.Sum(b => b.Actual), budget.Sum(b => b.Variance));

        var grants = (await ReportSources.AllAsync(cursor => mediator.Send(new ListGrants.Query { Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
            .Where(g => byId.ContainsKey(g.ProgrammeId))
            .OrderBy(g => g.ReservedOn ?? DateOnly.MinValue).ThenBy(g => g.Title, StringComparer.Ordinal)
            .Select(g => new GrantEntry(g.Id, g.Title, g.ProgrammeCode, g.PayerCode, g.Amount.Amount, g.State, g.ReservedOn, g.ExpectedReleaseOn, g.ReleasedOn))
            .ToList();

        var funding = (await ReportSources.AllAsync(cursor => mediator.Send(new ListFundedPositions.Query { Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
            .ToDictionary(f => f.Id);
        return (economies, budget, totals, grants, funding);
    }
}
