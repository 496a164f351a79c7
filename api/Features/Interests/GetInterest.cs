using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Interests;

/// <summary>Reads one case interest of a model with its ETag.</summary>
public static class GetInterest
{
    public sealed record Query(Guid GovernanceModelId, string Code) : IRequest<InterestResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, InterestResponse>
    {
        public async Task<InterestResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return await InterestsStore.GetAsync(connection, model, query.Code, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{governanceModelId:guid}/interests/{code}", async (Guid governanceModelId, string code, IMediator mediator, HttpContext http) =>
                {
                    var interest = await mediator.Send(new Query(governanceModelId, code), http.RequestAborted);
                    return ETags.OkWithETag(http, interest, interest.Version);
                })
                .WithName("getCaseInterest")
                .WithSummary("Vis en interesse / Get a case interest")
                .WithDescription("Kræver governance:read. En sagsinteresse i en styringsmodel med ETag (til If-Match ved ændring); også udgåede. 404 når den ikke findes." +
                                 "\n\nNeeds governance:read. A case interest of a governance model with its ETag (for If-Match on change); retired ones too. 404 when it does not exist.")
                .WithTags("Interests")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<InterestResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
