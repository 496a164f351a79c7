using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>Reads one grant with its history and ETag.</summary>
public static class GetGrant
{
    public sealed record Query(Guid Id) : IRequest<GrantResponse>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, GrantResponse>
    {
        public async Task<GrantResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await GrantsStore.LoadAsync(connection, query.Id, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/grants/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var grant = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, grant, grant.Version);
                })
                .WithName("getGrant")
                .WithSummary("Hent en bevilling / Get a grant")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Én bevilling med dens historik (afsat, frigivet, brugt, lukket) og ETag." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). One grant with its history (reserved, released, spent, closed) and ETag.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<GrantResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
