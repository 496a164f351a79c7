using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Reads one relation of a body (in or out) with its ETag.</summary>
public static class GetBodyRelation
{
    public sealed record Query(Guid BodyId, Guid RelationId) : IRequest<RelationResponse>;

    internal sealed class Handler(IDbConnectionFactory db, Klima.Api.Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Query, RelationResponse>
    {
        public async Task<RelationResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Another partnership's object is refused as a limited caller's lists leave it out.
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<RelationResponse>(new CommandDefinition(
                       $"{BodiesStore.RelationSelect} WHERE r.id = @RelationId AND (r.from_body_id = @BodyId OR r.to_body_id = @BodyId) AND r.deleted_at IS NULL",
                       query, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Relation", query.RelationId);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/relations/{relationId:guid}", async (Guid id, Guid relationId, IMediator mediator, HttpContext http) =>
                {
                    var relation = await mediator.Send(new Query(id, relationId), http.RequestAborted);
                    return ETags.OkWithETag(http, relation, relation.Version);
                })
                .WithName("getBodyRelation")
                .WithSummary("Hent en relation mellem organer / Get a relation between bodies")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "relation (ind eller ud) med ETag. 404 når den ikke findes." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "relation (in or out) with its ETag. 404 when it does not exist.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<RelationResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
