using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>Lists issued reports (without their content), by governance model, paged.</summary>
public static class ListIssuedReports
{
    public sealed record Query : IRequest<Slice<IssuedReportSummary>>, IListQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => Include(new ListQueryRules());
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<IssuedReportSummary>>
    {
        public async Task<Slice<IssuedReportSummary>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = new DynamicParameters();
            var model = GovernanceModelsStore.ListCondition(user, query.GovernanceModelId, "governance_model_id", parameters);
            var list = new ListSql($"SELECT {IssuedReports.SummaryColumns} FROM report_issue", query).Where(model is not null, model!);
            parameters.AddDynamicParams(new { query.ModifiedSince, list.After, list.Take });

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<IssuedReportSummary>(new CommandDefinition(list.ToSql(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return Slice<IssuedReportSummary>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/reports", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listIssuedReports")
                .WithSummary("Vis udstedte statusrapporter / List issued status reports")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Udstedte rapporter (uden indhold) pr. styringsmodel, sidevis." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Issued reports (without their content) by governance model, paged.")
                .WithTags("Reports")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem();
    }
}
