using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>Records a body's recommendation (indstilling) at one step of a case's route.</summary>
public static class RecordRecommendation
{
    public sealed record Body(string Text);

    public sealed record Command(Guid CaseId, Guid StepId, string Text) : IRequest<CaseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Text).NotEmpty().MaximumLength(4000);
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var (found, step, before) = await StepChange.LoadAsync(connection, transaction, command.CaseId, command.StepId, user, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_step SET recommendation_text = @Text, recommended_at = @Now, recommended_by = @By, version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, new { command.Text, Now = now, By = user.Name, command.StepId }, transaction, cancellationToken: cancellationToken));
            await StepChange.CompleteAsync(connection, transaction, found, before,
                new NewCaseEvent(CaseEventTypes.StepRecommendationRecorded, found.Id, step.Id, new { step.BodyId, bodyName = step.BodyName, text = command.Text }),
                user, now, cancellationToken);
            var response = await CaseReader.LoadAsync(connection, found.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/recommendation", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.Text), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("recordRecommendation")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>
/// Records a body's decision (beslutning) at one step: a structured outcome and its text. A body whose mandate
/// does not allow it to decide may only note, postpone or refer. A later record replaces the earlier one (e.g. a
/// postponement followed by an approval); both stay in the timeline.
/// </summary>
public static class RecordDecision
{
    public sealed record Body(DecisionOutcome Outcome, string? Text, DateOnly? DecidedOn, Guid? ReferredToBodyId, string? LocalCaseNumber);

    public sealed record Command(Guid CaseId, Guid StepId, DecisionOutcome Outcome, string? Text, DateOnly? DecidedOn, Guid? ReferredToBodyId, string? LocalCaseNumber)
        : IRequest<CaseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).IsInEnum();
            RuleFor(c => c.Text).MaximumLength(4000);
            RuleFor(c => c.LocalCaseNumber).MaximumLength(100);
            RuleFor(c => c.ReferredToBodyId).NotNull().When(c => c.Outcome == DecisionOutcome.Referred)
                .WithMessage("A referral names the body the case is referred to.");
            RuleFor(c => c.ReferredToBodyId).Null().When(c => c.Outcome != DecisionOutcome.Referred)
                .WithMessage("Only a referral names a body to refer to.");
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var (found, step, before) = await StepChange.LoadAsync(connection, transaction, command.CaseId, command.StepId, user, now, cancellationToken);
            if (!step.BodyCanDecide && command.Outcome is DecisionOutcome.Approved or DecisionOutcome.ApprovedWithChanges or DecisionOutcome.Rejected)
            {
                throw new RuleViolationException(RoutingEngine.MandateRule,
                    $"{step.BodyName} cannot decide: its mandate does not allow it. Record the treatment as noted, postponed or referred.", "outcome");
            }
            if (command.ReferredToBodyId is { } referred && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM body WHERE id = @Id AND deleted_at IS NULL", new { Id = referred }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw new RuleViolationException("body-exists", $"Body '{referred}' does not exist.", "referredToBodyId");
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_step SET outcome = @Outcome, decision_text = @Text, decided_on = @DecidedOn, referred_to_body_id = @ReferredToBodyId,
                    local_case_number = COALESCE(@LocalCaseNumber, local_case_number), decided_at = @Now, decided_by = @By,
                    version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, new
            {
                Outcome = command.Outcome.Text(), command.Text, command.DecidedOn, command.ReferredToBodyId, command.LocalCaseNumber, Now = now,
                By = user.Name, command.StepId,
            }, transaction, cancellationToken: cancellationToken));
            await StepChange.CompleteAsync(connection, transaction, found, before,
                new NewCaseEvent(CaseEventTypes.StepDecisionRecorded, found.Id, step.Id, new
                {
                    step.BodyId, bodyName = step.BodyName, step.OrganisationId, outcome = command.Outcome, text = command.Text,
                    decidedOn = command.DecidedOn, referredToBodyId = command.ReferredToBodyId,
                }),
                user, now, cancellationToken);
            var response = await CaseReader.LoadAsync(connection, found.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/decision", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.Outcome, body.Text, body.DecidedOn, body.ReferredToBodyId, body.LocalCaseNumber), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("recordDecision")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>What every change to a step shares: scoped loading, the new case version, and the events it implies.</summary>
internal static class StepChange
{
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime);

    public static async Task<(CaseRow Case, StepRow Step, CaseStatusView Before)> LoadAsync(DbConnection connection, DbTransaction transaction,
        Guid caseId, Guid stepId, ICurrentUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await CaseReader.RequireAsync(connection, caseId, user, transaction, cancellationToken);
        var steps = await CaseReader.StepsAsync(connection, caseId, transaction, cancellationToken);
        var step = steps.FirstOrDefault(s => s.Id == stepId) ?? throw new NotFoundException("Step", stepId);
        return (found, step, CaseReader.Status(steps, Today(now)));
    }

    /// <summary>Bumps the case version and appends the change's event plus any stage decided or case status changed by it.</summary>
    public static async Task CompleteAsync(DbConnection connection, DbTransaction transaction, CaseRow found, CaseStatusView before, NewCaseEvent change,
        ICurrentUser user, DateTimeOffset now, CancellationToken cancellationToken, params NewCaseEvent[] more)
    {
        await CaseReader.TouchAsync(connection, found.Id, now, transaction, cancellationToken);
        var after = CaseReader.Status(await CaseReader.StepsAsync(connection, found.Id, transaction, cancellationToken), Today(now));
        var events = new List<NewCaseEvent> { change };
        events.AddRange(more);
        foreach (var stage in after.Stages.Where(s => s.Decided && s.Authoritative > 0))
        {
            if (before.Stages.FirstOrDefault(b => b.Ordinal == stage.Ordinal) is not { Decided: true })
            {
                events.Add(new NewCaseEvent(CaseEventTypes.CaseStageDecided, found.Id, null,
                    new { stage = stage.Ordinal, stage.Name, stage.Summary, stage.Approved, stage.Rejected, conflicting = stage.Conflicting }));
            }
        }
        if (after.State != before.State || after.CurrentStage != before.CurrentStage || after.Conflicting != before.Conflicting)
        {
            events.Add(new NewCaseEvent(CaseEventTypes.CaseStatusChanged, found.Id, null,
                new { state = after.State, previous = before.State, currentStage = after.CurrentStage, currentStageName = after.CurrentStageName, conflicting = after.Conflicting }));
        }
        await CaseEventWriter.AppendAsync(connection, transaction, found.OwnerOrganisationId, user.Name, now, events, cancellationToken);
    }
}
