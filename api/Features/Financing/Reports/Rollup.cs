using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.Financing.Reports;

/// <summary>A rollup: budget (the versions in force on a day), actual and variance summed by the chosen dimensions.</summary>
public sealed record RollupResponse
{
    /// <summary>The one governance model (partnership) whose money this is: a rollup never sums two partnerships.</summary>
    public required Guid GovernanceModelId { get; init; }
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<string> GroupBy { get; init; }
    public required string Granularity { get; init; }
    /// <summary>The budget version each budget contributed: the one in force on asOf.</summary>
    public required IReadOnlyList<RollupVersion> Versions { get; init; }
    /// <summary>Totals over every row (all pages).</summary>
    public required RollupTotals Totals { get; init; }
    public required IReadOnlyList<RollupRow> Items { get; init; }
    public string? Next { get; init; }
}

public sealed record RollupVersion(Guid BudgetId, string BudgetCode, string ProgrammeCode, int Number, BudgetVersionStatus Status, DateOnly? EffectiveFrom, string? DecisionRef);

public sealed record RollupTotals(MoneyAmount Budget, MoneyAmount Actual, MoneyAmount Variance);

public sealed record RollupRow
{
    public Guid? ProgrammeId { get; init; }
    public string? ProgrammeCode { get; init; }
    public PeriodResponse? Period { get; init; }
    public Guid? PayerId { get; init; }
    public string? PayerCode { get; init; }
    public string? PayerName { get; init; }
    public CostType? CostType { get; init; }
    public required MoneyAmount Budget { get; init; }
    public required MoneyAmount Actual { get; init; }
    /// <summary>Budget minus actual: what is left (negative = overspent).</summary>
    public required MoneyAmount Variance { get; init; }
    /// <summary>Actual as a share of budget in basis points (10000 = 100%), rounded down so that 10000 means fully used; null when nothing was budgeted.</summary>
    public long? UtilisationBasisPoints { get; init; }
}

/// <summary>The parameters every financial report shares.</summary>
public interface IReportQuery
{
    /// <summary>The partnership; when omitted, the programme's model, else the caller's only model, else the only model (422 when ambiguous).</summary>
    Guid? GovernanceModelId { get; }
    Guid? ProgrammeId { get; }
    Guid? PayerId { get; }
    DateOnly? AsOf { get; }
    string? Granularity { get; }
    string? Format { get; }
    string? Locale { get; }
}

internal sealed class ReportQueryRules : AbstractValidator<IReportQuery>
{
    public ReportQueryRules()
    {
        RuleFor(q => q.Granularity).Must(g => g is null || RollupEngine.Granularities.Contains(g))
            .WithMessage(_ => Messages.Get("Financing.Granularity"));
        RuleFor(q => q.Format).Must(f => f is null || f is "json" or "csv").WithMessage(_ => Messages.Get("Financing.Format"));
        RuleFor(q => q.Locale).Must(l => l is null || l is "en" or "da").WithMessage(_ => Messages.Get("Financing.Locale"));
    }
}

/// <summary>
/// Computes rollups: the database gives the sums of the lines of the versions in force (kept per version in
/// budget_line_total) and of the actuals booked by the as-of day (from a covering index) at their finest grain
/// (version or budget, period, payer, cost type); the remaining
/// grouping by the requested dimensions, the year buckets and the exact money arithmetic happen here over those sums,
/// which are one to two orders of magnitude fewer than the lines. Which version is in force stays a domain rule
/// (<see cref="BudgetVersions.InForce"/>), decided here over the small list of versions.
/// </summary>
internal static class RollupEngine
{
    public static readonly IReadOnlySet<string> Dimensions = new HashSet<string>(StringComparer.Ordinal) { "programme", "period", "payer", "costType" };
    public static readonly IReadOnlySet<string> Granularities = new HashSet<string>(StringComparer.Ordinal) { "asEntered", "year" };

    private sealed record Fact(ProgrammeRow Programme, Period Period, Guid PayerId, string PayerCode, string PayerName, CostType CostType, Money Budget, Money Actual);

    private sealed record PayerRow
    {
        public Guid Id { get; init; }
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
    }

