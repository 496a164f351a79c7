using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Features.GovernanceModels;
using MediatR;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>Revises an allocation key (name, method, shares); the caller must hold its current revision (If-Match).</summary>
public static class UpdateAllocationKey
{
    public sealed record Body(string Name, AllocationMethod Method, IReadOnlyList<AllocationShareInput> Shares, string? Description = null, string? BasisNote = null);

    public sealed record Command(Guid Id, int ExpectedVersion, string Name, AllocationMethod Method, IReadOnlyList<AllocationShareInput> Shares, string? Description, string? BasisNote)
        : IRequest<AllocationKeyResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new AllocationKeyRules<Command>(c => c.Name, c => c.Method, c => c.Description, c => c.BasisNote, c => c.Shares));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, AllocationKeyResponse>
    {
        public async Task<AllocationKeyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await AllocationKeysStore.LoadAsync(connection, command.Id, transaction, cancellationToken) ?? throw new NotFoundException("Allocation key", command.Id);
            GovernanceModelsStore.Ensure(user, current.GovernanceModelId);
            await AllocationKeysStore.CheckPayersAsync(connection, current.GovernanceModelId, command.Shares, transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE allocation_key SET name = @Name, method = @Method, description = @Description, basis_note = @BasisNote, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, command.Name, Method = command.Method.Text(), command.Description, command.BasisNote, Now = now },
                transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "allocation_key", "Allocation key", command.Id, transaction, cancellationToken);
            await AllocationKeysStore.ReplaceSharesAsync(connection, command.Id, command.Method, command.Shares, transaction, cancellationToken);
            var updated = (await AllocationKeysStore.LoadAsync(connection, command.Id, transaction, cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/financing/allocation-keys/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Name, body.Method, body.Shares, body.Description, body.BasisNote),
                        http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateAllocationKey")
                .WithSummary("Ret en fordelingsnøgle / Update an allocation key")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Navn, metode og andele. Kræver " +
                                 "If-Match med den nuværende revision." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Name, method and shares. Needs " +
                                 "If-Match with the current revision.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
