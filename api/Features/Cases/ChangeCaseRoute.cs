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
/// Staff replace a case's route, with a reason kept in the history. Only staff not bound to an organisation may (a
/// party's own system gets 403); the stored explanation then says that the route was changed by hand, by whom, when
/// and why, beside the rule that first matched. A step that stays (same body, organisation and role) keeps what was
/// recorded on it; a step that goes is kept as superseded. The new route is checked like a computed one: a body may
/// not decide beyond its mandate, and a case that needs a decision keeps a deciding step.
/// </summary>
public static class ChangeCaseRoute
{
    public sealed record StepInput(Guid BodyId, Guid? OrganisationId, StepRole Role, bool Authoritative, DateOnly? Deadline, string? Note);

    public sealed record StageInput(string Name, IReadOnlyList<StepInput> Steps);

    public sealed record Body(string Reason, IReadOnlyList<StageInput> Stages);

    public sealed record Command(Guid CaseId, int ExpectedVersion, string Reason, IReadOnlyList<StageInput> Stages) : IRequest<CaseResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
            RuleFor(c => c.Stages).NotEmpty().Must(s => s.Count <= 20).WithMessage(_ => Messages.Get("Case.AtMost20Stages"));
            RuleForEach(c => c.Stages).ChildRules(stage =>
            {
                stage.RuleFor(s => s.Name).NotEmpty().MaximumLength(200);
                stage.RuleFor(s => s.Steps).NotEmpty().Must(s => s.Count <= 50).WithMessage(_ => Messages.Get("Case.AtMost50StepsInStage"));
                stage.RuleForEach(s => s.Steps).ChildRules(step =>
                {
                    step.RuleFor(s => s.Role).IsInEnum();
                    step.RuleFor(s => s.Note).MaximumLength(1000);
                });
            });
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = StepChange.Today(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var found = await CasesStore.RequireAsync(connection, command.CaseId, user, transaction, cancellationToken);
            CaseAuthorisation.EnsureMayChangeRoute(user);
            if (found.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Case", command.CaseId);
            }
            var bodies = (await RoutingStore.BodiesAsync(connection, found.GovernanceModelId, transaction, cancellationToken)).ToDictionary(b => b.Id);
            var planned = command.Stages.Select((stage, i) => new PlannedStage(i + 1, stage.Name, stage.Steps.Select((s, j) =>
                new PlannedStep(i + 1, stage.Name, j + 1, s.BodyId,
                    bodies.TryGetValue(s.BodyId, out var body) ? body.Name
                        : throw new RuleViolationException("body-in-model", new Text("Case.BodyNotInModel", s.BodyId), $"stages[{i}].steps[{j}].bodyId"),
                    s.OrganisationId, s.Role, s.Authoritative, s.Deadline, s.Note)).ToList())).ToList();
            RoutingStore.RefuseViolations(RoutingEngine.CheckMandates(planned, bodies.Values, null), null, "stages");

            var before = await CasesStore.StepsAsync(connection, found.Id, transaction, cancellationToken);
            if ((found.CouncilDecisionRequired || before.Any(s => s.Authoritative)) && !planned.SelectMany(s => s.Steps).Any(s => RoutingEngine.Decides(s.Role, s.Authoritative)))
            {
                throw new RuleViolationException(RoutingEngine.DecisionNeededRule,
                    new Text("Case.RouteNeedsDecision"), "stages");
            }
            var statusBefore = CasesStore.Status(before, today);
            var remaining = before.ToList();
            var kept = 0;
            var added = new List<PlannedStep>();
            foreach (var step in planned.SelectMany(s => s.Steps))
            {
                var match = remaining.FirstOrDefault(r => r.BodyId == step.BodyId && r.OrganisationId == step.OrganisationId && r.RoleValue == step.Role);
                if (match is null)
                {
                    added.Add(step);
                    continue;
                }
                remaining.Remove(match);
                kept++;
                await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE case_step SET stage_ordinal = @StageOrdinal, stage_name = @StageName, ordinal = @Ordinal, authoritative = @Authoritative,
                        deadline = @Deadline, note = @Note, version = version + 1, modified_at = @Now
                    WHERE id = @Id
                    """, new { step.StageOrdinal, step.StageName, step.Ordinal, step.Authoritative, step.Deadline, step.Note, Now = now, match.Id },
                    transaction, cancellationToken: cancellationToken));
            }
            foreach (var gone in remaining)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE case_step SET superseded_at = @Now, version = version + 1, modified_at = @Now WHERE id = @Id",
                    new { Now = now, gone.Id }, transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM agenda_item WHERE case_step_id = @Id", new { gone.Id }, transaction, cancellationToken: cancellationToken));
            }
            var parties = await CasesStore.PartiesAsync(connection, found.Id, transaction, cancellationToken);
            await CasesStore.InsertStepsAsync(db.Dialect, connection, transaction, found.Id, added, parties, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_file SET route_explanation = @Explanation, route_explanation_text = @ExplanationText WHERE id = @Id",
                new
                {
                    Explanation = RouteExplanation.ChangedByHand(found.RouteExplanation, user.Name, now, command.Reason),
                    ExplanationText = TextJson.TryWrite(RouteExplanation.ChangedByHand(found, user.Name, now, command.Reason)), found.Id,
                },
                transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO case_route_change (id, case_id, reason, changed_by, changed_at) VALUES (@Id, @CaseId, @Reason, @By, @Now)",
                new { Id = Guid.CreateVersion7(now), CaseId = found.Id, command.Reason, By = user.Name, Now = now }, transaction, cancellationToken: cancellationToken));

            await StepChange.CompleteAsync(connection, transaction, found, statusBefore,
                new NewCaseEvent(CaseEventTypes.CaseRouteChanged, found.Id, null, new
                {
                    reason = command.Reason, kept, added = added.Count, removed = remaining.Count,
                    removedSteps = remaining.Select(r => new { stepId = r.Id, r.BodyName, role = r.RoleValue }).ToList(),
                    stages = planned.Select(s => new { s.Ordinal, s.Name, bodies = s.Steps.Select(x => x.BodyName).ToList() }).ToList(),
                }), user, now, cancellationToken);
            var response = await CasesStore.LoadAsync(connection, found.Id, user, today, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/cases/{id:guid}/route", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Reason, body.Stages), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("changeCaseRoute")
                .WithSummary("Ændr en sags forløb / Change a case's route")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Sekretariatet ændrer, hvilke " +
                                 "organer sagen skal behandles i, og hvorfor. Et trin, der bliver (samme organ, organisation og rolle), beholder det " +
                                 "registrerede; et trin, der udgår, gemmes som afløst. Et organ må ikke træffe afgørelse ud over sit mandat, og en sag, " +
                                 "der kræver afgørelse, skal beholde et afgørende trin (422, der navngiver reglen). Kræver If-Match." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Staff change which bodies the case " +
                                 "goes to, and why. A step that stays (same body, organisation and role) keeps what was recorded on it; a step that goes " +
                                 "is kept as superseded. A body may not decide beyond its mandate, and a case that needs a decision keeps a deciding step " +
                                 "(422 naming the rule). Needs If-Match.")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}

/// <summary>
/// The stored explanation of a route changed by hand: the rule that first matched, then who changed it, when and why
/// (only the latest change; every change stays in the case's history). Kept twice: as message keys and arguments, said in
/// the reader's language when read (<see cref="Say"/>), and as the sentence said when written, for cases from before.
/// </summary>
public static class RouteExplanation
{
    public const string ChangedKey = "Route.ChangedByHand";

    /// <summary>The case's explanation in the reader's language; a case routed before explanations were kept as keys keeps its sentence.</summary>
    internal static string? Say(CaseRow row) =>
        TextJson.Read(row.RouteExplanationText) is { } text ? Messages.Say(text) : row.RouteExplanation;

    /// <summary>The explanation after a change by hand, as keys and arguments: the rule's explanation (without an earlier change), then this change.</summary>
    internal static Text ChangedByHand(CaseRow found, string by, DateTimeOffset at, string reason)
    {
        var rule = TextJson.Read(found.RouteExplanationText) switch
        {
            { Key: ChangedKey } earlier => earlier.Args[0] as Text ?? new Text("Route.NoExplanationStored"),
            { } stored => stored,
            // An older case: its rule explanation as it was said then.
            null => found.RouteExplanation is { } legacy ? Text.Plain(CutChange(legacy)) : new Text("Route.NoExplanationStored"),
        };
        var time = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{at.UtcDateTime:HH:mm}");
        return new Text(ChangedKey, rule, by, DateOnly.FromDateTime(at.UtcDateTime), time, reason);
    }

    private static string CutChange(string explanation)
    {
        var cut = explanation.IndexOf(Marker, StringComparison.Ordinal);
        return cut >= 0 ? explanation[..cut] : explanation;
    }

    public const string Marker = " Route changed by hand by ";
    private const int MaxLength = 4000;

    public static string ChangedByHand(string? computed, string by, DateTimeOffset at, string reason)
    {
        var rule = computed ?? "No rule explanation was stored.";
        var cut = rule.IndexOf(Marker, StringComparison.Ordinal);
        if (cut >= 0)
        {
            rule = rule[..cut];
        }
        var change = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Marker}{by} at {at.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {reason}");
        return rule.Length + change.Length <= MaxLength ? rule + change : rule[..Math.Max(0, MaxLength - change.Length)] + change;
    }
}
