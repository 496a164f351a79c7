using Klima.Api.Infrastructure.Localization;
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

/// <summary>Adds a case interest to a model (code, Danish and English name, description), so its cases and rules can use it.</summary>
public static class CreateInterest
{
    public sealed record Body(string Code, string Name, string? NameEn, string? Description, int? Ordinal);

    public sealed record Command(Guid GovernanceModelId, string Code, string Name, string? NameEn, string? Description, int? Ordinal) : IRequest<InterestResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().MaximumLength(40).Matches(InterestsStore.CodePattern)
                .WithMessage(_ => Messages.Get("Interest.CodeFormat"));
            Include(new InterestRules<Command>(c => c.Name, c => c.NameEn, c => c.Description, c => c.Ordinal));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, InterestResponse>
    {
        public async Task<InterestResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            var ordinal = command.Ordinal ?? 1 + await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(MAX(ordinal), 0) FROM case_interest WHERE governance_model_id = @Model", new { Model = model }, transaction, cancellationToken: cancellationToken));
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO case_interest (governance_model_id, code, name, name_en, description, ordinal, version, created_at, modified_at)
                    VALUES (@Model, @Code, @Name, @NameEn, @Description, @Ordinal, 1, @Now, @Now)
                    """, new { Model = model, command.Code, command.Name, command.NameEn, command.Description, Ordinal = ordinal, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Interest.CodeTaken", command.Code);
            }
            await transaction.CommitAsync(cancellationToken);
            return new InterestResponse
            {
                GovernanceModelId = model, Code = command.Code, Name = command.Name, NameEn = command.NameEn, Description = command.Description,
                Ordinal = ordinal, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/governance-models/{governanceModelId:guid}/interests", async (Guid governanceModelId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(governanceModelId, body.Code, body.Name, body.NameEn, body.Description, body.Ordinal), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/governance-models/{created.GovernanceModelId}/interests/{Uri.EscapeDataString(created.Code)}", created);
                })
                .WithName("createCaseInterest")
                .WithSummary("Opret en interesse / Create a case interest")
                .WithDescription("Kræver governance:write. Opretter en sagsinteresse (kode, dansk og engelsk navn, beskrivelse) i en styringsmodel; koder genbruges aldrig. 409 ved en kode, der findes; 422 med feltet ved ugyldige referencer." +
                                 "\n\nNeeds governance:write. Creates a case interest (code, Danish and English name, description) in a governance model; codes are never reused. 409 for an existing code; 422 naming the field for invalid references.")
                .WithTags("Interests")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
