using Dapper;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Interests;

/// <summary>
/// Retires a case interest (a tombstone): cases that carry it keep it, no new case or rule may use it. Refused (409) while a
/// live routing rule still matches on it, naming those rules: retire or change them first.
/// </summary>
public static class RetireInterest
{
    public sealed record Command(Guid GovernanceModelId, string Code, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            var current = await InterestsStore.GetAsync(connection, model, command.Code, transaction, cancellationToken);
            if (current.RetiredAt is not null)
            {
                throw new NotFoundException("Case interest", command.Code);
            }
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Case interest", command.Code);
            }
            var rules = await InterestsStore.RulesUsingAsync(connection, model, command.Code, transaction, cancellationToken);
            if (rules.Count > 0)
            {
                var conflict = new ConflictException("Interest.RulesStillMatch", command.Code, string.Join(", ", rules));
                conflict.Extensions["routingRules"] = rules.ToArray();
                throw conflict;
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_interest SET deleted_at = @Now, modified_at = @Now, version = version + 1
                WHERE governance_model_id = @Model AND code = @Code AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { Model = model, command.Code, command.ExpectedVersion, Now = now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/governance-models/{governanceModelId:guid}/interests/{code}", async (Guid governanceModelId, string code, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(governanceModelId, code, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("retireCaseInterest")
                .WithSummary("Udfas en interesse / Retire a case interest")
                .WithDescription("Kræver governance:write og If-Match. Interessen udgår: sager, der har den, beholder den; nye sager og regler afviser den. 409 mens en aktiv fordelingsregel matcher på den; 412/428 ved forældet eller manglende If-Match." +
                                 "\n\nNeeds governance:write and If-Match. The interest is retired: cases that carry it keep it; new cases and rules refuse it. 409 while a live routing rule matches on it; 412/428 for a stale or missing If-Match.")
                .WithTags("Interests")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
