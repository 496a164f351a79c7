using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Adds a focus area to a governance model's work plan.</summary>
public static class CreateFocusArea
{
    public sealed record Command(Guid GovernanceModelId, string Code, string Name, string? NameEn, string? Description, int? Ordinal)
        : IRequest<FocusAreaResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new FocusAreaRules<Command>(c => c.Code, c => c.Name, c => c.NameEn, c => c.Description));
            RuleFor(c => c.Ordinal).ValidOrdinal().When(c => c.Ordinal is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, FocusAreaResponse>
    {
        public async Task<FocusAreaResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureExistsAsync(connection, "governance_model", "Governance model", command.GovernanceModelId, "governanceModelId", transaction, cancellationToken);
            GovernanceModels.GovernanceModelsStore.Ensure(user, command.GovernanceModelId);
            var ordinal = command.Ordinal ?? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM work_focus_area WHERE governance_model_id = @GovernanceModelId AND deleted_at IS NULL",
                command, transaction, cancellationToken: cancellationToken));
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO work_focus_area (id, governance_model_id, code, name, name_en, description, ordinal, version, created_at, modified_at)
                    VALUES (@Id, @GovernanceModelId, @Code, @Name, @NameEn, @Description, @Ordinal, 1, @Now, @Now)
                    """, new { Id = id, command.GovernanceModelId, command.Code, command.Name, command.NameEn, command.Description, Ordinal = ordinal, Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("WorkPlan.FocusAreaCodeTaken", command.Code);
            }
            return new FocusAreaResponse
            {
                Id = id, GovernanceModelId = command.GovernanceModelId, Code = command.Code, Name = command.Name, NameEn = command.NameEn,
                Description = command.Description, Ordinal = ordinal, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/work-plan/focus-areas", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/work-plan/focus-areas/{created.Id}", created);
                })
                .WithName("createFocusArea")
                .WithSummary("Opret et indsatsområde / Create a focus area")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Et indsatsområde i en " +
                                 "styringsmodels arbejdsplan. 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). A focus area of a governance " +
                                 "model's work plan. 409 for a code already in use.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Shape rules shared by create and update.</summary>
internal sealed class FocusAreaRules<T> : AbstractValidator<T>
{
    public FocusAreaRules(Func<T, string> code, Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> description)
    {
        RuleFor(x => code(x)).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage(_ => Messages.Get("WorkPlan.FocusAreaCodeFormat")).OverridePropertyName("code");
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => nameEn(x)).MaximumLength(200).OverridePropertyName("nameEn");
        RuleFor(x => description(x)).MaximumLength(4000).OverridePropertyName("description");
    }
}
