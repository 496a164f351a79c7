using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>
/// Records a body's recommendation (indstilling) at one step of a case's route. Only staff or the organisation that serves
/// the body may (403); the steps of earlier stages must be finished (409); a recommendation already recorded is changed
/// only by an explicit correction (If-Match and a reason), which keeps the earlier text in the case's history.
/// </summary>
public static class RecordRecommendation
{
    public sealed record Body(string Text, string? CorrectionReason = null);

    public sealed record Command(Guid CaseId, Guid StepId, string Text, string? CorrectionReason = null, int? ExpectedVersion = null) : IRequest<CaseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Text).NotEmpty().MaximumLength(4000);
            RuleFor(c => c.CorrectionReason).MaximumLength(1000);
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
            CaseAuthorisation.EnsureMayRecord(user, step);
            if (!StepCompletion.TakesRecommendation(step.RoleValue))
            {
                throw new RuleViolationException(StepChange.OutcomeForRoleRule,
                    new Text("Step.NotedOnly", step.BodyName, step.RoleValue), "text");
            }
            var correction = StepChange.EnsureNotOverwritten(step.RecommendedAt is not null, "recommendation", step, step.RecommendedBy, step.RecommendedAt,
                command.CorrectionReason, command.ExpectedVersion, found);
            await StepChange.EnsureInOrderAsync(connection, transaction, found, step, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_step SET recommendation_text = @Text, recommended_at = @Now, recommended_by = @By, version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, new { command.Text, Now = now, By = user.Name, command.StepId }, transaction, cancellationToken: cancellationToken));
            var change = correction
                ? new NewCaseEvent(CaseEventTypes.StepRecommendationCorrected, found.Id, step.Id, new
                {
                    step.BodyId, bodyName = step.BodyName, text = command.Text, reason = command.CorrectionReason,
                    previous = new { text = step.RecommendationText, recordedAt = step.RecommendedAt, recordedBy = step.RecommendedBy },
                })
                : new NewCaseEvent(CaseEventTypes.StepRecommendationRecorded, found.Id, step.Id, new { step.BodyId, bodyName = step.BodyName, text = command.Text });
            await StepChange.CompleteAsync(connection, transaction, found, before, change, user, now, cancellationToken);
            var response = await CasesStore.LoadAsync(connection, found.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/recommendation", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.Text, body.CorrectionReason, StepChange.OptionalVersion(http, body.CorrectionReason)),
                        http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("recordRecommendation")
                .WithSummary("Registrér et organs indstilling / Record a body's recommendation")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Indstillingen (indstilling) på ét " +
                                 "trin i sagens forløb. Kun sekretariatet eller den organisation, der betjener organet (ellers 403); trin i tidligere " +
                                 "etaper skal være afsluttet (409). En anden indstilling på samme trin afvises (409), medmindre den er en rettelse: send " +
                                 "correctionReason og If-Match med sagens ETag; den tidligere tekst bliver i historikken." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). The recommendation (indstilling) at " +
                                 "one step of the case's route. Only staff or the organisation that serves the body (else 403); steps of earlier stages " +
                                 "must be finished (409). A second recommendation on a step is refused (409) unless it is a correction: send " +
                                 "correctionReason and If-Match with the case's ETag; the earlier text stays in the history.")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

/// <summary>
/// Records a body's decision (beslutning) at one step: a structured outcome and its text. Only staff or the organisation
/// that serves the body may (403). The outcome must be one the step's role and the body's mandate allow ("noted" never
/// ends a deciding step; a step that only recommends or discusses cannot approve or reject). Earlier stages come first;
/// the decision date may lie neither in the future nor before the case was registered, and a step on a meeting takes the
/// meeting's date once it has been held. A postponement may be followed by a decision; any other outcome is changed only
/// by an explicit correction (If-Match and a reason), which keeps the earlier decision in the history. A referral adds a
/// step for the body referred to, in the same stage, checked against its mandate like any route.
/// </summary>
public static class RecordDecision
{
    public sealed record Body(DecisionOutcome Outcome, string? Text, DateOnly? DecidedOn, Guid? ReferredToBodyId, string? LocalCaseNumber,
        string? CorrectionReason = null);

