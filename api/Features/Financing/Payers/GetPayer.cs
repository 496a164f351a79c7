using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>Reads one payer with its ETag.</summary>
public static class GetPayer
{
    public sealed record Query(Guid Id) : IRequest<ListPayers.PayerResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, ListPayers.PayerResponse>
    {
        public async Task<ListPayers.PayerResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var payer = await PayersStore.GetAsync(connection, query.Id, null, cancellationToken);
            GovernanceModelsStore.Ensure(user, payer.GovernanceModelId);
            return payer;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/payers/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var payer = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, payer, payer.Version);
                })
                .WithName("getPayer")
                .WithSummary("Vis en betaler / Get a payer")
                .WithDescription("Kræver budgets:read. En betaler med model, medlemmer og ETag. 404 når den ikke findes." +
                                 "\n\nNeeds budgets:read. A payer with its model, members and ETag. 404 when it does not exist.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<ListPayers.PayerResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
