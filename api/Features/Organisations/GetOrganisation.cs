using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Organisations;

/// <summary>Reads one organisation with its ETag.</summary>
public static class GetOrganisation
{
    public sealed record Query(Guid Id) : IRequest<OrganisationResponse>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, OrganisationResponse>
    {
        public async Task<OrganisationResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await OrganisationsStore.FindAsync(connection, query.Id, cancellationToken)
                   ?? throw new NotFoundException("Organisation", query.Id);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/organisations/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var organisation = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, organisation, organisation.Version);
                })
                .WithName("getOrganisation")
                .WithSummary("Hent en organisation / Get an organisation")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "organisation med officielle koder og ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "organisation with its official codes and ETag.")
                .WithTags("Organisations")
                .RequirePermission(Permissions.GovernanceRead)
                .CacheReadModel()
                .Produces<OrganisationResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
