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

namespace Klima.Api.Features.Routing;

/// <summary>The routing rules of a governance model, in the order they are tried.</summary>
public static class ListRoutingRulesOfModel
{
    /// <param name="IncludeRetired">Also list retired rules (after the live ones), as the history of cases routed by them needs.</param>
    public sealed record Query(Guid? GovernanceModelId, bool? IncludeRetired = null) : IRequest<IReadOnlyList<RoutingRuleResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<RoutingRuleResponse>>
    {
        public async Task<IReadOnlyList<RoutingRuleResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return await RoutingStore.ListAsync(connection, model, query.IncludeRetired == true, cancellationToken);
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
                .WithSummary("Vis fordelingsregler / List routing rules")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). En styringsmodels fordelingsregler i den rækkefølge, de prøves." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). A governance model's routing rules in the order they are tried.")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
