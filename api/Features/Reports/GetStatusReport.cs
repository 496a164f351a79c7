using Dapper;
using FluentValidation;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Features.Staff;
using Klima.Api.Features.WorkPlan;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>Makes the live status report for a governance model and a half-open period, as JSON for integrators.</summary>
public static class GetStatusReport
{
    public sealed record Query(Guid GovernanceModelId, DateOnly From, DateOnly To) : IRequest<StatusReport>;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ReportPeriodRules<Query>(q => q.GovernanceModelId, q => q.From, q => q.To));
    }

    internal sealed class Handler(IDbConnectionFactory db, IMediator mediator, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, StatusReport>
    {
        public async Task<StatusReport> Handle(Query query, CancellationToken cancellationToken)
        {
            // A caller limited to other partnerships cannot report on this one (403), nor learn whether it exists.
            GovernanceModelsStore.Ensure(user, query.GovernanceModelId);
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await connection.QuerySingleOrDefaultAsync<ModelRow>(new CommandDefinition(
                            "SELECT id, code, name FROM governance_model WHERE id = @GovernanceModelId AND deleted_at IS NULL", query, cancellationToken: cancellationToken))
                        is { } row ? new ReportModelRef(row.Id, row.Code, row.Name) : throw new NotFoundException("Governance model", query.GovernanceModelId);
            // Each section is the API's own answer to the same question, not a re-derivation.
            var workPlan = await mediator.Send(new GetWorkPlanProgress.Query(query.GovernanceModelId, query.From, query.To), cancellationToken);
            var bodies = (await ReportSources.AllAsync(cursor => mediator.Send(
                    new ListBodies.Query { GovernanceModelId = query.GovernanceModelId, Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
                .Select(b => b.Id).ToHashSet();
            var activity = await ActivityBuilder.BuildAsync(db.Dialect, connection, user, mediator, query.GovernanceModelId, bodies, query.From, query.To, cancellationToken);
            var economy = await EconomyBuilder.BuildAsync(mediator, query.GovernanceModelId, query.From, query.To, cancellationToken);
            var staffing = await StaffingAsync(query, bodies, economy.Funding, cancellationToken);
            return new StatusReport
            {
                SchemaVersion = StatusReport.CurrentSchemaVersion,
                GovernanceModel = model,
                From = query.From,
                To = query.To,
                GeneratedAt = clock.GetUtcNow(),
                Notes =
                [
                    new ReportNote("economy", "Budgetlinjer medtages med deres fulde beløb, når deres periode overlapper rapportens; budgetversionerne er dem, der var gældende på periodens sidste dag.",
                        "Budget lines are included with their whole amounts when their period overlaps the report's; the budget versions are those in force on the period's last day."),
                ],
                Activity = activity,
                Economy = new EconomySection
                {
                    Programmes = economy.Programmes, Budget = economy.Budget, BudgetTotals = economy.Totals, BudgetAsOf = query.To.AddDays(-1),
                    Grants = economy.Grants, Staffing = staffing,
                },
                WorkPlan = workPlan,
            };
        }

        /// <summary>The staff register's own answer (GET /api/staff-positions), limited to this model's bodies.</summary>
        private async Task<StaffingSection> StaffingAsync(Query query, HashSet<Guid> bodies,
            IReadOnlyDictionary<Guid, Financing.Staffing.FundedPositionResponse> funding, CancellationToken cancellationToken)
        {
            var positions = (await ReportSources.AllAsync(cursor => mediator.Send(
                    new ListStaffPositions.Query { Limit = Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
                .Where(p => bodies.Contains(p.BodyId))
                .Select(p => new StaffingPosition(p.Id, p.Title, p.BodyName, p.EmployerOrganisationName, p.Fte, p.ValidFrom, p.ValidTo,
                    Timing(p.ValidFrom, p.ValidTo, query.From, query.To), p.DailyManagerRole,
                    funding.TryGetValue(p.Id, out var f) ? f.FundingProgrammeCode : null, funding.TryGetValue(p.Id, out var g) ? g.AnnualCost?.Amount : null))
                .Where(p => p.Timing != PeriodTiming.BeforePeriod)
                .OrderBy(p => p.ValidFrom).ThenBy(p => p.Title, StringComparer.Ordinal)
                .ToList();
            return new StaffingSection(
                positions.Where(p => p.Timing == PeriodTiming.InPeriod).Sum(p => p.Fte),
                positions.Where(p => p.Timing == PeriodTiming.AfterPeriod).Sum(p => p.Fte),
                positions);
        }

        /// <summary>Half-open periods: [validFrom, validTo) against [from, to).</summary>
        internal static PeriodTiming Timing(DateOnly? validFrom, DateOnly? validTo, DateOnly from, DateOnly to) =>
            validTo is { } end && end <= from ? PeriodTiming.BeforePeriod
            : validFrom is { } start && start >= to ? PeriodTiming.AfterPeriod
            : PeriodTiming.InPeriod;

        private sealed record ModelRow
        {
            public required Guid Id { get; init; }
            public required string Code { get; init; }
            public required string Name { get; init; }
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/reports/status", async (Guid governanceModelId, DateOnly from, DateOnly to, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId, from, to), http.RequestAborted)))
                .WithName("getStatusReport")
                .WithSummary("Aktuel statusrapport / Live status report")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Statusrapporten for en styringsmodel og en halvåben " +
                                 "periode [from, to) som JSON: aktivitet (sager, afgørelser, arbejdsplan) og økonomi (budget, forbrug, bevillinger)." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The status report for a governance model and a half-open " +
                                 "period [from, to) as JSON: activity (cases, decisions, work plan) and economy (budget, actuals, grants).")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>A report covers one governance model over a half-open period of at most 5 years.</summary>
internal sealed class ReportPeriodRules<T> : AbstractValidator<T>
{
    public ReportPeriodRules(Func<T, Guid> model, Func<T, DateOnly> from, Func<T, DateOnly> to)
    {
        RuleFor(x => model(x)).NotEmpty().OverridePropertyName("governanceModelId");
        RuleFor(x => to(x)).Must((x, end) => end > from(x))
            .WithMessage(_ => Messages.Get("Period.ToAfterFrom")).OverridePropertyName("to");
        // Compared without AddYears on 'from', which throws for from = 9999-12-31.
        RuleFor(x => to(x)).Must((x, end) => end.Year - from(x).Year < 5 || (end.Year - from(x).Year == 5 && (end.Month, end.Day).CompareTo((from(x).Month, from(x).Day)) <= 0))
            .WithMessage(_ => Messages.Get("Report.AtMostFiveYears")).OverridePropertyName("to");
    }
}
