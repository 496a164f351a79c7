using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Reads one task of a work plan, with its milestones and ETag.</summary>
public static class GetTask
{
    public sealed record Query(Guid Id) : IRequest<TaskResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, TaskResponse>
    {
        public async Task<TaskResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_task", query.Id, null, cancellationToken);
            return await WorkPlanStore.ReadTaskAsync(connection, query.Id, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/tasks/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var task = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, task, task.Version);
                })
                .WithName("getTask")
                .WithSummary("Hent en opgave / Get a task")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "opgave i arbejdsplanen med milepæle og ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One task " +
                                 "of the work plan with its milestones and ETag.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<TaskResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
