using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Routing;

public sealed record RuleStepResponse(int StageOrdinal, string StageName, Guid? BodyId, string? FanOut, string? FanOutPartyKind, StepRole Role,
    bool Authoritative, int? DeadlineDays, string? Note);

public sealed record RoutingRuleResponse(Guid Id, Guid GovernanceModelId, string Code, string Name, string? Description, string? Interest,
    bool? RequiresCouncilDecision, int Priority, string? SourceReference, IReadOnlyList<RuleStepResponse> Steps)
{
    /// <summary>The ETag of the rule (If-Match on change and retirement).</summary>
    public required int Version { get; init; }
    /// <summary>Set once the rule is retired: it routes no new case, and stays named in the history of the cases it routed.</summary>
    public DateTimeOffset? RetiredAt { get; init; }
}

public sealed record InterestResponse
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
}

/// <summary>The interests a model's routing rules match on (data per model, not an enum in code).</summary>
public static class ListInterests
{
    public sealed record Query(Guid? GovernanceModelId) : IRequest<IReadOnlyList<InterestResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<InterestResponse>>
    {
        public async Task<IReadOnlyList<InterestResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelAccess.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return (await connection.QueryAsync<InterestResponse>(new CommandDefinition(
                "SELECT code, name, description FROM case_interest WHERE governance_model_id = @Model AND deleted_at IS NULL ORDER BY ordinal",
                new { Model = model }, cancellationToken: cancellationToken))).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/routing/interests", async (Guid? governanceModelId, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId), http.RequestAborted)))
                .WithName("listInterests")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>The routing rules of a governance model, in the order they are tried.</summary>
public static class ListRoutingRules
{
    /// <param name="IncludeRetired">Also list retired rules (after the live ones), as the history of cases routed by them needs.</param>
    public sealed record Query(Guid? GovernanceModelId, bool? IncludeRetired = null) : IRequest<IReadOnlyList<RoutingRuleResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<RoutingRuleResponse>>
    {
        public async Task<IReadOnlyList<RoutingRuleResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelAccess.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return await RoutingRuleStore.ListAsync(connection, model, query.IncludeRetired == true, cancellationToken);
        }
    }

    internal static RoutingRuleResponse ToResponse(Guid model, RoutingRule r, int version) =>
        new(r.Id, model, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
            r.Steps.Select(s => new RuleStepResponse(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind, s.Role, s.Authoritative, s.DeadlineDays, s.Note)).ToList())
        {
            Version = version,
        };

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/routing/rules", async (Guid? governanceModelId, bool? includeRetired, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId, includeRetired), http.RequestAborted)))
                .WithName("listRoutingRules")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

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
            RuleFor(steps).NotEmpty().Must(s => s.Count() <= 50).WithMessage("At most 50 steps.");
            RuleForEach(steps).ChildRules(step =>
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
            var model = await GovernanceModelAccess.ResolveAsync(connection, command.GovernanceModelId, user, transaction, cancellationToken);
            var rule = new RoutingRule(id, command.Code, command.Name, command.Description, command.Interest, command.RequiresCouncilDecision, command.Priority,
                command.SourceReference, ToSteps(command.Steps));
            await RoutingRuleStore.CheckAsync(connection, model, rule, DateOnly.FromDateTime(now.UtcDateTime), transaction, cancellationToken);
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
            await RoutingRuleStore.InsertStepsAsync(connection, id, rule.Steps, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return ListRoutingRules.ToResponse(model, rule, 1);
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
                .WithTags("Routing")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Previews the route a case would get, with the explanation, without creating anything.</summary>
public static class DryRunRoute
{
    public sealed record Command(Guid? GovernanceModelId, string Interest, bool CouncilDecisionRequired) : IRequest<Preview>;

    public sealed record PreviewStep(int Ordinal, Guid BodyId, string BodyName, Guid? OrganisationId, StepRole Role, bool Authoritative, DateOnly? Deadline, string? Note);

    public sealed record PreviewStage(int Ordinal, string Name, IReadOnlyList<PreviewStep> Steps);

    public sealed record Preview(Guid GovernanceModelId, Guid RuleId, string RuleCode, string Explanation, IReadOnlyList<PreviewStage> Stages);

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Interest).NotEmpty().MaximumLength(40);
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Preview>
    {
        public async Task<Preview> Handle(Command command, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelAccess.ResolveAsync(connection, command.GovernanceModelId, user, null, cancellationToken);
            await RoutingData.EnsureInterestAsync(connection, model, command.Interest, null, cancellationToken);
            var data = await RoutingData.LoadAsync(connection, model, null, cancellationToken);
            var plan = RoutingEngine.Route(new RoutingInput(command.Interest, command.CouncilDecisionRequired, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)),
                data.Rules, data.Bodies, data.Parties);
            if (!plan.Matched)
            {
                throw new RuleViolationException("routing-rule-matches", plan.Explanation, "interest");
            }
            RoutingData.RefuseViolations(plan.Violations, plan.Rule!.Code, "interest");
            return new Preview(model, plan.Rule.Id, plan.Rule.Code, plan.Explanation, plan.Stages.Select(s => new PreviewStage(s.Ordinal, s.Name,
                s.Steps.Select(x => new PreviewStep(x.Ordinal, x.BodyId, x.BodyName, x.OrganisationId, x.Role, x.Authoritative, x.Deadline, x.Note)).ToList())).ToList());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/routing/dry-run", async (Command command, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(command, http.RequestAborted)))
                .WithName("dryRunRoute")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
