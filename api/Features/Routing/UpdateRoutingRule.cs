using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Routing;

/// <summary>
/// Changes a routing rule (what it matches, its priority, its stages and steps) with If-Match. Its code stays. Cases already
/// routed keep the route and explanation they got; only cases routed from now on follow the change. The same checks as on
/// creation apply (interest and bodies of the rule's own model, mandates).
/// </summary>
public static class UpdateRoutingRule
{
    public sealed record Body(string Name, string? Description, string? Interest, bool? RequiresCouncilDecision, int Priority, string? SourceReference,
        IReadOnlyList<CreateRoutingRule.StepInput> Steps);

    public sealed record Command(Guid Id, int ExpectedVersion, string Name, string? Description, string? Interest, bool? RequiresCouncilDecision, int Priority,
        string? SourceReference, IReadOnlyList<CreateRoutingRule.StepInput> Steps) : IRequest<RoutingRuleResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() =>
            Include(new CreateRoutingRule.RuleContentRules<Command>(c => c.Name, c => c.Description, c => c.Interest, c => c.SourceReference, c => c.Steps));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, RoutingRuleResponse>
    {
        public async Task<RoutingRuleResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await RoutingStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            GovernanceModelsStore.Ensure(user, current.GovernanceModelId);
            if (current.RetiredAt is not null)
            {
                throw new ConflictException("Routing.RuleRetired", current.Code);
            }
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Routing rule", command.Id);
            }
            var rule = new RoutingRule(command.Id, current.Code, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision,
                command.Priority, command.SourceReference, CreateRoutingRule.ToSteps(command.Steps));
            await RoutingStore.CheckAsync(connection, current.GovernanceModelId, rule, CalendarDay.Of(now), transaction, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE routing_rule SET name = @Name, description = @Description, interest_code = @Interest, requires_council_decision = @RequiresCouncilDecision,
                    priority = @Priority, source_reference = @SourceReference, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision, command.Priority, command.SourceReference,
                command.ExpectedVersion, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "routing_rule", "Routing rule", command.Id, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM routing_rule_step WHERE routing_rule_id = @Id", new { command.Id }, transaction,
                cancellationToken: cancellationToken));
            await RoutingStore.InsertStepsAsync(connection, command.Id, rule.Steps, now, transaction, cancellationToken);
            var updated = await RoutingStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/routing/rules/{id:guid}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.Name, body.Description, body.Interest, body.RequiresCouncilDecision,
                        body.Priority, body.SourceReference, body.Steps), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateRoutingRule")
                .WithSummary("Ret en fordelingsregel / Change a routing rule")
                .WithDescription("Kræver governance:write og If-Match. Ændrer reglens indhold og trin; organer skal høre til reglens egen model (422 med feltet), og organernes mandater kontrolleres igen. Sager, der allerede er fordelt, beholder deres rute. 409 for en udgået regel." +
                                 "\n\nNeeds governance:write and If-Match. Changes the rule's content and steps; bodies must belong to the rule's own model (422 naming the field) and their mandates are checked again. Cases already routed keep their route. 409 for a retired rule.")
                .WithTags("Routing")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
