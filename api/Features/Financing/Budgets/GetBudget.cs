using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>Reads a budget with its versions (status, effective date, approving decision, total).</summary>
public static class GetBudget
{
    public sealed record Query(Guid Id) : IRequest<BudgetResponse>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, BudgetResponse>
    {
        public async Task<BudgetResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await BudgetsStore.LoadBudgetAsync(connection, query.Id, null, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/budgets/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var budget = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, budget, budget.Version);
                })
                .WithName("getBudget")
                .WithSummary("Hent et budget / Get a budget")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Budgettet med dets versioner: status, " +
                                 "ikrafttrædelse, godkendende afgørelse og total." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). The budget with its versions: status, effective date, " +
                                 "approving decision and total.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .Produces<BudgetResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
