using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Lists the focus areas of work plans, by governance model, paged, with tombstones for incremental sync.</summary>
public static class ListFocusAreas
{
    public sealed record Query : IRequest<Slice<FocusAreaResponse>>, IListQuery
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

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<FocusAreaResponse>>
    {
        public async Task<Slice<FocusAreaResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = new DynamicParameters();
            var scope = WorkPlanStore.ScopeCondition(user, query.GovernanceModelId, "governance_model_id", parameters);
            var list = new ListSql($"SELECT {WorkPlanStore.FocusAreaColumns} FROM work_focus_area", query)
                .Where(query.GovernanceModelId is not null, "governance_model_id = @GovernanceModelId")
                .Where(scope is not null, scope ?? "");

            await using var connection = await db.OpenAsync(cancellationToken);
            parameters.AddDynamicParams(new { query.ModifiedSince, query.GovernanceModelId, list.After, list.Take });
            var rows = (await connection.QueryAsync<FocusAreaResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return Slice<FocusAreaResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/focus-areas", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listFocusAreas")
                .WithSummary("Vis indsatsområder / List focus areas")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Arbejdsplanernes indsatsområder pr. styringsmodel, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The work " +
                                 "plans' focus areas by governance model, paged, with tombstones.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
