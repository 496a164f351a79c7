using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>
/// Returns a model's whole graph in one database round trip: every live body as a node (kind, names, whether it
/// decides, seats filled of total on a date) and every relation as a typed edge, so the web app can draw Figures 1 and 2.
/// </summary>
public static class GetGovernanceModelGraph
{
    public sealed record Query(Guid Id, DateOnly? AsOf) : IRequest<GraphResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, GraphResponse>
    {
        public async Task<GraphResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var asOf = query.AsOf ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            GovernanceModelsStore.Ensure(user, query.Id);
            await using var connection = await db.OpenAsync(cancellationToken);
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition("""
                SELECT id, code, name FROM governance_model WHERE id = @Id AND deleted_at IS NULL;
                SELECT b.id, b.code, b.kind, b.name, b.name_en, b.can_decide, b.host_organisation_id, b.dissolved_on,
                       (SELECT COUNT(*) FROM seat s WHERE s.body_id = b.id AND s.deleted_at IS NULL) AS seats_total,
                       (SELECT COUNT(*) FROM seat s WHERE s.body_id = b.id AND s.deleted_at IS NULL AND EXISTS (
                            SELECT 1 FROM membership m WHERE m.seat_id = s.id AND m.deleted_at IS NULL
                            AND m.valid_from <= @AsOf AND (m.valid_to IS NULL OR m.valid_to > @AsOf))) AS seats_filled
                FROM body b WHERE b.governance_model_id = @Id AND b.deleted_at IS NULL ORDER BY b.code;
                SELECT r.id, r.from_body_id, r.to_body_id, r.kind, r.note FROM body_relation r
                JOIN body fb ON fb.id = r.from_body_id AND fb.deleted_at IS NULL
                JOIN body tb ON tb.id = r.to_body_id AND tb.deleted_at IS NULL
                WHERE r.governance_model_id = @Id AND r.deleted_at IS NULL ORDER BY r.id;
                """, new { query.Id, AsOf = asOf }, cancellationToken: cancellationToken));
            var model = await grid.ReadSingleOrDefaultAsync<GraphModel>() ?? throw new NotFoundException("Governance model", query.Id);
            var nodes = (await grid.ReadAsync<GraphNode>()).ToList();
            var edges = (await grid.ReadAsync<GraphEdge>()).ToList();
            return new GraphResponse { Model = model, AsOf = asOf, Nodes = nodes, Edges = edges };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/governance-models/{id:guid}/graph", async (Guid id, DateOnly? asOf, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                {
                    var graph = await mediator.Send(new Query(id, asOf), http.RequestAborted);
                    // The graph has no version of its own: its ETag is a hash of its content.
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(graph, json.Value.SerializerOptions);
                    var tag = $"\"g{Convert.ToHexString(SHA256.HashData(bytes))[..32].ToLowerInvariant()}\"";
                    http.Response.Headers.ETag = tag;
                    var ifNoneMatch = http.Request.Headers.IfNoneMatch.ToString();
                    if (ifNoneMatch.Split(',').Any(t => string.Equals(t.Trim().Replace("W/", "", StringComparison.Ordinal), tag, StringComparison.Ordinal)))
                    {
                        return Results.StatusCode(StatusCodes.Status304NotModified);
                    }
                    // The bytes hashed for the ETag are the response: serialising the graph a second time cost as much again.
                    return Results.Bytes(bytes, "application/json");
                })
                .WithName("getGovernanceModelGraph")
                .WithSummary("Hent en styringsmodels graf / Get a governance model's graph")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Hele " +
                                 "modellen på én gang: hvert organ som knude (type, navne, om det træffer afgørelse, besatte pladser af i alt på en dato) " +
                                 "og hver relation som typet kant, så web-appen kan tegne modellen." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The whole " +
                                 "model at once: every body as a node (kind, names, whether it decides, seats filled of total on a date) and every " +
                                 "relation as a typed edge, so the web app can draw the model.")
                .WithTags("GovernanceModels")
                .RequirePermission(Permissions.GovernanceRead)
                .CacheReadModel()
                .Produces<GraphResponse>()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
