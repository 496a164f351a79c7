using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Routing;

/// <summary>The interests a model's routing rules match on (data per model, not an enum in code).</summary>
public static class ListInterests
{
    public sealed record Query(Guid? GovernanceModelId) : IRequest<IReadOnlyList<InterestResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<InterestResponse>>
    {
        public async Task<IReadOnlyList<InterestResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var model = await GovernanceModelsStore.ResolveAsync(connection, query.GovernanceModelId, user, null, cancellationToken);
            return (await connection.QueryAsync<InterestResponse>(new CommandDefinition(
                "SELECT code, name, name_en, description FROM case_interest WHERE governance_model_id = @Model AND deleted_at IS NULL ORDER BY ordinal",
                new { Model = model }, cancellationToken: cancellationToken))).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/routing/interests", async (Guid? governanceModelId, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId), http.RequestAborted)))
                .WithName("listInterests")
                .WithSummary("Vis interesser / List interests")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). De interesser, en models fordelingsregler matcher på " +
                                 "(data pr. model, ikke en fast liste i koden)." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The interests a model's routing rules match on (data per " +
                                 "model, not an enum in code).")
                .WithTags("Routing")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
