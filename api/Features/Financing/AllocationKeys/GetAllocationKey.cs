using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Features.GovernanceModels;
using MediatR;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>Reads one allocation key with its shares; the ETag is its revision.</summary>
public static class GetAllocationKey
{
    public sealed record Query(Guid Id) : IRequest<AllocationKeyResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, AllocationKeyResponse>
    {
        public async Task<AllocationKeyResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var key = await AllocationKeysStore.LoadAsync(connection, query.Id, null, cancellationToken) ?? throw new NotFoundException("Allocation key", query.Id);
            GovernanceModelsStore.Ensure(user, key.GovernanceModelId);
            return key;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/allocation-keys/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var key = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, key, key.Version);
                })
                .WithName("getAllocationKey")
                .WithSummary("Hent en fordelingsnøgle / Get an allocation key")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Én nøgle med dens andele; ETag er dens revision." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). One key with its shares; the ETag is its revision.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<AllocationKeyResponse>()
                .Produces(StatusCodes.Status304NotModified)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
