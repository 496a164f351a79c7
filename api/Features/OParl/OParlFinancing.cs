using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// Public money in the OParl view, as vendor types (OParl has none for it): a partnership's approved budget versions
/// (<c>klima:BudgetVersion</c>, with their sums by period, payer and cost type and each payer's co-financing share)
/// and its grants (<c>klima:Grant</c>). Danish public bodies' budgets are public; drafts are not published. The sums
/// are read from the same rows as /api/financing/rollups (budget_line_total), so the figures are the same.
/// </summary>
public static class OParlFinancing
{
    public const string BudgetVersionType = "klima:BudgetVersion";
    public const string GrantType = "klima:Grant";

    public enum Kind
    {
        BudgetVersion,
        Grant,
    }

    public sealed record ListQuery(Kind Kind, OParlUrls Urls, Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetQuery(Kind Kind, OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    internal sealed record VersionRow : OParlRow
    {
        public Guid BudgetId { get; init; }
        public string BudgetCode { get; init; } = "";
        public string BudgetName { get; init; } = "";
        public string ProgrammeCode { get; init; } = "";
        public string ProgrammeName { get; init; } = "";
        public int VersionNumber { get; init; }
        public string Status { get; init; } = "";
        public DateOnly? EffectiveFrom { get; init; }
        public DateOnly? ApprovedOn { get; init; }
        public string? DecisionRef { get; init; }
    }

    internal sealed record GrantRow : OParlRow
    {
        public string ProgrammeCode { get; init; } = "";
        public string ProgrammeName { get; init; } = "";
        public string PayerCode { get; init; } = "";
        public string PayerName { get; init; } = "";
        public string Title { get; init; } = "";
        public long AmountOre { get; init; }
        public string State { get; init; } = "";
        public DateOnly? ReservedOn { get; init; }
        public string? ReservedByDecisionRef { get; init; }
        public DateOnly? ExpectedReleaseOn { get; init; }
        public DateOnly? ReleasedOn { get; init; }
        public string? ReleasedByDecisionRef { get; init; }
        public DateOnly? SpentOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
    }

    private sealed record SumRow
    {
        public Guid BudgetVersionId { get; init; }
        public DateOnly PeriodFrom { get; init; }
        public DateOnly PeriodTo { get; init; }
        public string PayerCode { get; init; } = "";
        public string PayerName { get; init; } = "";
        public string CostType { get; init; } = "";
        public long AmountOre { get; init; }
    }

    /// <summary>Approved and revised versions (never drafts) of the budgets of the model's programmes.</summary>
    private const string VersionSource = """
        SELECT v.id, v.budget_id, b.code AS budget_code, b.name AS budget_name, fp.code AS programme_code, fp.name AS programme_name,
               v.version_number, v.status, v.effective_from, v.approved_on, v.decision_ref, v.created_at,
               CASE WHEN b.deleted_at > v.modified_at THEN b.deleted_at ELSE v.modified_at END AS modified_at,
               COALESCE(b.deleted_at, fp.deleted_at) AS deleted_at
        FROM budget_version v JOIN budget b ON b.id = v.budget_id JOIN funding_programme fp ON fp.id = b.programme_id
        WHERE fp.governance_model_id = @Model AND v.status <> 'draft'
        """;

    private const string GrantSource = """
        SELECT g.id, fp.code AS programme_code, fp.name AS programme_name, p.code AS payer_code, p.name AS payer_name, g.title, g.amount_ore,
               g.state, g.reserved_on, g.reserved_by_decision_ref, g.expected_release_on, g.released_on, g.released_by_decision_ref, g.spent_on,
               g.closed_on, g.created_at, g.modified_at, COALESCE(g.deleted_at, fp.deleted_at) AS deleted_at
        FROM funding_grant g JOIN funding_programme fp ON fp.id = g.programme_id JOIN funding_payer p ON p.id = g.payer_id
        WHERE fp.governance_model_id = @Model
        """;

    private const string Sums = """
        SELECT t.budget_version_id, t.period_from, t.period_to, p.code AS payer_code, p.name AS payer_name, t.cost_type, t.amount_ore
        FROM budget_line_total t JOIN funding_payer p ON p.id = t.payer_id
        WHERE t.budget_version_id IN {0}
        """;

    internal sealed class ListHandler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            if (query.Kind == Kind.Grant)
            {
                var (grants, count) = await OParlList.PageAsync<GrantRow>(connection, db.Dialect, GrantSource, new { query.Model }, query.List, cancellationToken);
                return new OParlSlice(grants.Select(g => Grant(query.Urls, query.Model, g)).ToList(), count);
            }
            var (rows, total) = await OParlList.PageAsync<VersionRow>(connection, db.Dialect, VersionSource, new { query.Model }, query.List, cancellationToken);
            var map = await VersionMapperAsync(connection, query.Urls, query.Model, rows, Today(clock), cancellationToken);
            return new OParlSlice(rows.Select(map).ToList(), total);
        }
    }

    internal sealed class GetHandler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<GetQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var parameters = new { query.Model, query.Id };
            if (query.Kind == Kind.Grant)
            {
                var grant = await connection.QuerySingleOrDefaultAsync<GrantRow>(new CommandDefinition(
                                $"SELECT * FROM ({GrantSource}) x WHERE x.id = @Id", parameters, cancellationToken: cancellationToken))
                            ?? throw new NotFoundException("Grant", query.Id);
                return Grant(query.Urls, query.Model, grant);
            }
            var row = await connection.QuerySingleOrDefaultAsync<VersionRow>(new CommandDefinition(
                          $"SELECT * FROM ({VersionSource}) x WHERE x.id = @Id", parameters, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("BudgetVersion", query.Id);
            var map = await VersionMapperAsync(connection, query.Urls, query.Model, [row], Today(clock), cancellationToken);
            return map(row);
        }
    }

