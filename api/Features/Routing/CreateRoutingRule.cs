using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.Routing;

/// <summary>
/// Adds a routing rule to a model. A rule that asks a body to decide beyond its mandate (e.g. the dialogue forum)
/// is refused with a problem detail naming the rule.
/// </summary>
public static class CreateRoutingRule
{
    public sealed record StepInput(int StageOrdinal, string StageName, Guid? BodyId, string? FanOut, string? FanOutPartyKind, StepRole Role,
        bool Authoritative, int? DeadlineDays, string? Note);

    public sealed record Command(Guid? GovernanceModelId, string Code, string Name, string? Description, string? Interest, bool? RequiresCouncilDecision,
        int Priority, string? SourceReference, IReadOnlyList<StepInput> Steps) : IRequest<RoutingRuleResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Code).NotEmpty().MaximumLength(80).Matches("^[a-z0-9-]+$").WithMessage("A rule code is lowercase letters, digits and hyphens.");
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Description).MaximumLength(2000);
            RuleFor(c => c.Interest).MaximumLength(40);
            RuleFor(c => c.SourceReference).MaximumLength(400);
            RuleFor(c => c.Steps).NotEmpty().Must(s => s.Count <= 50).WithMessage("At most 50 steps.");
            RuleForEach(c => c.Steps).ChildRules(step =>
            {
                step.RuleFor(s => s.StageOrdinal).InclusiveBetween(1, 20);
                step.RuleFor(s => s.StageName).NotEmpty().MaximumLength(200);
                step.RuleFor(s => s.Role).IsInEnum();
                step.RuleFor(s => s.DeadlineDays).InclusiveBetween(0, 3650);
                step.RuleFor(s => s.Note).MaximumLength(1000);
                step.RuleFor(s => s.FanOut).Equal(RoutingEngine.FanOutMemberCouncils).When(s => s.FanOut is not null)
                    .WithMessage($"The only fan-out is '{RoutingEngine.FanOutMemberCouncils}'.");
                step.RuleFor(s => s.BodyId).NotNull().When(s => s.FanOut is null).WithMessage("A step names a body or fans out.");
                step.RuleFor(s => s.BodyId).Null().When(s => s.FanOut is not null).WithMessage("A fan-out step names no body.");
            });
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock) : IRequestHandler<Command, RoutingRuleResponse>
    {
        public async Task<RoutingRuleResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await RoutingStore.ResolveModelAsync(connection, command.GovernanceModelId, transaction, cancellationToken);
            if (command.Interest is not null)
            {
                await RoutingStore.EnsureInterestAsync(connection, model, command.Interest, transaction, cancellationToken);
            }
            var data = await RoutingStore.LoadAsync(connection, model, transaction, cancellationToken);
            var rule = new RoutingRule(id, command.Code, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision, command.Priority,
                command.SourceReference, command.Steps.Select(s => new RuleStep(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind, s.Role,
                    s.Authoritative, s.DeadlineDays, s.Note)).ToList());
            var unknown = rule.Steps.FirstOrDefault(s => s.BodyId is { } b && data.Bodies.All(x => x.Id != b));
            if (unknown is not null)
            {
                throw new RuleViolationException("body-in-model", $"Body '{unknown.BodyId}' is not a body of this governance model.", "steps");
            }
            IReadOnlyList<PlannedStage> stages;
            try
            {
                stages = RoutingEngine.Expand(rule, DateOnly.FromDateTime(now.UtcDateTime), data.Bodies, data.Parties);
            }
            catch (InvalidOperationException ex)
            {
                throw new RuleViolationException("fan-out-targets", ex.Message, "steps");
            }
            RoutingStore.RefuseViolations(RoutingEngine.CheckMandates(stages, data.Bodies, rule.Code), rule.Code, "steps");
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO routing_rule (id, governance_model_id, code, name, description, interest_code, requires_council_decision, priority,
                        source_reference, version, created_at, modified_at)
                    VALUES (@Id, @Model, @Code, @Name, @Description, @Interest, @RequiresCouncilDecision, @Priority, @SourceReference, 1, @Now, @Now)
                    """, new { Id = id, Model = model, command.Code, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision,
                    command.Priority, command.SourceReference, Now = now }, transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException($"The model already has a routing rule '{command.Code}'.");
            }
            var ordinal = 0;
            foreach (var step in command.Steps)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO routing_rule_step (id, routing_rule_id, stage_ordinal, stage_name, ordinal, body_id, fan_out, fan_out_party_kind, role,
                        authoritative, deadline_days, note)
                    VALUES (@Id, @RuleId, @StageOrdinal, @StageName, @Ordinal, @BodyId, @FanOut, @FanOutPartyKind, @Role, @Authoritative, @DeadlineDays, @Note)
                    """, new { Id = Guid.CreateVersion7(now), RuleId = id, step.StageOrdinal, step.StageName, Ordinal = ++ordinal, step.BodyId, step.FanOut,
                    step.FanOutPartyKind, Role = step.Role.Text(), step.Authoritative, step.DeadlineDays, step.Note }, transaction, cancellationToken: cancellationToken));
            }
            await transaction.CommitAsync(cancellationToken);
            return ListRoutingRulesOfModel.ToResponse(model, rule);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/routing/rules", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    return TypedResults.Created($"/api/routing/rules?governanceModelId={created.GovernanceModelId}", created);
                })
                .WithName("createRoutingRule")
                .WithSummary("Opret en fordelingsregel / Create a routing rule")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Tilføjer en regel til en " +
                                 "model: hvilke sager (interesse, initiativtager) der går til hvilke organer. En regel, der beder et organ træffe " +
                                 "afgørelse ud over sit mandat (fx dialogforummet), afvises med 422, der navngiver reglen; 409 ved en kode, der allerede bruges." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Adds a rule to a model: which " +
                                 "cases (interest, initiator) go to which bodies. A rule that asks a body to decide beyond its mandate (e.g. the dialogue " +
                                 "forum) is refused with 422 naming the rule; 409 for a code already in use.")
                .WithTags("Routing")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