    public sealed record Command(Guid CaseId, Guid StepId, DecisionOutcome Outcome, string? Text, DateOnly? DecidedOn, Guid? ReferredToBodyId, string? LocalCaseNumber,
        string? CorrectionReason = null, int? ExpectedVersion = null) : IRequest<CaseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Outcome).IsInEnum();
            RuleFor(c => c.Text).MaximumLength(4000);
            RuleFor(c => c.LocalCaseNumber).MaximumLength(100);
            RuleFor(c => c.CorrectionReason).MaximumLength(1000);
            RuleFor(c => c.ReferredToBodyId).NotNull().When(c => c.Outcome == DecisionOutcome.Referred)
                .WithMessage(_ => Messages.Get("Step.ReferralNeedsBody"));
            RuleFor(c => c.ReferredToBodyId).Null().When(c => c.Outcome != DecisionOutcome.Referred)
                .WithMessage(_ => Messages.Get("Step.OnlyReferralNamesBody"));
        }
    }

    private sealed class MeetingRow
    {
        public DateOnly MeetingDate { get; init; }
        public string State { get; init; } = "";
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = StepChange.Today(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var (found, step, before) = await StepChange.LoadAsync(connection, transaction, command.CaseId, command.StepId, user, now, cancellationToken);
            CaseAuthorisation.EnsureMayRecord(user, step);
            EnsureOutcomeFitsStep(step, command.Outcome);
            var correction = StepChange.EnsureNotOverwritten(StepCompletion.IsFinal(step.OutcomeValue), "decision", step, step.DecidedBy, step.DecidedAt,
                command.CorrectionReason, command.ExpectedVersion, found);
            if (correction && step.OutcomeValue == DecisionOutcome.Referred)
            {
                throw StepChange.Conflict("referral-not-corrected",
                    new Text("Step.ReferralNotCorrected", step.BodyName), step);
            }
            if (!correction)
            {
                await StepChange.EnsureInOrderAsync(connection, transaction, found, step, now, cancellationToken);
            }
            var decidedOn = await DecisionDateAsync(connection, transaction, found, step, command.DecidedOn, today, cancellationToken);

            var added = command.ReferredToBodyId is { } referred
                ? await ReferAsync(db.Dialect, connection, transaction, found, step, referred, now, cancellationToken)
                : null;
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE case_step SET outcome = @Outcome, decision_text = @Text, decided_on = @DecidedOn, referred_to_body_id = @ReferredToBodyId,
                    local_case_number = COALESCE(@LocalCaseNumber, local_case_number), decided_at = @Now, decided_by = @By,
                    version = version + 1, modified_at = @Now
                WHERE id = @StepId
                """, new
            {
                Outcome = command.Outcome.Text(), command.Text, DecidedOn = decidedOn, command.ReferredToBodyId, command.LocalCaseNumber, Now = now,
                By = user.Name, command.StepId,
            }, transaction, cancellationToken: cancellationToken));
            var data = new
            {
                step.BodyId, bodyName = step.BodyName, step.OrganisationId, outcome = command.Outcome, text = command.Text,
                decidedOn, referredToBodyId = command.ReferredToBodyId,
            };
            var change = correction
                ? new NewCaseEvent(CaseEventTypes.StepDecisionCorrected, found.Id, step.Id, new
                {
                    data.BodyId, data.bodyName, data.OrganisationId, data.outcome, data.text, data.decidedOn, reason = command.CorrectionReason,
                    previous = new { outcome = step.OutcomeValue, text = step.DecisionText, decidedOn = step.DecidedOn, recordedAt = step.DecidedAt, recordedBy = step.DecidedBy },
                })
                : new NewCaseEvent(CaseEventTypes.StepDecisionRecorded, found.Id, step.Id, data);
            NewCaseEvent[] more = added is null ? [] : [added];
            await StepChange.CompleteAsync(connection, transaction, found, before, change, user, now, cancellationToken, more);
            var response = await CasesStore.LoadAsync(connection, found.Id, user, today, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }

        private static void EnsureOutcomeFitsStep(StepRow step, DecisionOutcome outcome)
        {
            var allowed = StepCompletion.AllowedOutcomes(step.RoleValue, step.Authoritative, step.BodyCanDecide);
            if (allowed.Contains(outcome))
            {
                return;
            }
            if (!step.BodyCanDecide && outcome is DecisionOutcome.Approved or DecisionOutcome.ApprovedWithChanges or DecisionOutcome.Rejected)
            {
                throw new RuleViolationException(RoutingEngine.MandateRule,
                    new Text("Step.CannotDecide", step.BodyName), "outcome");
            }
            var detail = RoutingEngine.Decides(step.RoleValue, step.Authoritative)
                ? new Text("Step.DecisionNotNoted", step.BodyName)
                : step.RoleValue == StepRole.Recommendation
                    ? new Text("Step.RecommendOnly", step.BodyName)
                    : new Text("Step.NotedNotDecided", step.BodyName, step.RoleValue);
            var refusal = new RuleViolationException(StepChange.OutcomeForRoleRule, detail, "outcome");
            refusal.Extensions["allowedOutcomes"] = allowed.Select(o => o.Text()).ToArray();
            throw refusal;
        }

        /// <summary>
        /// The decision date: the one given, else the date of the meeting the step is on (once held), else today. It may not
        /// lie in the future, nor before the case was registered.
        /// </summary>
        private static async Task<DateOnly> DecisionDateAsync(DbConnection connection, DbTransaction transaction, CaseRow found, StepRow step, DateOnly? given,
            DateOnly today, CancellationToken cancellationToken)
        {
            var date = given;
            if (date is null && step.MeetingId is { } meetingId)
            {
                var meeting = await connection.QuerySingleAsync<MeetingRow>(new CommandDefinition(
                    "SELECT meeting_date, state FROM meeting WHERE id = @Id", new { Id = meetingId }, transaction, cancellationToken: cancellationToken));
                if (meeting.MeetingDate > today && !string.Equals(meeting.State, "held", StringComparison.Ordinal))
                {
                    throw StepChange.Conflict("meeting-held",
                        new Text("Step.MeetingNotHeld", step.BodyName, meeting.MeetingDate), step);
                }
                date = meeting.MeetingDate;
            }
            date ??= today;
            if (date > today)
            {
                throw new RuleViolationException("decision-date-not-future",
                    new Text("Step.DecisionDateFuture", date, today), "decidedOn");
            }
            var registered = CalendarDay.Of(found.CreatedAt);
            if (date < registered)
            {
                throw new RuleViolationException("decision-date-after-registration",
                    new Text("Step.DecisionDateBeforeCase", date, registered), "decidedOn");
            }
            return date.Value;
        }

        /// <summary>A referral adds a step for the body referred to, in the referring step's stage, with the same role, checked against its mandate.</summary>
        private static async Task<NewCaseEvent> ReferAsync(ISqlDialect dialect, DbConnection connection, DbTransaction transaction, CaseRow found, StepRow step, Guid referred,
            DateTimeOffset now, CancellationToken cancellationToken)
        {
            var bodies = await RoutingStore.BodiesAsync(connection, found.GovernanceModelId, transaction, cancellationToken);
            var target = bodies.FirstOrDefault(b => b.Id == referred)
                         ?? throw new RuleViolationException("body-exists", new Text("Case.BodyNotInModel", referred), "referredToBodyId");
            if (target.Id == step.BodyId)
            {
                throw new RuleViolationException("referral-to-another-body", new Text("Step.ReferToItself", step.BodyName), "referredToBodyId");
            }
            var steps = await CasesStore.StepsAsync(connection, found.Id, transaction, cancellationToken);
            if (steps.Any(s => s.StageOrdinal == step.StageOrdinal && s.BodyId == target.Id))
            {
                throw StepChange.Conflict("referral-adds-step", new Text("Step.AlreadyInStage", target.Name, step.StageOrdinal, step.StageName), step);
            }
            var ordinal = steps.Where(s => s.StageOrdinal == step.StageOrdinal).Max(s => s.Ordinal) + 1;
            var planned = new PlannedStep(step.StageOrdinal, step.StageName, ordinal, target.Id, target.Name, null, step.RoleValue, step.Authoritative,
                step.Deadline, $"Henvist fra {step.BodyName}");
            var violations = RoutingEngine.CheckMandates([new PlannedStage(step.StageOrdinal, step.StageName, [planned])], bodies, null);
            if (violations.Count > 0)
            {
                var refusal = new RuleViolationException(violations[0].Rule,
                    new Text("Step.ReferralMandate", target.Name, step.BodyName, step.RoleValue.Text()),
                    "referredToBodyId");
                refusal.Extensions["bodies"] = new[] { target.Name };
                throw refusal;
            }
            await CasesStore.InsertStepsAsync(dialect, connection, transaction, found.Id, [planned], await CasesStore.PartiesAsync(connection, found.Id, transaction, cancellationToken),
                now, cancellationToken);
            return new NewCaseEvent(CaseEventTypes.StepAdded, found.Id, null, new
            {
                bodyId = target.Id, bodyName = target.Name, stage = step.StageOrdinal, stageName = step.StageName, role = step.RoleValue,
                step.Authoritative, referredFromStepId = step.Id, referredFrom = step.BodyName,
            });
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/decision", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.Outcome, body.Text, body.DecidedOn, body.ReferredToBodyId, body.LocalCaseNumber,
                        body.CorrectionReason, StepChange.OptionalVersion(http, body.CorrectionReason)), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("recordDecision")
                .WithSummary("Registrér et organs afgørelse / Record a body's decision")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Afgørelsen (godkendt, afvist, " +
                                 "udsat, henvist ...) på ét trin; kun et organ, hvis mandat tillader det, kan træffe afgørelse (422, der navngiver " +
                                 "reglen). En anden afgørelse afvises (409), medmindre den første var en udsættelse eller dette er en rettelse: send " +
                                 "correctionReason og If-Match med sagens ETag. En henvisning tilføjer et trin for det organ, der henvises til." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). The decision (approved, rejected, " +
                                 "postponed, referred ...) at one step; only a body whose mandate allows it can decide (422 naming the rule). A second " +
                                 "decision is refused (409) unless the first was a postponement or this is a correction: send correctionReason and " +
                                 "If-Match with the case's ETag. A referral adds a step for the body referred to.")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

/// <summary>What every change to a step shares: scoped loading, the new case version, and the events it implies.</summary>
internal static class StepChange
{
    public const string OutcomeForRoleRule = "outcome-fits-step";
    public const string OrderRule = "earlier-stages-first";
    public const string OverwriteRule = "no-silent-overwrite";

    public static DateOnly Today(DateTimeOffset now) => CalendarDay.Of(now);

    /// <summary>The If-Match version when the request is a correction (428 when missing); null otherwise.</summary>
    public static int? OptionalVersion(HttpContext http, string? correctionReason) =>
        string.IsNullOrWhiteSpace(correctionReason) ? null : ETags.RequiredVersion(http);

    public static ConflictException Conflict(string rule, Text detail, StepRow step)
    {
        var conflict = new ConflictException(detail);
        conflict.Extensions["rule"] = rule;
        conflict.Extensions["stepId"] = step.Id;
        conflict.Extensions["bodyName"] = step.BodyName;
        return conflict;
    }

    /// <summary>
    /// Refuses to overwrite what was recorded (409) unless the request is a correction with a reason and the case's current
    /// version in If-Match (412 when stale). True when the request is such a correction.
    /// </summary>
    public static bool EnsureNotOverwritten(bool recorded, string what, StepRow step, string? by, DateTimeOffset? at, string? correctionReason,
        int? expectedVersion, CaseRow found)
    {
        if (!recorded)
        {
            return false;
        }
        if (string.IsNullOrWhiteSpace(correctionReason))
        {
            throw Conflict(OverwriteRule,
                new Text("Step.AlreadyRecorded", step.BodyName, new Term($"Step.{char.ToUpperInvariant(what[0])}{what[1..]}"), by, at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)), step);
        }
        if (expectedVersion != found.Version)
        {
            throw new PreconditionFailedException("Case", found.Id);
        }
        return true;
    }

    /// <summary>Steps of earlier stages come first (409 naming the step that must come first); a rejection stops the stages after it.</summary>
    public static async Task EnsureInOrderAsync(DbConnection connection, DbTransaction transaction, CaseRow found, StepRow step, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var steps = await CasesStore.StepsAsync(connection, found.Id, transaction, cancellationToken);
        var facts = steps.Select(s => s.ToFacts()).ToList();
        var status = CaseStatusCalculator.Derive(facts, Today(now), Infrastructure.Localization.Messages.Say);
        if (status.Stages.FirstOrDefault(s => s.Decided && s.Rejected > 0 && s.Ordinal < step.StageOrdinal) is { } stop)
        {
            throw Conflict(OrderRule,
                new Text("Step.CaseRejectedInStage", stop.Ordinal, stop.Name, stop.Summary), step);
        }
        if (StepCompletion.MustComeFirst(facts, facts.Single(f => f.StepId == step.Id)) is { } first)
        {
            var conflict = Conflict(OrderRule,
                new Text("Step.MustComeFirst", first.BodyName, first.StageOrdinal, first.StageName, step.BodyName, step.StageOrdinal), step);
            conflict.Extensions["mustComeFirst"] = new { stepId = first.StepId, bodyName = first.BodyName, stage = first.StageOrdinal };
            throw conflict;
        }
    }

    public static async Task<(CaseRow Case, StepRow Step, CaseStatusView Before)> LoadAsync(DbConnection connection, DbTransaction transaction,
        Guid caseId, Guid stepId, ICurrentUser user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var found = await CasesStore.RequireAsync(connection, caseId, user, transaction, cancellationToken);
        var steps = await CasesStore.StepsAsync(connection, caseId, transaction, cancellationToken);
        var step = steps.FirstOrDefault(s => s.Id == stepId) ?? throw new NotFoundException("Step", stepId);
        return (found, step, CasesStore.Status(steps, Today(now)));
    }

    /// <summary>Bumps the case version and appends the change's event plus any stage decided or case status changed by it.</summary>
    public static async Task CompleteAsync(DbConnection connection, DbTransaction transaction, CaseRow found, CaseStatusView before, NewCaseEvent change,
        ICurrentUser user, DateTimeOffset now, CancellationToken cancellationToken, params NewCaseEvent[] more)
    {
        await CasesStore.TouchAsync(connection, found.Id, now, transaction, cancellationToken);
        var after = CasesStore.Status(await CasesStore.StepsAsync(connection, found.Id, transaction, cancellationToken), Today(now));
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
        await CaseFeedStore.AppendAsync(connection, transaction, found.OwnerOrganisationId, user.Name, now, events, cancellationToken);
    }
}
