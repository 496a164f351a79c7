using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>Reads one governance model with its ETag.</summary>
public static class GetGovernanceModel
{
    public sealed record Query(Guid Id) : IRequest<GovernanceModelResponse>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, GovernanceModelResponse>
    {
        public async Task<GovernanceModelResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<GovernanceModelResponse>(new CommandDefinition(
                       $"SELECT {GovernanceModelsStore.Columns} FROM governance_model WHERE id = @Id AND deleted_at IS NULL", query, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Governance model", query.Id);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var model = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, model, model.Version);
                })
                .WithName("getGovernanceModel")
                .WithSummary("Hent en styringsmodel / Get a governance model")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én styringsmodel med ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "governance model with its ETag.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<GovernanceModelResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
