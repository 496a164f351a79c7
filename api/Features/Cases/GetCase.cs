using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

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
            return await CasesStore.LoadAsync(connection, query.Id, user, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), null, cancellationToken);
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
                .WithTags("Cases")
                .RequirePermission(Permissions.CasesRead)
                .CacheReadModel()
                .Produces<CaseResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
