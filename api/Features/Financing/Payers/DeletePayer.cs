using Dapper;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>
/// Removes a payer nobody refers to (a tombstone for sync). A payer with budget lines, actuals, grants or commitments is kept
/// (409): the money it paid must stay explained.
/// </summary>
public static class DeletePayer
{
    public sealed record Command(Guid Id, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await PayersStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            GovernanceModelsStore.Ensure(user, current.GovernanceModelId);
            var uses = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
                SELECT (SELECT COUNT(*) FROM budget_line WHERE payer_id = @Id) + (SELECT COUNT(*) FROM budget_actual WHERE payer_id = @Id)
                     + (SELECT COUNT(*) FROM funding_grant WHERE payer_id = @Id) + (SELECT COUNT(*) FROM funding_commitment WHERE payer_id = @Id)
                """, new { command.Id }, transaction, cancellationToken: cancellationToken));
            if (uses > 0)
            {
                throw new ConflictException("Payer.InUse", current.Code, uses);
            }
            await connection.SoftDeleteAsync("funding_payer", "Payer", command.Id, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/financing/payers/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deletePayer")
                .WithSummary("Slet en betaler / Delete a payer")
                .WithDescription("Kræver budgets:write og If-Match. Kun en ubrugt betaler kan slettes: 409 mens den har budgetlinjer, forbrug, bevillinger eller tilsagn." +
                                 "\n\nNeeds budgets:write and If-Match. Only an unused payer can be deleted: 409 while it has budget lines, actuals, grants or commitments.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
