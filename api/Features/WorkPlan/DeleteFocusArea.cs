using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Removes an empty focus area (one without live initiatives); sync clients see it as a tombstone.</summary>
public static class DeleteFocusArea
{
    public sealed record Command(Guid Id, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_focus_area", command.Id, transaction, cancellationToken);
            var children = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM work_initiative WHERE focus_area_id = @Id AND deleted_at IS NULL", command, transaction, cancellationToken: cancellationToken));
            if (children > 0)
            {
                throw new ConflictException("WorkPlan.FocusAreaHasInitiatives", children);
            }
            await connection.SoftDeleteAsync("work_focus_area", "Focus area", command.Id, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/work-plan/focus-areas/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteFocusArea")
                .WithSummary("Slet et indsatsområde / Delete a focus area")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kun et tomt indsatsområde " +
                                 "(uden levende initiativer, ellers 409); synkroniserende klienter ser det som slettet. Kræver If-Match." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Only an empty focus area (without " +
                                 "live initiatives, else 409); sync clients see it as a tombstone. Needs If-Match.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
