using System.Security.Cryptography;
using System.Text.Json;
using Dapper;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Klima.Api.Domain;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>
/// Returns a model's whole graph as of a date in two database round trips (the graph, then the routing rules): every body that exists on that date as a node
/// (kind, names, host organisation, whether it decides, seats filled of total) and every relation as a typed edge, plus
/// the edges the data implies: who fills seats in which body (a member council for the seats its organisation appoints
/// to political bodies) and which bodies a routing rule sends cases on to (the member councils), so the web app can draw
/// Figures 1 and 2 with the councils connected.
/// </summary>
public static class GetGovernanceModelGraph
{
    public sealed record Query(Guid Id, DateOnly? AsOf) : IRequest<GraphResponse>;

    // Seats are counted with one grouped join (issue 19 item 4), not two correlated subqueries per body: a seat is filled
    // when some membership covers the date, and COUNT(DISTINCT) counts it once however many memberships it has had.
    // A body is drawn from its establishment (inclusive) until its dissolution (exclusive), as periods are half-open.
    // Administrative bodies and secretariats are filled by an organisation's administration, not by its council, so
    // only seats in the other bodies make a council "appoint members to" them.
    private const string Sql = """
        SELECT id, code, name FROM governance_model WHERE id = @Id AND deleted_at IS NULL;
        SELECT b.id, b.code, b.kind, b.name, b.name_en, b.can_decide, b.host_organisation_id, o.name AS host_organisation_name,
               b.established_on, b.dissolved_on,
               COUNT(DISTINCT s.id) AS seats_total, COUNT(DISTINCT m.seat_id) AS seats_filled
        FROM body b
        LEFT JOIN organisation o ON o.id = b.host_organisation_id
        LEFT JOIN seat s ON s.body_id = b.id AND s.deleted_at IS NULL
        LEFT JOIN membership m ON m.seat_id = s.id AND m.deleted_at IS NULL
            AND m.valid_from <= @AsOf AND (m.valid_to IS NULL OR m.valid_to > @AsOf)
        WHERE b.governance_model_id = @Id AND b.deleted_at IS NULL
          AND (b.established_on IS NULL OR b.established_on <= @AsOf)
          AND (b.dissolved_on IS NULL OR b.dissolved_on > @AsOf)
        GROUP BY b.id, b.code, b.kind, b.name, b.name_en, b.can_decide, b.host_organisation_id, o.name, b.established_on, b.dissolved_on
        ORDER BY b.code;
        SELECT r.id, r.from_body_id, r.to_body_id, r.kind, r.note FROM body_relation r
        WHERE r.governance_model_id = @Id AND r.deleted_at IS NULL ORDER BY r.id;
        SELECT DISTINCT s.appointed_by_body_id AS from_body_id, s.body_id AS to_body_id
        FROM seat s JOIN body b ON b.id = s.body_id
        WHERE b.governance_model_id = @Id AND b.deleted_at IS NULL AND s.deleted_at IS NULL AND s.appointed_by_body_id IS NOT NULL
        UNION
        SELECT DISTINCT c.id AS from_body_id, s.body_id AS to_body_id
        FROM seat s
        JOIN body b ON b.id = s.body_id
        JOIN body c ON c.host_organisation_id = s.appointed_by_organisation_id AND c.governance_model_id = b.governance_model_id
            AND c.kind = 'council' AND c.deleted_at IS NULL
        WHERE b.governance_model_id = @Id AND b.deleted_at IS NULL AND s.deleted_at IS NULL
          AND b.kind NOT IN ('administrativeSteeringGroup', 'projectSteeringGroup', 'secretariat', 'workingGroup');
        """;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Query, GraphResponse>
    {
        public async Task<GraphResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            var asOf = query.AsOf ?? clock.Today();
            GovernanceModelsStore.Ensure(user, query.Id);
            await using var connection = await db.OpenAsync(cancellationToken);
            using var grid = await connection.QueryMultipleAsync(new CommandDefinition(Sql, new { query.Id, AsOf = asOf }, cancellationToken: cancellationToken));
            var model = await grid.ReadSingleOrDefaultAsync<GraphModel>() ?? throw new NotFoundException("Governance model", query.Id);
            var nodes = (await grid.ReadAsync<GraphNode>()).ToList();
            var relations = (await grid.ReadAsync<GraphEdge>()).ToList();
            var appointments = (await grid.ReadAsync<Pair>()).ToList();
            // The routing rules are the Routing area's: read through its store, expanded by the routing engine as a case's route is.
            var routing = await RoutingStore.LoadAsync(connection, query.Id, null, cancellationToken);
            return new GraphResponse { Model = model, AsOf = asOf, Nodes = nodes, Edges = Edges(nodes, relations, appointments, routing) };
        }
    }

    /// <summary>
    /// The stored relations between bodies drawn on the date, then the derived ones that no stored relation of the same
    /// kind already says: appointments from seats, and "refers cases to" from the bodies of the stage before a fan-out
    /// stage to the member councils it fans out to (each rule expanded by the routing engine, as for a case).
    /// </summary>
    internal static IReadOnlyList<GraphEdge> Edges(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> relations, IReadOnlyList<Pair> appointments,
        RoutingStore.ModelData routing)
    {
        var drawn = nodes.Select(n => n.Id).ToHashSet();
        var edges = relations.Where(r => drawn.Contains(r.FromBodyId) && drawn.Contains(r.ToBodyId)).ToList();
        var said = edges.Select(e => (e.FromBodyId, e.ToBodyId, e.Kind)).ToHashSet();

        void Derive(Guid from, Guid to, RelationKind kind, GraphEdgeBasis basis)
        {
            if (from == to || !drawn.Contains(from) || !drawn.Contains(to) || !said.Add((from, to, kind)))
            {
                return;
            }
            edges.Add(new GraphEdge { Id = DerivedId(from, to, kind), FromBodyId = from, ToBodyId = to, Kind = kind, Basis = basis });
        }

        foreach (var a in appointments.OrderBy(a => a.FromBodyId).ThenBy(a => a.ToBodyId))
        {
            Derive(a.FromBodyId, a.ToBodyId, RelationKind.AppointsMembersTo, GraphEdgeBasis.Seats);
        }
        foreach (var rule in routing.Rules.Where(r => r.Steps.Any(s => s.FanOut is not null)).OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            IReadOnlyList<PlannedStage> stages;
            try
            {
                // The date only sets the stages' deadlines, which the graph does not show: a fixed one, so that a far "as of"
                // date (9999-12-31) cannot overflow them.
                stages = RoutingEngine.Expand(rule, DeadlineBase, routing.Bodies, routing.Parties);
            }
            catch (InvalidOperationException)
            {
                continue; // A rule that cannot be expanded (a member without a council) routes no case either.
            }
            for (var i = 1; i < stages.Count; i++)
            {
                // A fanned-out step names the member organisation whose council it is.
                foreach (var council in stages[i].Steps.Where(s => s.OrganisationId is not null).Select(s => s.BodyId).Distinct().Order())
                {
                    foreach (var from in stages[i - 1].Steps.Select(s => s.BodyId).Distinct().Order())
                    {
                        Derive(from, council, RelationKind.RefersCasesTo, GraphEdgeBasis.Routing);
                    }
                }
            }
        }
        return edges;
    }

    private static readonly DateOnly DeadlineBase = new(2000, 1, 1);

    /// <summary>A derived edge has no row of its own: its id is a hash of its ends and kind, the same on every read.</summary>
    private static Guid DerivedId(Guid from, Guid to, RelationKind kind)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{from:N}:{to:N}:{kind}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    internal sealed record Pair
    {
        public required Guid FromBodyId { get; init; }
        public required Guid ToBodyId { get; init; }
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
