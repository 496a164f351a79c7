using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Removes a relation of a body (in or out); sync clients see it as a tombstone.</summary>
public static class DeleteBodyRelation
{
    public sealed record Command(Guid BodyId, Guid RelationId, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, command.BodyId, transaction, cancellationToken);
            var belongs = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM body_relation WHERE id = @RelationId AND (from_body_id = @BodyId OR to_body_id = @BodyId) AND deleted_at IS NULL",
                command, transaction, cancellationToken: cancellationToken));
            if (belongs == 0)
            {
                throw new NotFoundException("Relation", command.RelationId);
            }
            await connection.SoftDeleteAsync("body_relation", "Relation", command.RelationId, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/bodies/{id:guid}/relations/{relationId:guid}", async (Guid id, Guid relationId, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, relationId, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteBodyRelation")
                .WithSummary("Slet en relation mellem organer / Delete a relation between bodies")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Fjerner relationen; " +
                                 "synkroniserende klienter ser den som slettet. Kræver If-Match (428 uden, 412 ved forældet version)." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Removes the relation; sync " +
                                 "clients see it as a tombstone. Needs If-Match (428 without, 412 when stale).")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
