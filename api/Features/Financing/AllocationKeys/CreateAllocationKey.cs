using Klima.Api.Infrastructure.Localization;
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

/// <summary>Stores a named allocation key (fixed shares, population or equal split) over a model's payers.</summary>
public static class CreateAllocationKey
{
    public sealed record Command(Guid GovernanceModelId, string Code, string Name, AllocationMethod Method, IReadOnlyList<AllocationShareInput> Shares,
        string? Description = null, string? BasisNote = null) : IRequest<AllocationKeyResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GovernanceModelId).NotEmpty();
            RuleFor(c => c.Code).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$").WithMessage(_ => Messages.Get("Code.Format"));
            Include(new AllocationKeyRules<Command>(c => c.Name, c => c.Method, c => c.Description, c => c.BasisNote, c => c.Shares));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, AllocationKeyResponse>
    {
        public async Task<AllocationKeyResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM governance_model WHERE id = @Id AND deleted_at IS NULL", new { Id = command.GovernanceModelId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw Shared.FinancingValidation.Invalid("governanceModelId", "The governance model does not exist.");
            }
            GovernanceModelsStore.Ensure(user, command.GovernanceModelId);
            await AllocationKeysStore.CheckPayersAsync(connection, command.GovernanceModelId, command.Shares, transaction, cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO allocation_key (id, governance_model_id, code, name, method, description, basis_note, version, created_at, modified_at)
                    VALUES (@Id, @GovernanceModelId, @Code, @Name, @Method, @Description, @BasisNote, 1, @Now, @Now)
                    """, new { Id = id, command.GovernanceModelId, command.Code, command.Name, Method = command.Method.Text(), command.Description, command.BasisNote, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("AllocationKey.CodeTaken", command.Code);
            }
            await AllocationKeysStore.ReplaceSharesAsync(connection, id, command.Method, command.Shares, transaction, cancellationToken);
            var created = (await AllocationKeysStore.LoadAsync(connection, id, transaction, cancellationToken))!;
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/allocation-keys", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/allocation-keys/{created.Id}", created);
                })
                .WithName("createAllocationKey")
                .WithSummary("Opret en fordelingsnøgle / Create an allocation key")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). En navngiven nøgle (faste andele, " +
                                 "indbyggertal eller ligelig fordeling) over en models betalere." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). A named key (fixed shares, " +
                                 "population or equal split) over a model's payers.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
