using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Adds an initiative (e.g. Klimaalliancen, GEN2040 phase 3) to a focus area, with its responsible body and funding.</summary>
public static class CreateInitiative
{
    public sealed record Command(
        Guid FocusAreaId, string Code, string Name, string? NameEn, string? Description, Guid? ResponsibleBodyId, string? FundingProgramme,
        WorkStatus? Status, DateOnly? StartsOn, DateOnly? EndsOn, string? TimingNote, string? SourceRef, int? Ordinal, Guid? FundingProgrammeId = null)
        : IRequest<InitiativeResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new InitiativeRules<Command>(
                c => c.Code, c => c.Name, c => c.NameEn, c => c.Description, c => c.FundingProgramme, c => c.StartsOn, c => c.EndsOn, c => c.TimingNote, c => c.SourceRef));
            RuleFor(c => c.Ordinal).ValidOrdinal().When(c => c.Ordinal is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, InitiativeResponse>
    {
        public async Task<InitiativeResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await WorkPlanStore.ModelOfFocusAreaAsync(connection, command.FocusAreaId, transaction, cancellationToken)
                        ?? throw References.Missing("focusAreaId", new Text("WorkPlan.NoFocusArea", command.FocusAreaId));
            GovernanceModels.GovernanceModelsStore.Ensure(user, model);
            await WorkPlanStore.EnsureBodyInModelAsync(connection, command.ResponsibleBodyId, model, transaction, cancellationToken);
            await WorkPlanStore.EnsureProgrammeInModelAsync(connection, command.FundingProgrammeId, model, transaction, cancellationToken);
            var ordinal = command.Ordinal ?? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM work_initiative WHERE focus_area_id = @FocusAreaId AND deleted_at IS NULL",
                command, transaction, cancellationToken: cancellationToken));
            var status = command.Status ?? WorkStatus.NotReported;
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO work_initiative (id, focus_area_id, code, name, name_en, description, responsible_body_id, funding_programme, funding_programme_id, status,
                    starts_on, ends_on, timing_note, source_ref, ordinal, version, created_at, modified_at)
                VALUES (@Id, @FocusAreaId, @Code, @Name, @NameEn, @Description, @ResponsibleBodyId, @FundingProgramme, @FundingProgrammeId, @Status,
                    @StartsOn, @EndsOn, @TimingNote, @SourceRef, @Ordinal, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.FocusAreaId, command.Code, command.Name, command.NameEn, command.Description, command.ResponsibleBodyId,
                    command.FundingProgramme, command.FundingProgrammeId, Status = status.Text(), command.StartsOn, command.EndsOn, command.TimingNote, command.SourceRef,
                    Ordinal = ordinal, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new InitiativeResponse
            {
                Id = id, FocusAreaId = command.FocusAreaId, Code = command.Code, Name = command.Name, NameEn = command.NameEn, Description = command.Description,
                ResponsibleBodyId = command.ResponsibleBodyId, FundingProgramme = command.FundingProgramme, FundingProgrammeId = command.FundingProgrammeId, Status = status, StartsOn = command.StartsOn,
                EndsOn = command.EndsOn, TimingNote = command.TimingNote, SourceRef = command.SourceRef, Ordinal = ordinal, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/work-plan/initiatives", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/work-plan/initiatives/{created.Id}", created);
                })
                .WithName("createInitiative")
                .WithSummary("Opret et initiativ / Create an initiative")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Et initiativ (fx " +
                                 "Klimaalliancen, GEN2040 fase 3) under et indsatsområde, med ansvarligt organ og finansiering. 422 med feltnavn for en " +
                                 "henvisning, der ikke findes." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). An initiative (e.g. " +
                                 "Klimaalliancen, GEN2040 phase 3) in a focus area, with its responsible body and funding. 422 naming the field for a " +
                                 "reference that does not exist.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Shape rules shared by create and update.</summary>
internal sealed class InitiativeRules<T> : AbstractValidator<T>
{
    public InitiativeRules(Func<T, string> code, Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> description, Func<T, string?> funding,
        Func<T, DateOnly?> startsOn, Func<T, DateOnly?> endsOn, Func<T, string?> timingNote, Func<T, string?> sourceRef)
    {
        RuleFor(x => code(x)).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$")
            .WithMessage(_ => Messages.Get("WorkPlan.InitiativeCodeFormat")).OverridePropertyName("code");
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => nameEn(x)).MaximumLength(200).OverridePropertyName("nameEn");
        RuleFor(x => description(x)).MaximumLength(4000).OverridePropertyName("description");
        RuleFor(x => funding(x)).MaximumLength(200).OverridePropertyName("fundingProgramme");
        RuleFor(x => timingNote(x)).MaximumLength(400).OverridePropertyName("timingNote");
        RuleFor(x => sourceRef(x)).MaximumLength(400).OverridePropertyName("sourceRef");
        WorkPlanValidation.Period(this, startsOn, endsOn, "endsOn");
    }
}
