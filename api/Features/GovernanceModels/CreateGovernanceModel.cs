using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Creates a governance model (another region's partnership, or a new one) beside the existing ones.</summary>
public static class CreateGovernanceModel
{
    public sealed record Command(string Code, string Name, string? Description, DateOnly? ValidFrom, DateOnly? ValidTo) : IRequest<GovernanceModelResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new GovernanceModelRules<Command>(c => c.Code, c => c.Name, c => c.Description, c => c.ValidFrom, c => c.ValidTo));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, GovernanceModelResponse>
    {
        public async Task<GovernanceModelResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO governance_model (id, code, name, description, valid_from, valid_to, version, created_at, modified_at)
                    VALUES (@Id, @Code, @Name, @Description, @ValidFrom, @ValidTo, 1, @Now, @Now)
                    """, new { Id = id, command.Code, command.Name, command.Description, command.ValidFrom, command.ValidTo, Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("GovernanceModel.CodeTaken", command.Code);
            }
            return new GovernanceModelResponse
            {
                Id = id, Code = command.Code, Name = command.Name, Description = command.Description, ValidFrom = command.ValidFrom, ValidTo = command.ValidTo,
                Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/governance-models", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/governance-models/{created.Id}", created);
                })
                .WithName("createGovernanceModel")
                .WithSummary("Opret en styringsmodel / Create a governance model")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). En ny styringsmodel (en anden " +
                                 "regions partnerskab eller en ny) ved siden af de eksisterende. 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). A new governance model (another " +
                                 "region's partnership, or a new one) beside the existing ones. 409 for a code already in use.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

internal sealed class GovernanceModelRules<T> : AbstractValidator<T>
{
    public GovernanceModelRules(Func<T, string> code, Func<T, string> name, Func<T, string?> description, Func<T, DateOnly?> validFrom, Func<T, DateOnly?> validTo)
    {
        RuleFor(x => code(x)).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage(_ => Messages.Get("GovernanceModel.CodeFormat")).OverridePropertyName("code");
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => description(x)).MaximumLength(4000).OverridePropertyName("description");
        RuleFor(x => validTo(x)).GreaterThan(x => validFrom(x)).When(x => validFrom(x) is not null && validTo(x) is not null)
            .WithMessage(_ => Messages.Get("GovernanceModel.PeriodOrder")).OverridePropertyName("validTo");
    }
}
