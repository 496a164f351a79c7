using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>Retires an allocation key (a tombstone); budget lines split by it keep their amounts and notes.</summary>
public static class DeleteAllocationKey
{
    public sealed record Command(Guid Id, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await AllocationKeysStore.LoadAsync(connection, command.Id, transaction, cancellationToken)
                          ?? throw new NotFoundException("Allocation key", command.Id);
            GovernanceModelsStore.Ensure(user, current.GovernanceModelId);
            await connection.SoftDeleteAsync("allocation_key", "Allocation key", command.Id, command.ExpectedVersion, clock.GetUtcNow(), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/financing/allocation-keys/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteAllocationKey")
                .WithSummary("Slet en fordelingsnøgle / Delete an allocation key")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Nøglen bliver en tombstone; " +
                                 "budgetlinjer fordelt efter den beholder beløb og noter." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). The key becomes a tombstone; budget " +
                                 "lines split by it keep their amounts and notes.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
