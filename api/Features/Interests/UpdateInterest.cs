using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Interests;

/// <summary>Renames or re-describes a case interest (its code stays: cases and rules refer to it); If-Match required.</summary>
public static class UpdateInterest
{
    public sealed record Body(string Name, string? NameEn, string? Description, int Ordinal);

    public sealed record Command(Guid GovernanceModelId, string Code, int ExpectedVersion, string Name, string? NameEn, string? Description, int Ordinal)
        : IRequest<InterestResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new InterestRules<Command>(c => c.Name, c => c.NameEn, c => c.Description, c => c.Ordinal));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, InterestResponse>
    {
        public async Task<InterestResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            var current = await InterestsStore.GetAsync(connection, model, command.Code, transaction, cancellationToken);
            if (current.RetiredAt is not null)
            {
                throw new ConflictException("Interest.Retired", command.Code);
            }
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Case interest", command.Code);
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_interest SET name = @Name, name_en = @NameEn, description = @Description, ordinal = @Ordinal, version = version + 1, modified_at = @Now
                WHERE governance_model_id = @Model AND code = @Code AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { Model = model, command.Code, command.Name, command.NameEn, command.Description, command.Ordinal, command.ExpectedVersion, Now = clock.GetUtcNow() },
                transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                throw new PreconditionFailedException("Case interest", command.Code);
            }
            var updated = await InterestsStore.GetAsync(connection, model, command.Code, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/governance-models/{governanceModelId:guid}/interests/{code}", async (Guid governanceModelId, string code, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(governanceModelId, code, ETags.RequiredVersion(http), body.Name, body.NameEn, body.Description, body.Ordinal),
                        http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateCaseInterest")
                .WithSummary("Ret en interesse / Change a case interest")
                .WithDescription("Kræver governance:write og If-Match. Ændrer navne, beskrivelse og rækkefølge (koden står fast). 409 for en udgået interesse; 412/428 ved forældet eller manglende If-Match." +
                                 "\n\nNeeds governance:write and If-Match. Changes names, description and order (the code stays). 409 for a retired interest; 412/428 for a stale or missing If-Match.")
                .WithTags("Interests")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
