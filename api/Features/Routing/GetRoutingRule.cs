using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Routing;

/// <summary>Reads one routing rule (retired ones too: the history of the cases it routed names it) with its ETag.</summary>
public static class GetRoutingRule
{
    public sealed record Query(Guid Id) : IRequest<RoutingRuleResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, RoutingRuleResponse>
    {
        public async Task<RoutingRuleResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var rule = await RoutingStore.GetAsync(connection, query.Id, null, cancellationToken);
            GovernanceModelsStore.Ensure(user, rule.GovernanceModelId);
            return rule;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/routing/rules/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var rule = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, rule, rule.Version);
                })
                .WithName("getRoutingRule")
                .WithSummary("Vis en fordelingsregel / Get a routing rule")
                .WithDescription("Kræver cases:read. En fordelingsregel med trin og ETag, også en udgået. 404 når den ikke findes; 403 uden for opkalderens modeller." +
                                 "\n\nNeeds cases:read. A routing rule with its steps and ETag, retired ones too. 404 when it does not exist; 403 outside the caller's models.")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .Produces<RoutingRuleResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
