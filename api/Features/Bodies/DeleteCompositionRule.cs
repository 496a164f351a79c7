using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Removes a composition rule from a body; sync clients see it as a tombstone.</summary>
public static class DeleteCompositionRule
{
    public sealed record Command(Guid BodyId, Guid RuleId, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, command.BodyId, transaction, cancellationToken);
            var belongs = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM composition_rule WHERE id = @RuleId AND body_id = @BodyId AND deleted_at IS NULL",
                command, transaction, cancellationToken: cancellationToken));
            if (belongs == 0)
            {
                throw new NotFoundException("Composition rule", command.RuleId);
            }
            await connection.SoftDeleteAsync("composition_rule", "Composition rule", command.RuleId, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/bodies/{id:guid}/composition-rules/{ruleId:guid}", async (Guid id, Guid ruleId, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, ruleId, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteCompositionRule")
                .WithSummary("Slet en sammensætningsregel / Delete a composition rule")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Fjerner reglen fra organet; " +
                                 "synkroniserende klienter ser den som slettet. Kræver If-Match (428 uden, 412 ved forældet version)." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Removes the rule from the body; " +
                                 "sync clients see it as a tombstone. Needs If-Match (428 without, 412 when stale).")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
