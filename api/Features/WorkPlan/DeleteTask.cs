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

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
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
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
