using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Removes a task; its milestones stay with the tombstone, sync clients see it as deleted.</summary>
public static class DeleteTask
{
    public sealed record Command(Guid Id, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_task", command.Id, transaction, cancellationToken);
            await connection.SoftDeleteAsync("work_task", "Task", command.Id, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/work-plan/tasks/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteTask")
                .WithSummary("Slet en opgave / Delete a task")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Milepælene følger med; " +
                                 "synkroniserende klienter ser opgaven som slettet. Kræver If-Match." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Its milestones go with it; sync " +
                                 "clients see the task as deleted. Needs If-Match.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
