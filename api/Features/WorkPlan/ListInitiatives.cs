using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Lists initiatives, by governance model, focus area, responsible body or status, paged, with tombstones.</summary>
public static class ListInitiatives
{
    public sealed record Query : IRequest<Slice<InitiativeResponse>>, IListQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public Guid? FocusAreaId { get; init; }
        public Guid? ResponsibleBodyId { get; init; }
        public string? Status { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Status).IsEnumName(typeof(WorkStatus), caseSensitive: false).When(q => q.Status is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<InitiativeResponse>>
    {
        public async Task<Slice<InitiativeResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = new DynamicParameters();
            var scope = WorkPlanStore.ScopeCondition(user, query.GovernanceModelId,
                "(SELECT f.governance_model_id FROM work_focus_area f WHERE f.id = work_initiative.focus_area_id)", parameters);
            var list = new ListSql($"SELECT {WorkPlanStore.InitiativeColumns} FROM work_initiative", query)
                .Where(scope is not null, scope ?? "")
                .Where(query.GovernanceModelId is not null, "focus_area_id IN (SELECT id FROM work_focus_area WHERE governance_model_id = @GovernanceModelId)")
                .Where(query.FocusAreaId is not null, "focus_area_id = @FocusAreaId")
                .Where(query.ResponsibleBodyId is not null, "responsible_body_id = @ResponsibleBodyId")
                .Where(query.Status is not null, "status = @Status");

            await using var connection = await db.OpenAsync(cancellationToken);
            parameters.AddDynamicParams(new
            {
                query.ModifiedSince, query.GovernanceModelId, query.FocusAreaId, query.ResponsibleBodyId, Status = query.Status is null ? null : WorkStatuses.Parse(query.Status).Text(),
                list.After, list.Take,
            });
            var rows = (await connection.QueryAsync<InitiativeResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            return Slice<InitiativeResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/initiatives", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listInitiatives")
                .WithSummary("Vis initiativer / List initiatives")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Initiativer pr. styringsmodel, indsatsområde, ansvarligt organ eller status, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Initiatives by governance model, focus area, responsible body or status, paged, with tombstones.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
