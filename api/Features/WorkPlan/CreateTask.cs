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

namespace Klima.Api.Features.WorkPlan;

/// <summary>Adds a task to an initiative, with its responsible body, funding, status, dates and milestones.</summary>
public static class CreateTask
{
    public sealed record Command(
        Guid InitiativeId, string Title, string? Description, Guid? ResponsibleBodyId, string? FundingProgramme, WorkStatus? Status,
        DateOnly? StartsOn, DateOnly? DueOn, DateOnly? CompletedOn, string? TimingNote, string? SourceRef, IReadOnlyList<MilestoneInput>? Milestones,
        Guid? FundingProgrammeId = null)
        : IRequest<TaskResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new TaskRules<Command>(
            c => c.Title, c => c.Description, c => c.FundingProgramme, c => c.Status ?? WorkStatus.NotReported, c => c.StartsOn, c => c.DueOn, c => c.CompletedOn,
            c => c.TimingNote, c => c.SourceRef, c => c.Milestones));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, TaskResponse>
    {
        public async Task<TaskResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await WorkPlanStore.ModelOfInitiativeAsync(connection, command.InitiativeId, transaction, cancellationToken)
                        ?? throw References.Missing("initiativeId", new Text("WorkPlan.NoInitiative", command.InitiativeId));
            GovernanceModels.GovernanceModelsStore.Ensure(user, model);
            await WorkPlanStore.EnsureBodyInModelAsync(connection, command.ResponsibleBodyId, model, transaction, cancellationToken);
            await WorkPlanStore.EnsureProgrammeInModelAsync(connection, command.FundingProgrammeId, model, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO work_task (id, initiative_id, title, description, responsible_body_id, funding_programme, funding_programme_id, status, starts_on, due_on,
                    completed_on, timing_note, source_ref, version, created_at, modified_at)
                VALUES (@Id, @InitiativeId, @Title, @Description, @ResponsibleBodyId, @FundingProgramme, @FundingProgrammeId, @Status, @StartsOn, @DueOn,
                    @CompletedOn, @TimingNote, @SourceRef, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.InitiativeId, command.Title, command.Description, command.ResponsibleBodyId, command.FundingProgramme, command.FundingProgrammeId,
                    Status = (command.Status ?? WorkStatus.NotReported).Text(), command.StartsOn, command.DueOn, command.CompletedOn,
                    command.TimingNote, command.SourceRef, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await WorkPlanStore.ReplaceMilestonesAsync(connection, id, command.Milestones ?? [], now, transaction, cancellationToken);
            var created = await WorkPlanStore.ReadTaskAsync(connection, id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/work-plan/tasks", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/work-plan/tasks/{created.Id}", created);
                })
                .WithName("createTask")
                .WithSummary("Opret en opgave / Create a task")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). En opgave under et initiativ " +
                                 "med ansvarligt organ, finansiering, status, datoer og milepæle. 422 med feltnavn for en henvisning, der ikke findes." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). A task of an initiative with its " +
                                 "responsible body, funding, status, dates and milestones. 422 naming the field for a reference that does not exist.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Shape rules shared by create and update.</summary>
internal sealed class TaskRules<T> : AbstractValidator<T>
{
    public TaskRules(Func<T, string> title, Func<T, string?> description, Func<T, string?> funding, Func<T, WorkStatus> status,
        Func<T, DateOnly?> startsOn, Func<T, DateOnly?> dueOn, Func<T, DateOnly?> completedOn, Func<T, string?> timingNote, Func<T, string?> sourceRef,
        Func<T, IReadOnlyList<MilestoneInput>?> milestones)
    {
        RuleFor(x => title(x)).NotEmpty().MaximumLength(300).OverridePropertyName("title");
        RuleFor(x => description(x)).MaximumLength(4000).OverridePropertyName("description");
        RuleFor(x => funding(x)).MaximumLength(200).OverridePropertyName("fundingProgramme");
        RuleFor(x => timingNote(x)).MaximumLength(400).OverridePropertyName("timingNote");
        RuleFor(x => sourceRef(x)).MaximumLength(400).OverridePropertyName("sourceRef");
        WorkPlanValidation.Period(this, startsOn, dueOn, "dueOn");
        RuleFor(x => completedOn(x)).Null().When(x => status(x) != WorkStatus.Done)
            .WithMessage(_ => Messages.Get("WorkPlan.CompletedOnlyWhenDone")).OverridePropertyName("completedOn");
        WorkPlanValidation.Milestones(this, milestones);
    }
}
