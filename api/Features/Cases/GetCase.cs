using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Cases;

/// <summary>Reads one case with its route, explanation and derived status (where it is, what is next, what is overdue).</summary>
public static class GetCase
{
    public sealed record Query(Guid Id) : IRequest<CaseResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await CasesStore.LoadAsync(connection, query.Id, user, clock.Today(), null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/cases/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var found = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, found, found.Version);
                })
                .WithName("getCase")
                .WithSummary("Hent en sag / Get a case")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Sagen med forløb, forklaring og afledt status: hvor " +
                                 "den er nu, hvad der er næste skridt, hvad der er overskredet. En organisationsbundet kalder ser kun sine egne sager (404 for andre)." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The case with its route, explanation and derived status: " +
                                 "where it is now, what is next, what is overdue. A caller bound to an organisation sees only its own cases (404 for others).")
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesRead)
                .CacheReadModel()
                .Produces<CaseResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
