using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Changes a governance model; the caller must hold its current version (If-Match).</summary>
public static class UpdateGovernanceModel
{
    public sealed record Body(string Code, string Name, string? Description, DateOnly? ValidFrom, DateOnly? ValidTo);

    public sealed record Command(Guid Id, int ExpectedVersion, string Code, string Name, string? Description, DateOnly? ValidFrom, DateOnly? ValidTo)
        : IRequest<GovernanceModelResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new GovernanceModelRules<Command>(c => c.Code, c => c.Name, c => c.Description, c => c.ValidFrom, c => c.ValidTo));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, GovernanceModelResponse>
    {
        public async Task<GovernanceModelResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            GovernanceModelsStore.Ensure(user, command.Id);
            int changed;
            try
            {
                changed = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE governance_model
                    SET code = @Code, name = @Name, description = @Description, valid_from = @ValidFrom, valid_to = @ValidTo,
                        version = version + 1, modified_at = @Now
                    WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                    """, new { command.Id, command.ExpectedVersion, command.Code, command.Name, command.Description, command.ValidFrom, command.ValidTo, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("GovernanceModel.CodeTaken", command.Code);
            }
            await connection.EnsureChangedAsync(changed, "governance_model", "Governance model", command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new GovernanceModelResponse
            {
                Id = command.Id, Code = command.Code, Name = command.Name, Description = command.Description, ValidFrom = command.ValidFrom,
                ValidTo = command.ValidTo, Version = command.ExpectedVersion + 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/governance-models/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Code, body.Name, body.Description, body.ValidFrom, body.ValidTo),
                        http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateGovernanceModel")
                .WithSummary("Ret en styringsmodel / Update a governance model")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match med den " +
                                 "nuværende version (428 uden, 412 ved forældet); 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match with the current " +
                                 "version (428 without, 412 when stale); 409 for a code already in use.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
