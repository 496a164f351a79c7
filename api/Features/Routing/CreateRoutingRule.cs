using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using Klima.Api.Infrastructure.Http;
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
            RuleFor(c => c.Code).NotEmpty().MaximumLength(80).Matches("^[a-z0-9-]+$").WithMessage(_ => Messages.Get("Routing.RuleCodeFormat"));
            Include(new RuleContentRules<Command>(c => c.Name, c => c.Description, c => c.Interest, c => c.SourceReference, c => c.Steps));
        }
    }

    /// <summary>The shape of a rule's content, shared by create and change.</summary>
    internal sealed class RuleContentRules<T> : AbstractValidator<T>
    {
        public RuleContentRules(Func<T, string> name, Func<T, string?> description, Func<T, string?> interest, Func<T, string?> sourceReference,
            System.Linq.Expressions.Expression<Func<T, IEnumerable<StepInput>>> steps)
        {
            RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
            RuleFor(x => description(x)).MaximumLength(2000).OverridePropertyName("description");
            RuleFor(x => interest(x)).MaximumLength(40).OverridePropertyName("interest");
            RuleFor(x => sourceReference(x)).MaximumLength(400).OverridePropertyName("sourceReference");
            RuleFor(steps).NotEmpty().Must(s => s.Count() <= 50).WithMessage(_ => Messages.Get("Routing.AtMost50Steps"));
            RuleForEach(steps).ChildRules(step =>
            {
                step.RuleFor(s => s.StageOrdinal).InclusiveBetween(1, 20);
                step.RuleFor(s => s.StageName).NotEmpty().MaximumLength(200);
                step.RuleFor(s => s.Role).IsInEnum();
                step.RuleFor(s => s.DeadlineDays).InclusiveBetween(0, 3650);
                step.RuleFor(s => s.Note).MaximumLength(1000);
                step.RuleFor(s => s.FanOut).Equal(RoutingEngine.FanOutMemberCouncils).When(s => s.FanOut is not null)
                    .WithMessage(_ => Messages.Get("Routing.OnlyFanOut", RoutingEngine.FanOutMemberCouncils));
                step.RuleFor(s => s.BodyId).NotNull().When(s => s.FanOut is null).WithMessage(_ => Messages.Get("Routing.StepBodyOrFanOut"));
                step.RuleFor(s => s.BodyId).Null().When(s => s.FanOut is not null).WithMessage(_ => Messages.Get("Routing.FanOutNoBody"));
            });
        }
    }

    internal static IReadOnlyList<RuleStep> ToSteps(IReadOnlyList<StepInput> steps) =>
        steps.Select(s => new RuleStep(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind, s.Role, s.Authoritative, s.DeadlineDays, s.Note)).ToList();

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, RoutingRuleResponse>
    {
        public async Task<RoutingRuleResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            var rule = new RoutingRule(id, command.Code, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision, command.Priority,
                command.SourceReference, ToSteps(command.Steps));
            await RoutingStore.CheckAsync(connection, model, rule, CalendarDay.Of(now), transaction, cancellationToken);
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
                throw new ConflictException("Routing.RuleCodeTaken", command.Code);
            }
            await RoutingStore.InsertStepsAsync(connection, id, rule.Steps, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ListRoutingRulesOfModel.ToResponse(model, rule, 1);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/routing/rules", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/routing/rules/{created.Id}", created);
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
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
