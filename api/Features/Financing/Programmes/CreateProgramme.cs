using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Programmes;

/// <summary>Registers a funding programme (or a phase of one, inside its parent's period).</summary>
public static class CreateProgramme
{
    public sealed record Command(Guid GovernanceModelId, Guid? ParentProgrammeId, string Code, string Name, string? Description, DateOnly? ValidFrom, DateOnly? ValidTo)
        : IRequest<ProgrammeResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.GovernanceModelId).NotEmpty();
            RuleFor(c => c.Code).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$").WithMessage(_ => Messages.Get("Budget.CodeFormat"));
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(4000);
            RuleFor(c => c.ValidTo).GreaterThan(c => c.ValidFrom).When(c => c.ValidFrom is not null && c.ValidTo is not null)
                .WithMessage(_ => Messages.Get("Programme.PeriodOrder"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, ProgrammeResponse>
    {
        public async Task<ProgrammeResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM governance_model WHERE id = @Id AND deleted_at IS NULL", new { Id = command.GovernanceModelId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw References.Missing("governanceModelId", new Text("Financing.NoGovernanceModel"));
            }
            GovernanceModels.GovernanceModelsStore.Ensure(user, command.GovernanceModelId);
            if (command.ParentProgrammeId is { } parentId)
            {
                var parent = await connection.QuerySingleOrDefaultAsync<ProgrammeRow>(new CommandDefinition(
                    $"SELECT {ProgrammesStore.Columns} FROM funding_programme WHERE id = @Id AND deleted_at IS NULL", new { Id = parentId }, transaction, cancellationToken: cancellationToken))
                    ?? throw References.Missing("parentProgrammeId", new Text("Programme.NoParent"));
                if (parent.GovernanceModelId != command.GovernanceModelId)
                {
                    throw new RuleViolationException("same-governance-model", new Text("Programme.ParentInOtherModel"), "parentProgrammeId");
                }
                var own = new Domain.Period(command.ValidFrom ?? DateOnly.MinValue, command.ValidTo);
                if (!own.IsWithin(parent.Bounds))
                {
                    throw Shared.FinancingValidation.Invalid("validFrom", Messages.Get("Programme.PhaseInside", parent.Bounds.Name));
                }
            }
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO funding_programme (id, governance_model_id, parent_programme_id, code, name, description, valid_from, valid_to, version, created_at, modified_at)
                    VALUES (@Id, @GovernanceModelId, @ParentProgrammeId, @Code, @Name, @Description, @ValidFrom, @ValidTo, 1, @Now, @Now)
                    """, new { Id = id, command.GovernanceModelId, command.ParentProgrammeId, command.Code, command.Name, command.Description, command.ValidFrom, command.ValidTo, Now = now },
                    transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Programme.CodeTaken", command.Code);
            }
            return new ProgrammeResponse
            {
                Id = id, GovernanceModelId = command.GovernanceModelId, ParentProgrammeId = command.ParentProgrammeId, Code = command.Code,
                Name = command.Name, Description = command.Description, ValidFrom = command.ValidFrom, ValidTo = command.ValidTo, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/programmes", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/programmes/{created.Id}", created);
                })
                .WithName("createFundingProgramme")
                .WithSummary("Opret et finansieringsprogram / Create a funding programme")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Et program (fx Klimaalliancen, " +
                                 "GEN2040) eller en fase af et, inden for forælderens periode (ellers 400 på validFrom). 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). A programme (e.g. Klimaalliancen, " +
                                 "GEN2040) or a phase of one, inside its parent's period (else 400 on validFrom). 409 for a code already in use.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
