using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Changes a task and replaces its milestones; the caller must hold its current version (If-Match).</summary>
public static class UpdateTask
{
    public sealed record Body(
        Guid InitiativeId, string Title, string? Description, Guid? ResponsibleBodyId, string? FundingProgramme, WorkStatus Status,
        DateOnly? StartsOn, DateOnly? DueOn, DateOnly? CompletedOn, string? TimingNote, string? SourceRef, IReadOnlyList<MilestoneInput>? Milestones,
        Guid? FundingProgrammeId = null);

    public sealed record Command(Guid Id, int ExpectedVersion, Body Values) : IRequest<TaskResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new TaskRules<Command>(
            c => c.Values.Title, c => c.Values.Description, c => c.Values.FundingProgramme, c => c.Values.Status, c => c.Values.StartsOn, c => c.Values.DueOn,
            c => c.Values.CompletedOn, c => c.Values.TimingNote, c => c.Values.SourceRef, c => c.Values.Milestones));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, TaskResponse>
    {
        public async Task<TaskResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var v = command.Values;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await WorkPlanStore.EnsureAccessAsync(connection, user, "work_task", command.Id, transaction, cancellationToken);
            var currentInitiative = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
                                        "SELECT initiative_id FROM work_task WHERE id = @Id AND deleted_at IS NULL", new { command.Id }, transaction, cancellationToken: cancellationToken))
                                    ?? throw new NotFoundException("Task", command.Id);
            var currentModel = await WorkPlanStore.ModelOfInitiativeAsync(connection, currentInitiative, transaction, cancellationToken);
            var model = await WorkPlanStore.ModelOfInitiativeAsync(connection, v.InitiativeId, transaction, cancellationToken)
                        ?? throw References.Missing("initiativeId", new Text("WorkPlan.NoInitiative", v.InitiativeId));
            if (model != currentModel)
            {
                throw new RuleViolationException("initiativeInModel", new Text("WorkPlan.TaskSameModel"), "initiativeId");
            }
            await WorkPlanStore.EnsureBodyInModelAsync(connection, v.ResponsibleBodyId, model, transaction, cancellationToken);
            await WorkPlanStore.EnsureProgrammeInModelAsync(connection, v.FundingProgrammeId, model, transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE work_task
                SET initiative_id = @InitiativeId, title = @Title, description = @Description, responsible_body_id = @ResponsibleBodyId,
                    funding_programme = @FundingProgramme, funding_programme_id = @FundingProgrammeId, status = @Status, starts_on = @StartsOn, due_on = @DueOn, completed_on = @CompletedOn,
                    timing_note = @TimingNote, source_ref = @SourceRef, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new
                {
                    command.Id, command.ExpectedVersion, v.InitiativeId, v.Title, v.Description, v.ResponsibleBodyId, v.FundingProgramme, v.FundingProgrammeId,
                    Status = v.Status.Text(), v.StartsOn, v.DueOn, v.CompletedOn, v.TimingNote, v.SourceRef, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "work_task", "Task", command.Id, transaction, cancellationToken);
            await WorkPlanStore.ReplaceMilestonesAsync(connection, command.Id, v.Milestones ?? [], now, transaction, cancellationToken);
            var updated = await WorkPlanStore.ReadTaskAsync(connection, command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/work-plan/tasks/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateTask")
                .WithSummary("Ret en opgave / Update a task")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Ændrer opgaven og erstatter " +
                                 "dens milepæle. Kræver If-Match med den nuværende version." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Changes the task and replaces its " +
                                 "milestones. Needs If-Match with the current version.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
