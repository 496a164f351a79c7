using System.Data.Common;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// The election terms as OParl LegislativeTerms: each Body (governance model) lists the terms it follows, its own where it
/// has any, else the national municipal terms.
/// election_term keeps no change stamps: the terms carry no created/modified and a date filter never rules them out.
/// </summary>
public static class OParlLegislativeTerms
{
    public sealed record ListQuery(OParlUrls Urls, Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetQuery(OParlUrls Urls, Guid Model, Guid Id) : IRequest<JsonObject>;

    internal sealed record Row : OParlRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
    }

    /// <summary>The terms model <c>@Model</c> follows.</summary>
    private const string Source = """
        SELECT t.id, t.code, t.name, t.starts_on, t.ends_on, CAST(NULL AS DATETIMEOFFSET) AS created_at,
               CAST(NULL AS DATETIMEOFFSET) AS modified_at, CAST(NULL AS DATETIMEOFFSET) AS deleted_at
        FROM election_term t
        WHERE (t.governance_model_id = @Model
               OR (t.governance_model_id IS NULL AND NOT EXISTS (SELECT 1 FROM election_term o WHERE o.governance_model_id = @Model)))
        """;

    internal static async Task<IReadOnlyList<Row>> LoadAllAsync(DbConnection connection, Guid model, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<Row>(new CommandDefinition($"SELECT * FROM ({Source}) x ORDER BY x.starts_on, x.id", new { Model = model },
            cancellationToken: cancellationToken))).ToList();

    internal static JsonObject ToOParl(OParlUrls urls, Guid model, Row row, bool embedded) =>
        new OParlObject(urls.LegislativeTerm(model, row.Id), OParlTypes.LegislativeTerm)
            // Embedded in its body, the back reference is left out (OParl's rule for internal output).
            .Set("body", embedded ? null : urls.Body(model))
            .Set("name", row.Name)
            .Set("startDate", row.StartsOn)
            .Set("endDate", OParlFormat.LastDay(row.EndsOn))
            .Set("klima:code", row.Code)
            .Json;

    internal sealed class ListHandler(IDbConnectionFactory db) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var (rows, total) = await OParlList.PageAsync<Row>(connection, db.Dialect, Source, new { query.Model }, query.List, cancellationToken);
            return new OParlSlice(rows.Select(r => ToOParl(query.Urls, query.Model, r, embedded: false)).ToList(), total);
        }
    }

    internal sealed class GetHandler(IDbConnectionFactory db) : IRequestHandler<GetQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                          $"SELECT * FROM ({Source}) x WHERE x.id = @Id", new { query.Id, query.Model }, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("LegislativeTerm", query.Id);
            return ToOParl(query.Urls, query.Model, row, embedded: false);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapBodyList("legislative-terms", "oparlListLegislativeTerms", (urls, model, list) => new ListQuery(urls, model, list));
            app.MapBodyObject("legislative-term", "oparlGetLegislativeTerm", (urls, model, id) => new GetQuery(urls, model, id));
        }
    }
}
