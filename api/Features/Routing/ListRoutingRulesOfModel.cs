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

/// <summary>The routing rules of a governance model, in the order they are tried.</summary>
public static class ListRoutingRulesOfModel
{
    public sealed record Query(Guid? GovernanceModelId) : IRequest<IReadOnlyList<RoutingRuleResponse>>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, IReadOnlyList<RoutingRuleResponse>>
    {
        public async Task<IReadOnlyList<RoutingRuleResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await RoutingStore.ResolveModelAsync(connection, query.GovernanceModelId, null, cancellationToken);
            var data = await RoutingStore.LoadAsync(connection, model, null, cancellationToken);
            return data.Rules.OrderBy(r => r.Priority).ThenBy(r => r.Code, StringComparer.Ordinal).Select(r => ToResponse(model, r)).ToList();
        }
    }

    internal static RoutingRuleResponse ToResponse(Guid model, RoutingRule r) =>
        new(r.Id, model, r.Code, r.Name, r.Description, r.InterestCode, r.RequiresCouncilDecision, r.Priority, r.SourceReference,
            r.Steps.Select(s => new RuleStepResponse(s.StageOrdinal, s.StageName, s.BodyId, s.FanOut, s.FanOutPartyKind, s.Role, s.Authoritative, s.DeadlineDays, s.Note)).ToList());

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/routing/rules", async (Guid? governanceModelId, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId), http.RequestAborted)))
                .WithName("listRoutingRules")
                .WithSummary("Vis fordelingsregler / List routing rules")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). En styringsmodels fordelingsregler i den rækkefølge, de prøves." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). A governance model's routing rules in the order they are tried.")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
