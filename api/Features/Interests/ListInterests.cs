using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.Interests;

/// <summary>Lists a governance model's case interests in their order (retired ones only when asked for).</summary>
public static class ListInterests
{
    public sealed record Query(Guid GovernanceModelId, bool? IncludeRetired) : IRequest<IReadOnlyList<InterestResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<InterestResponse>>
    {
        public async Task<IReadOnlyList<InterestResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return await InterestsStore.ListAsync(connection, model, query.IncludeRetired == true, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{governanceModelId:guid}/interests", async (Guid governanceModelId, bool? includeRetired, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId, includeRetired), http.RequestAborted)))
                .WithName("listCaseInterests")
                .WithSummary("Vis en models interesser / List a model's case interests")
                .WithDescription("Kræver governance:read. En styringsmodels sagsinteresser i rækkefølge; includeRetired=true tager udgåede med. 403 uden for opkalderens modeller." +
                                 "\n\nNeeds governance:read. A governance model's case interests in order; includeRetired=true includes retired ones. 403 outside the caller's models.")
                .WithTags("Interests")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
