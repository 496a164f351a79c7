using Dapper;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Routing;

/// <summary>
/// Retires a routing rule (If-Match): it routes no new case; the cases it routed keep it as their matched rule and keep
/// their explanation, and the rule stays readable (<c>GET /api/routing/rules/{id}</c>, <c>includeRetired=true</c>).
/// </summary>
public static class RetireRoutingRule
{
    public sealed record Command(Guid Id, int ExpectedVersion) : IRequest<RoutingRuleResponse>;

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
                throw new ConflictException("Routing.RuleAlreadyRetired", current.Code);
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE routing_rule SET deleted_at = @Now, modified_at = @Now, version = version + 1
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "routing_rule", "Routing rule", command.Id, transaction, cancellationToken);
            var retired = await RoutingStore.GetAsync(connection, command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return retired;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/routing/rules/{id:guid}/retirement", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var retired = await mediator.Send(new Command(id, ETags.RequiredVersion(http)), http.RequestAborted);
                    ETags.Set(http, retired.Version);
                    return TypedResults.Ok(retired);
                })
                .WithName("retireRoutingRule")
                .WithSummary("Udfas en fordelingsregel / Retire a routing rule")
                .WithDescription("Kræver governance:write og If-Match. En udgået regel fordeler ikke nye sager; sager, den har fordelt, nævner den fortsat i deres forklaring. 409 hvis den allerede er udgået." +
                                 "\n\nNeeds governance:write and If-Match. A retired rule no longer routes new cases; the cases it routed still name it in their explanation. 409 when it is already retired.")
                .WithTags("Routing")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