    private static DateOnly Today(TimeProvider clock) => clock.Today();

    /// <summary>Loads the sums of the versions on the page and which version of each budget is in force today.</summary>
    private static async Task<Func<VersionRow, JsonObject>> VersionMapperAsync(DbConnection connection, OParlUrls urls, Guid model,
        IReadOnlyList<VersionRow> rows, DateOnly today, CancellationToken cancellationToken)
    {
        var sums = (await SqlIn.QueryChunkedAsync<SumRow>(connection, Sums, rows.Where(r => r.DeletedAt is null).Select(r => r.Id), null, cancellationToken))
            .ToLookup(s => s.BudgetVersionId);
        var budgets = rows.Select(r => r.BudgetId).Distinct().ToList();
        var versions = await BudgetsStore.VersionsOfBudgetsAsync(connection, budgets, cancellationToken);
        var inForce = versions.GroupBy(v => v.BudgetId)
            .Select(g => (Budget: g.Key, Info: BudgetVersions.InForce(g.Select(v => v.Info), today)))
            .Where(x => x.Info is not null)
            .ToDictionary(x => x.Budget, x => x.Info!.Number);
        return row => BudgetVersion(urls, model, row, sums[row.Id].ToList(), inForce.TryGetValue(row.BudgetId, out var number) && number == row.VersionNumber);
    }

    private static JsonObject Money(long ore)
    {
        var amount = MoneyAmount.OfOre(ore);
        return new JsonObject { ["amount"] = amount.Amount, ["currency"] = amount.Currency };
    }

    private static JsonObject BudgetVersion(OParlUrls urls, Guid model, VersionRow row, IReadOnlyList<SumRow> sums, bool inForce)
    {
        var id = urls.BudgetVersion(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, BudgetVersionType, row);
        }
        var total = sums.Sum(s => s.AmountOre);
        var lines = sums
            .OrderBy(s => s.PeriodFrom).ThenBy(s => s.PeriodTo).ThenBy(s => s.PayerCode, StringComparer.Ordinal).ThenBy(s => s.CostType, StringComparer.Ordinal)
            .Select(s => new JsonObject
            {
                ["period"] = new Period(s.PeriodFrom, s.PeriodTo).Label,
                ["periodFrom"] = OParlFormat.Date(s.PeriodFrom),
                ["periodTo"] = OParlFormat.Date(s.PeriodTo),
                ["payer"] = s.PayerCode,
                ["costType"] = s.CostType,
                ["amount"] = Money(s.AmountOre),
            });
        // Each payer's co-financing share of the version: its amount and its part of the whole in basis points.
        var shares = sums.GroupBy(s => (s.PayerCode, s.PayerName)).OrderBy(g => g.Key.PayerCode, StringComparer.Ordinal)
            .Select(g =>
            {
                var amount = g.Sum(s => s.AmountOre);
                var share = new JsonObject { ["payer"] = g.Key.PayerCode, ["payerName"] = g.Key.PayerName, ["amount"] = Money(amount) };
                if (total != 0) share["shareBasisPoints"] = (long)Math.Round(amount * 10000m / total, MidpointRounding.AwayFromZero);
                return share;
            });
        return new OParlObject(id, BudgetVersionType)
            .Set("body", urls.Body(model))
            .Set("name", $"{row.BudgetName}, version {row.VersionNumber}")
            .Set("klima:budget", row.BudgetCode)
            .Set("klima:programme", row.ProgrammeCode)
            .Set("klima:programmeName", row.ProgrammeName)
            .Set("klima:number", row.VersionNumber)
            .Set("klima:status", row.Status)
            .Set("klima:inForce", inForce)
            .Set("klima:effectiveFrom", row.EffectiveFrom)
            .Set("klima:approvedOn", row.ApprovedOn)
            .Set("klima:decision", row.DecisionRef)
            .Set("klima:total", Money(total))
            .Set("klima:line", lines)
            .Set("klima:coFinancingShare", shares)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    private static JsonObject Grant(OParlUrls urls, Guid model, GrantRow row)
    {
        var id = urls.Grant(model, row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, GrantType, row);
        }
        return new OParlObject(id, GrantType)
            .Set("body", urls.Body(model))
            .Set("name", row.Title)
            .Set("klima:programme", row.ProgrammeCode)
            .Set("klima:programmeName", row.ProgrammeName)
            .Set("klima:payer", row.PayerCode)
            .Set("klima:payerName", row.PayerName)
            .Set("klima:amount", Money(row.AmountOre))
            .Set("klima:state", row.State)
            .Set("klima:reservedOn", row.ReservedOn)
            .Set("klima:reservedByDecision", row.ReservedByDecisionRef)
            .Set("klima:expectedReleaseOn", row.ExpectedReleaseOn)
            .Set("klima:releasedOn", row.ReleasedOn)
            .Set("klima:releasedByDecision", row.ReleasedByDecisionRef)
            .Set("klima:spentOn", row.SpentOn)
            .Set("klima:closedOn", row.ClosedOn)
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapBodyList("klima-budget-versions", "oparlListBudgetVersions", (urls, model, list) => new ListQuery(Kind.BudgetVersion, urls, model, list));
            app.MapBodyObject("klima-budget-version", "oparlGetBudgetVersion", (urls, model, id) => new GetQuery(Kind.BudgetVersion, urls, model, id));
            app.MapBodyList("klima-grants", "oparlListGrants", (urls, model, list) => new ListQuery(Kind.Grant, urls, model, list));
            app.MapBodyObject("klima-grant", "oparlGetGrant", (urls, model, id) => new GetQuery(Kind.Grant, urls, model, id));
        }
    }
}
