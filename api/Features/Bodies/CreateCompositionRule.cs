using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>
/// Adds a composition rule to a body. A hard seat-count rule the body's seats already break is refused (422 naming
/// the new rule): a hard rule must hold from the moment it exists.
/// </summary>
public static class CreateCompositionRule
{
    public sealed record Body(string Code, RuleKind Kind, RuleSeverity Severity, int? Value, string? Category, Guid? RefBodyId, string Description);

    public sealed record Command(Guid BodyId, Body Rule) : IRequest<CompositionRuleResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new CompositionRuleRules<Command>(c => c.BodyId, c => c.Rule.Code, c => c.Rule.Kind, c => c.Rule.Severity,
            c => c.Rule.Value, c => c.Rule.Category, c => c.Rule.RefBodyId, c => c.Rule.Description));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CompositionRuleResponse>
    {
        public async Task<CompositionRuleResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var rule = command.Rule;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            await connection.EnsureExistsAsync("body", rule.RefBodyId, "refBodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
            var duplicate = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM composition_rule WHERE body_id = @BodyId AND code = @Code AND deleted_at IS NULL",
                new { command.BodyId, rule.Code }, transaction, cancellationToken: cancellationToken));
            if (duplicate > 0)
            {
                throw new ConflictException("CompositionRule.CodeTaken", rule.Code);
            }

            await CompositionRuleChecks.EnsureSeatsKeepAsync(connection, command.BodyId,
                new CompositionRule(rule.Code, rule.Kind, rule.Severity, rule.Value, rule.Category, rule.RefBodyId, rule.Description), now, transaction, cancellationToken);

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO composition_rule (id, body_id, code, kind, severity, int_value, category, ref_body_id, description, version, created_at, modified_at)
                VALUES (@Id, @BodyId, @Code, @Kind, @Severity, @Value, @Category, @RefBodyId, @Description, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.BodyId, rule.Code, Kind = rule.Kind.Text(), Severity = rule.Severity.Text(), rule.Value, rule.Category, rule.RefBodyId,
                    rule.Description, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new CompositionRuleResponse
            {
                Id = id, BodyId = command.BodyId, Code = rule.Code, Kind = rule.Kind, Severity = rule.Severity, Value = rule.Value, Category = rule.Category,
                RefBodyId = rule.RefBodyId, Description = rule.Description, Version = 1, ModifiedAt = now,
            };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/bodies/{id:guid}/composition-rules", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/bodies/{id}/composition-rules/{created.Id}", created);
                })
                .WithName("createCompositionRule")
                .WithSummary("Opret en sammensætningsregel for et organ / Create a composition rule of a body")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). En regel organet skal " +
                                 "overholde (fx højst én plads pr. organisation). En hård regel, som organets pladser allerede bryder, afvises med 422, " +
                                 "der navngiver reglen; 409 når koden allerede bruges af en anden regel." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). A rule the body must keep (e.g. " +
                                 "at most one seat per organisation). A hard rule the body's seats already break is refused with 422 naming the rule; 409 " +
                                 "when its code is used by another rule.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>The shape of a composition rule, for creating and changing one: what each kind of rule needs.</summary>
internal sealed class CompositionRuleRules<T> : AbstractValidator<T>
{
    public CompositionRuleRules(Func<T, Guid> bodyId, Func<T, string> code, Func<T, RuleKind> kind, Func<T, RuleSeverity> severity, Func<T, int?> value,
        Func<T, string?> category, Func<T, Guid?> refBodyId, Func<T, string> description)
    {
        RuleFor(x => code(x)).NotEmpty().MaximumLength(80).Matches("^[a-z0-9][a-z0-9+-]*$")
            .WithMessage(_ => Messages.Get("CompositionRule.CodeFormat")).OverridePropertyName("code");
        RuleFor(x => kind(x)).IsInEnum().OverridePropertyName("kind");
        RuleFor(x => severity(x)).IsInEnum().OverridePropertyName("severity");
        RuleFor(x => description(x)).NotEmpty().MaximumLength(1000).OverridePropertyName("description");
        RuleFor(x => category(x)).MaximumLength(100).OverridePropertyName("category");
        RuleFor(x => value(x)).NotNull().GreaterThanOrEqualTo(0).When(x => kind(x) != RuleKind.ChairMustHoldSeatIn)
            .WithMessage(_ => Messages.Get("CompositionRule.NeedsValue")).OverridePropertyName("value");
        RuleFor(x => value(x)).Null().When(x => kind(x) == RuleKind.ChairMustHoldSeatIn).OverridePropertyName("value");
        RuleFor(x => category(x)).NotEmpty().When(x => kind(x) is RuleKind.MaxSeatsPerCategory or RuleKind.MinFilledPerCategory)
            .WithMessage(_ => Messages.Get("CompositionRule.NeedsCategory")).OverridePropertyName("category");
        RuleFor(x => refBodyId(x)).NotNull().When(x => kind(x) == RuleKind.ChairMustHoldSeatIn)
            .WithMessage(_ => Messages.Get("CompositionRule.ChairNeedsBody")).OverridePropertyName("refBodyId");
        RuleFor(x => refBodyId(x)).NotEqual(x => bodyId(x)).When(x => refBodyId(x) is not null)
            .WithMessage(_ => Messages.Get("CompositionRule.ChairOtherBody")).OverridePropertyName("refBodyId");
    }
}

internal static class CompositionRuleChecks
{
    /// <summary>A hard seat-count rule must hold from the moment it exists: refuses (422 naming the rule) one the body's seats already break.</summary>
    public static async Task EnsureSeatsKeepAsync(System.Data.Common.DbConnection connection, Guid bodyId, CompositionRule candidate, DateTimeOffset now,
        System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (candidate.Severity != RuleSeverity.Hard || candidate.Kind is not (RuleKind.MaxSeatsPerOrganisation or RuleKind.MaxSeatsPerCategory))
        {
            return;
        }
        var composition = await connection.LoadCompositionAsync(bodyId, transaction, cancellationToken);
        var broken = CompositionEngine.Findings(composition with { Rules = [candidate] }, CalendarDay.Of(now), _ => [])
            .FirstOrDefault(f => f.Rule == candidate.Code);
        if (broken is not null)
        {
            throw new RuleViolationException(candidate.Code, Domain.Text.Join(" ", [new Domain.Text("CompositionRule.AlreadyBroken"), broken.Message]), "value");
        }
    }
}
