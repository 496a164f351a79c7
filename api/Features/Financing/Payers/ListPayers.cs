using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Payers;

/// <summary>
/// Lists payers: single organisations and groups paying jointly, with the group's members (the parties a split goes to).
/// <c>governanceModelId</c> lists one partnership's payers; without it every model the caller may see, each payer naming its model.
/// </summary>
public static class ListPayers
{
    public sealed record Query(Guid? GovernanceModelId = null) : IRequest<IReadOnlyList<PayerResponse>>;

    public sealed record PayerResponse
    {
        public required Guid Id { get; init; }
        /// <summary>The governance model (partnership) whose programmes the payer pays into.</summary>
        public required Guid GovernanceModelId { get; init; }
        public required string Code { get; init; }
        public required string Name { get; init; }
        /// <summary>Set for a single organisation; null for a group.</summary>
        public Guid? OrganisationId { get; init; }
        public string? Note { get; init; }
        /// <summary>The organisations of a group payer, in a stable order; empty for a single organisation.</summary>
        public required IReadOnlyList<Guid> MemberOrganisationIds { get; init; }
        public required int Version { get; init; }
        public required DateTimeOffset ModifiedAt { get; init; }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<PayerResponse>>
    {
        public async Task<IReadOnlyList<PayerResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            Guid? model = query.GovernanceModelId is null ? null : await GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return await PayersStore.ListAsync(connection, model, user.ModelScope, cancellationToken);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/payers", async (Guid? governanceModelId, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, await mediator.Send(new Query(governanceModelId), http.RequestAborted), json.Value.SerializerOptions))
                .WithName("listPayers")
                .WithSummary("Vis betalere / List payers")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Betalere: enkelte organisationer og grupper, der " +
                                 "betaler i fællesskab, med gruppens medlemmer (de parter en fordeling går til). ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Payers: single organisations and groups paying jointly, " +
                                 "with the group's members (the parties a split goes to). ETag and 304.")
                .Produces<IReadOnlyList<PayerResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
