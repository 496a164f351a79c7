using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>
/// Changes a composition rule of a body (If-Match). As when it is added, a hard seat-count rule the body's seats
/// already break is refused (422 naming the rule), and a code already used by another of the body's rules is a conflict.
/// </summary>
public static class UpdateCompositionRule
{
    public sealed record Body(string Code, RuleKind Kind, RuleSeverity Severity, int? Value, string? Category, Guid? RefBodyId, string Description);

    public sealed record Command(Guid BodyId, Guid RuleId, int ExpectedVersion, Body Rule) : IRequest<CompositionRuleResponse>;

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
            var rule = command.Rule;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT version FROM composition_rule WHERE id = @RuleId AND body_id = @BodyId AND deleted_at IS NULL",
                new { command.RuleId, command.BodyId }, transaction, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("Composition rule", command.RuleId);
            if (version != command.ExpectedVersion)
            {
                // A stale copy is answered as such before its content is judged.
                throw new PreconditionFailedException("Composition rule", command.RuleId);
            }
            await connection.EnsureExistsAsync("body", rule.RefBodyId, "refBodyId", new Text("Reference.NoBody"), transaction, cancellationToken);
            var duplicate = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM composition_rule WHERE body_id = @BodyId AND code = @Code AND id <> @RuleId AND deleted_at IS NULL",
                new { command.BodyId, rule.Code, command.RuleId }, transaction, cancellationToken: cancellationToken));
            if (duplicate > 0)
            {
                throw new ConflictException("CompositionRule.CodeTaken", rule.Code);
            }
            await CompositionRuleChecks.EnsureSeatsKeepAsync(connection, command.BodyId,
                new CompositionRule(rule.Code, rule.Kind, rule.Severity, rule.Value, rule.Category, rule.RefBodyId, rule.Description), now, transaction, cancellationToken);

            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE composition_rule
                SET code = @Code, kind = @Kind, severity = @Severity, int_value = @Value, category = @Category, ref_body_id = @RefBodyId,
                    description = @Description, version = version + 1, modified_at = @Now
                WHERE id = @RuleId AND body_id = @BodyId AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new
                {
                    command.RuleId, command.BodyId, command.ExpectedVersion, rule.Code, Kind = rule.Kind.Text(), Severity = rule.Severity.Text(), rule.Value,
                    rule.Category, rule.RefBodyId, rule.Description, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "composition_rule", "Composition rule", command.RuleId, transaction, cancellationToken);
            var updated = await connection.QuerySingleAsync<CompositionRuleResponse>(new CommandDefinition(
                $"SELECT {BodiesStore.RuleColumns} FROM composition_rule WHERE id = @RuleId", new { command.RuleId }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/bodies/{id:guid}/composition-rules/{ruleId:guid}", async (Guid id, Guid ruleId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ruleId, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateCompositionRule")
                .WithSummary("Ret en sammensætningsregel / Update a composition rule")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match. En hård " +
                                 "regel, som pladserne allerede bryder, afvises med 422, der navngiver reglen; en kode, som en anden regel bruger, giver 409." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match. A hard rule the " +
                                 "seats already break is refused with 422 naming the rule; a code used by another rule is a 409.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
