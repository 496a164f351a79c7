using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Lists tasks with their milestones, by governance model, initiative, responsible body or status, paged, with tombstones.</summary>
public static class ListTasks
{
    public sealed record Query : IRequest<Slice<TaskResponse>>, IListQuery
    {
        public Guid? GovernanceModelId { get; init; }
        public Guid? InitiativeId { get; init; }
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

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, Slice<TaskResponse>>
    {
        public async Task<Slice<TaskResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var parameters = new DynamicParameters();
            var scope = WorkPlanStore.ScopeCondition(user, query.GovernanceModelId,
                "(SELECT f.governance_model_id FROM work_initiative i JOIN work_focus_area f ON f.id = i.focus_area_id WHERE i.id = work_task.initiative_id)", parameters);
            var list = new ListSql($"SELECT {WorkPlanStore.TaskColumns} FROM work_task", query)
                .Where(scope is not null, scope ?? "")
                .Where(query.GovernanceModelId is not null,
                    "initiative_id IN (SELECT i.id FROM work_initiative i JOIN work_focus_area f ON f.id = i.focus_area_id WHERE f.governance_model_id = @GovernanceModelId)")
                .Where(query.InitiativeId is not null, "initiative_id = @InitiativeId")
                .Where(query.ResponsibleBodyId is not null, "responsible_body_id = @ResponsibleBodyId")
                .Where(query.Status is not null, "status = @Status");

            await using var connection = await db.OpenAsync(cancellationToken);
            parameters.AddDynamicParams(new
            {
                query.ModifiedSince, query.GovernanceModelId, query.InitiativeId, query.ResponsibleBodyId, Status = query.Status is null ? null : WorkStatuses.Parse(query.Status).Text(),
                list.After, list.Take,
            });
            var rows = (await connection.QueryAsync<TaskResponse>(new CommandDefinition(list.ToSql(db.Dialect), parameters, cancellationToken: cancellationToken))).ToList();
            var milestones = await WorkPlanStore.MilestonesOfAsync(connection, rows.Select(r => r.Id).ToList(), null, cancellationToken);
            var items = rows.Select(r => r with { Milestones = milestones[r.Id].ToList() }).ToList();
            return Slice<TaskResponse>.FromRows(items, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/tasks", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listTasks")
                .WithSummary("Vis opgaver / List tasks")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Opgaver med milepæle pr. styringsmodel, initiativ, ansvarligt organ eller status, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). Tasks " +
                                 "with their milestones by governance model, initiative, responsible body or status, paged, with tombstones.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