    /// <summary>A sum of budget lines (keyed by version) or of actuals (keyed by budget) at the finest grain.</summary>
    private sealed record SumRow
    {
        public Guid OwnerId { get; init; }
        public DateOnly PeriodFrom { get; init; }
        public DateOnly PeriodTo { get; init; }
        public Guid PayerId { get; init; }
        public string CostType { get; init; } = "";
        public long AmountOre { get; init; }
    }

    // The lines' sums per version are kept in budget_line_total (written with the lines, which never change), a tenth
    // of the rows of budget_line; the actuals the same way through budget_actual_total (ActualSums below).
    private const string LineSums = """
        SELECT budget_version_id AS owner_id, period_from, period_to, payer_id, cost_type, amount_ore
        FROM budget_line_total
        WHERE budget_version_id IN {0}
        """;

    // The actuals' sums as of a day, read like the lines' (issue 19): the whole booking months before the as-of day's month
    // from budget_actual_total (kept by triggers on budget_actual, migration 0220), and only that month's own actuals up to
    // the day from budget_actual (its covering index). Equal to the sum of every actual booked by the day, to the øre.
    private const string ActualSums = """
        SELECT owner_id, period_from, period_to, payer_id, cost_type, SUM(amount_ore) AS amount_ore
        FROM (
            SELECT budget_id AS owner_id, period_from, period_to, payer_id, cost_type, amount_ore
            FROM budget_actual_total
            WHERE budget_id IN {0} AND booked_month < @AsOfMonth
            UNION ALL
            SELECT budget_id AS owner_id, period_from, period_to, payer_id, cost_type, amount_ore
            FROM budget_actual
            WHERE deleted_at IS NULL AND booked_on >= @AsOfMonth AND booked_on <= @AsOf AND budget_id IN {0}
        ) sums
        GROUP BY owner_id, period_from, period_to, payer_id, cost_type
        """;

    // Without costType among the dimensions the cost types are summed in SQL (issue 19: the status report's rollup), a
    // third of the rows to read; the sums are whole øre, so the totals are the same as summing the finer rows here.
    private const string LineSumsByPayer = """
        SELECT budget_version_id AS owner_id, period_from, period_to, payer_id, '' AS cost_type, SUM(amount_ore) AS amount_ore
        FROM budget_line_total
        WHERE budget_version_id IN {0}
        GROUP BY budget_version_id, period_from, period_to, payer_id
        """;

    private const string ActualSumsByPayer = """
        SELECT owner_id, period_from, period_to, payer_id, '' AS cost_type, SUM(amount_ore) AS amount_ore
        FROM (
            SELECT budget_id AS owner_id, period_from, period_to, payer_id, amount_ore
            FROM budget_actual_total
            WHERE budget_id IN {0} AND booked_month < @AsOfMonth
            UNION ALL
            SELECT budget_id AS owner_id, period_from, period_to, payer_id, amount_ore
            FROM budget_actual
            WHERE deleted_at IS NULL AND booked_on >= @AsOfMonth AND booked_on <= @AsOf AND budget_id IN {0}
        ) sums
        GROUP BY owner_id, period_from, period_to, payer_id
        """;

