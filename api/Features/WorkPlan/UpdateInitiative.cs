using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Changes an initiative (its status, dates, responsible body, funding); the caller must hold its current version (If-Match).</summary>
public static class UpdateInitiative
{
    public sealed record Body(
        Guid FocusAreaId, string Code, string Name, string? NameEn, string? Description, Guid? ResponsibleBodyId, string? FundingProgramme,
        WorkStatus Status, DateOnly? StartsOn, DateOnly? EndsOn, string? TimingNote, string? SourceRef, int Ordinal, Guid? FundingProgrammeId = null);

    public sealed record Command(Guid Id, int ExpectedVersion, Body Values) : IRequest<InitiativeResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            Include(new InitiativeRules<Command>(
                c => c.Values.Code, c => c.Values.Name, c => c.Values.NameEn, c => c.Values.Description, c => c.Values.FundingProgramme,
                c => c.Values.StartsOn, c => c.Values.EndsOn, c => c.Values.TimingNote, c => c.Values.SourceRef));
            RuleFor(c => c.Values.Ordinal).ValidOrdinal();
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, InitiativeResponse>
    {
        public async Task<InitiativeResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var v = command.Values;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_initiative", command.Id, transaction, cancellationToken);
            var currentModel = await WorkPlanStore.ModelOfInitiativeAsync(connection, command.Id, transaction, cancellationToken)
                               ?? throw new NotFoundException("Initiative", command.Id);
            var model = await WorkPlanStore.ModelOfFocusAreaAsync(connection, v.FocusAreaId, transaction, cancellationToken)
                        ?? throw References.Missing("focusAreaId", new Text("WorkPlan.NoFocusArea", v.FocusAreaId));
            if (model != currentModel)
            {
                throw new RuleViolationException("focusAreaInModel", new Text("WorkPlan.InitiativeSameModel"), "focusAreaId");
            }
            await WorkPlanStore.EnsureBodyInModelAsync(connection, v.ResponsibleBodyId, model, transaction, cancellationToken);
            await WorkPlanStore.EnsureProgrammeInModelAsync(connection, v.FundingProgrammeId, model, transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE work_initiative
                SET focus_area_id = @FocusAreaId, code = @Code, name = @Name, name_en = @NameEn, description = @Description,
                    responsible_body_id = @ResponsibleBodyId, funding_programme = @FundingProgramme, funding_programme_id = @FundingProgrammeId, status = @Status, starts_on = @StartsOn,
                    ends_on = @EndsOn, timing_note = @TimingNote, source_ref = @SourceRef, ordinal = @Ordinal, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new
                {
                    command.Id, command.ExpectedVersion, v.FocusAreaId, v.Code, v.Name, v.NameEn, v.Description, v.ResponsibleBodyId, v.FundingProgramme, v.FundingProgrammeId,
                    Status = v.Status.Text(), v.StartsOn, v.EndsOn, v.TimingNote, v.SourceRef, v.Ordinal, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "work_initiative", "Initiative", command.Id, transaction, cancellationToken);
            var updated = await connection.QuerySingleAsync<InitiativeResponse>(new CommandDefinition(
                $"SELECT {WorkPlanStore.InitiativeColumns} FROM work_initiative WHERE id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/work-plan/initiatives/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateInitiative")
                .WithSummary("Ret et initiativ / Update an initiative")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Status, datoer, ansvarligt " +
                                 "organ og finansiering. Kræver If-Match med den nuværende version." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Status, dates, responsible body " +
                                 "and funding. Needs If-Match with the current version.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