    /// <summary>
    /// The one model a report covers, so two partnerships' money is never summed: the model named, else the programme's, else
    /// the caller's only model or the register's only model; 422 naming <c>governanceModelId</c> when that is ambiguous,
    /// 422 naming <c>programmeId</c> / <c>payerId</c> when they belong to another model, 403 outside the caller's limit.
    /// </summary>
    public static async Task<Guid> ResolveModelAsync(DbConnection connection, IReportQuery query, Infrastructure.Auth.ICurrentUser user, CancellationToken cancellationToken)
    {
        Guid? programmeModel = null;
        if (query.ProgrammeId is { } programme)
        {
            programmeModel = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT governance_model_id FROM funding_programme WHERE id = @Id AND deleted_at IS NULL", new { Id = programme }, cancellationToken: cancellationToken));
        }
        var model = await GovernanceModels.GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId ?? programmeModel, user, null, cancellationToken);
        if (programmeModel is not null && programmeModel != model)
        {
            throw new Infrastructure.Errors.RuleViolationException("same-governance-model", new Domain.Text("Reference.InOtherModel", new Domain.Term("Resource.Programme")), "programmeId");
        }
        if (query.PayerId is { } payer && (await Payers.PayersStore.ModelsOfAsync(connection, [payer], null, cancellationToken)).TryGetValue(payer, out var payerModel)
            && payerModel != model)
        {
            throw new Infrastructure.Errors.RuleViolationException("same-governance-model", new Domain.Text("Reference.InOtherModel", new Domain.Term("Resource.Payer")), "payerId");
        }
        return model;
    }

    public sealed record Result(Guid GovernanceModelId, DateOnly AsOf, IReadOnlyList<string> GroupBy, string Granularity, IReadOnlyList<RollupVersion> Versions, RollupTotals Totals, IReadOnlyList<RollupRow> Rows);

    public static async Task<Result> RunAsync(DbConnection connection, Guid model, IReportQuery query, IReadOnlyList<string> groupBy, DateOnly today, CancellationToken cancellationToken)
    {
        var asOf = query.AsOf ?? today;
        var granularity = query.Granularity ?? "asEntered";
        var programmes = (await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken))).ToDictionary(p => p.Id);
        // Only the model's own programmes: another partnership's money never enters the sums.
        var inScope = (query.ProgrammeId is { } root ? ProgrammesStore.WithDescendants(programmes.Values, root) : programmes.Keys.ToHashSet())
            .Where(p => programmes[p].GovernanceModelId == model).ToHashSet();
        // Only the budgets and versions of the programmes in scope are read: one programme's rollup is a few budgets.
        var budgets = (await SqlIn.QueryChunkedAsync<BudgetRow>(connection, BudgetsStore.SelectBudget + " AND b.programme_id IN {0}", inScope, null, cancellationToken))
            .ToDictionary(b => b.Id);
        var versions = await SqlIn.QueryChunkedAsync<BudgetVersionRow>(connection, BudgetsStore.SelectVersions + " WHERE budget_id IN {0}", budgets.Keys, null, cancellationToken);
        var inForce = versions.GroupBy(v => v.BudgetId)
            .Select(g => (Budget: g.Key, Info: BudgetVersions.InForce(g.Select(v => v.Info), asOf)))
            .Where(x => x.Info is not null)
            .Select(x => versions.Single(v => v.BudgetId == x.Budget && v.VersionNumber == x.Info!.Number))
            .ToList();
        var byCostType = groupBy.Contains("costType");
        var lines = await SqlIn.QueryChunkedAsync<SumRow>(connection, byCostType ? LineSums : LineSumsByPayer, inForce.Select(v => v.Id), null, cancellationToken);
        var actuals = await SqlIn.QueryChunkedAsync<SumRow>(connection, byCostType ? ActualSums : ActualSumsByPayer, budgets.Keys, null, cancellationToken,
            new { AsOf = asOf, AsOfMonth = new DateOnly(asOf.Year, asOf.Month, 1) });
        var payers = (await connection.QueryAsync<PayerRow>(new CommandDefinition("SELECT id, code, name FROM funding_payer", cancellationToken: cancellationToken))).ToDictionary(p => p.Id);

        var versionBudget = inForce.ToDictionary(v => v.Id, v => v.BudgetId);
        // Not a dimension: the rows carry no cost type and the facts a placeholder that no grouping reads.
        CostType CostTypeOf(SumRow row) => byCostType ? Enum.Parse<CostType>(row.CostType, ignoreCase: true) : default;
        Period Bucket(DateOnly from, DateOnly to)
        {
            var period = new Period(from, to);
            return granularity == "year" && period.CalendarYear is { } year ? Period.Year(year) : period;
        }
        var facts = lines.Select(l => new Fact(programmes[budgets[versionBudget[l.OwnerId]].ProgrammeId], Bucket(l.PeriodFrom, l.PeriodTo), l.PayerId, payers[l.PayerId].Code, payers[l.PayerId].Name,
                CostTypeOf(l), new Money(l.AmountOre), Money.Zero))
            .Concat(actuals.Select(a => new Fact(programmes[budgets[a.OwnerId].ProgrammeId], Bucket(a.PeriodFrom, a.PeriodTo), a.PayerId, payers[a.PayerId].Code, payers[a.PayerId].Name,
                CostTypeOf(a), Money.Zero, new Money(a.AmountOre))))
            .Where(f => query.PayerId is null || f.PayerId == query.PayerId)
            .ToList();

        var byProgramme = groupBy.Contains("programme");
        var byPeriod = groupBy.Contains("period");
        var byPayer = groupBy.Contains("payer");
        var rows = facts
            .GroupBy(f => (
                Programme: byProgramme ? f.Programme.Id : (Guid?)null,
                Period: byPeriod ? f.Period : (Period?)null,
                Payer: byPayer ? f.PayerId : (Guid?)null,
                CostType: byCostType ? f.CostType : (CostType?)null))
            .Select(g =>
            {
                var first = g.First();
                var sum = new BudgetVsActual(Money.Sum(g.Select(f => f.Budget)), Money.Sum(g.Select(f => f.Actual)));
                return new RollupRow
                {
                    ProgrammeId = g.Key.Programme, ProgrammeCode = byProgramme ? first.Programme.Code : null,
                    Period = g.Key.Period is { } p ? PeriodResponse.Of(p) : null,
                    PayerId = g.Key.Payer, PayerCode = byPayer ? first.PayerCode : null, PayerName = byPayer ? first.PayerName : null,
                    CostType = g.Key.CostType,
                    Budget = MoneyAmount.Of(sum.Budget), Actual = MoneyAmount.Of(sum.Actual), Variance = MoneyAmount.Of(sum.Variance),
                    UtilisationBasisPoints = sum.UtilisationBasisPoints,
                };
            })
            .OrderBy(SortKey, StringComparer.Ordinal)
            .ToList();
        var total = new BudgetVsActual(Money.Sum(facts.Select(f => f.Budget)), Money.Sum(facts.Select(f => f.Actual)));
        var versionList = inForce
            .Select(v => new RollupVersion(v.BudgetId, budgets[v.BudgetId].Code, budgets[v.BudgetId].ProgrammeCode, v.VersionNumber, v.StatusValue, v.EffectiveFrom, v.DecisionRef))
            .OrderBy(v => v.BudgetCode, StringComparer.Ordinal).ToList();
        return new Result(model, asOf, groupBy, granularity, versionList,
            new RollupTotals(MoneyAmount.Of(total.Budget), MoneyAmount.Of(total.Actual), MoneyAmount.Of(total.Variance)), rows);
    }

    /// <summary>A stable, total order of rows, also the keyset cursor of a page.</summary>
    public static string SortKey(RollupRow row) =>
        string.Join('|', row.ProgrammeCode ?? "", row.Period?.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            row.Period?.To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "", row.PayerCode ?? "", row.CostType?.ToString() ?? "");

    public static RollupResponse ToPage(Result result, int limit, string? cursor, HttpRequest request)
    {
        var after = Cursor.Decode(cursor);
        var remaining = after is null ? result.Rows : result.Rows.Where(r => string.CompareOrdinal(SortKey(r), after) > 0).ToList();
        var slice = Slice<RollupRow>.FromRows(remaining.Take(limit + 1).ToList(), limit, SortKey);
        return new RollupResponse
        {
            GovernanceModelId = result.GovernanceModelId, AsOf = result.AsOf, GroupBy = result.GroupBy, Granularity = result.Granularity, Versions = result.Versions, Totals = result.Totals,
            Items = slice.Items, Next = slice.NextCursor is null ? null : Paging.NextLink(request, slice.NextCursor),
        };
    }

    public static byte[] ToCsv(Result result, string? locale, bool bom)
    {
        var columns = new List<CsvColumn<RollupRow>>();
        if (result.GroupBy.Contains("programme")) columns.Add(new("programme", r => r.ProgrammeCode));
        if (result.GroupBy.Contains("period"))
        {
            columns.Add(new("period", r => r.Period?.Label));
            columns.Add(new("periodFrom", r => CsvValue.Of(r.Period?.From)));
            columns.Add(new("periodTo", r => CsvValue.Of(r.Period?.To)));
        }
        if (result.GroupBy.Contains("payer"))
        {
            columns.Add(new("payer", r => r.PayerCode));
            columns.Add(new("payerName", r => r.PayerName));
        }
        if (result.GroupBy.Contains("costType")) columns.Add(new("costType", r => r.CostType is { } c ? Infrastructure.Data.EnumText.Text(c) : null));
        columns.Add(new("budget", r => CsvValue.Of(r.Budget.Amount)));
        columns.Add(new("actual", r => CsvValue.Of(r.Actual.Amount)));
        columns.Add(new("variance", r => CsvValue.Of(r.Variance.Amount)));
        columns.Add(new("currency", r => r.Budget.Currency));
        return FinancingCsv.Write(result.Rows, columns, locale, bom);
    }
}
