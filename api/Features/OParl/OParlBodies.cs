using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>The OParl entry point (System) and the bodies: each governance model is one OParl Body.</summary>
public static class OParlBodies
{
    public sealed record SystemQuery(OParlUrls Urls) : IRequest<JsonObject>;

    public sealed record ListQuery(OParlUrls Urls, OParlListParameters List) : IRequest<OParlSlice>;

    public sealed record GetQuery(OParlUrls Urls, Guid Id) : IRequest<JsonObject>;

    internal sealed record Row : OParlRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Description { get; init; }
        public DateOnly? ValidFrom { get; init; }
        public DateOnly? ValidTo { get; init; }
    }

    private const string Source = """
        SELECT id, code, name, description, valid_from, valid_to, created_at, modified_at, deleted_at FROM governance_model
        """;

    internal sealed class SystemHandler(IConfiguration configuration) : IRequestHandler<SystemQuery, JsonObject>
    {
        public Task<JsonObject> Handle(SystemQuery query, CancellationToken cancellationToken)
        {
            var system = new OParlObject(query.Urls.System, OParlTypes.System)
                .Set("oparlVersion", OParlTypes.Version)
                .Set("body", query.Urls.Bodies)
                // The licence the data is published under (OParl:License, a URL), given for the whole system.
                .Set("license", configuration["OParl:License"])
                .Set("name", "Klima – styring og finansiering af tværkommunale klimapartnerskaber");
            return Task.FromResult(system.Json);
        }
    }

    internal sealed class ListHandler(IDbConnectionFactory db, IConfiguration configuration, ICurrentUser user) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // An API key or account limited to some partnerships reads a System of those Bodies only (anonymous callers see all).
            var parameters = new DynamicParameters();
            var source = user.ModelScope is { } scope ? $"{Source} WHERE id IN {SqlIn.Guids(parameters, "ScopeModel", scope.Order())}" : Source;
            var (rows, total) = await OParlList.PageAsync<Row>(connection, db.Dialect, source, parameters, query.List, cancellationToken);
            var bodies = new List<JsonObject>();
            foreach (var row in rows)
            {
                bodies.Add(ToOParl(query.Urls, row, await OParlLegislativeTerms.LoadAllAsync(connection, row.Id, cancellationToken), configuration["OParl:License"]));
            }
            return new OParlSlice(bodies, total);
        }
    }

    internal sealed class GetHandler(IDbConnectionFactory db, IConfiguration configuration) : IRequestHandler<GetQuery, JsonObject>
    {
        public async Task<JsonObject> Handle(GetQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                          $"SELECT * FROM ({Source}) x WHERE x.id = @Id", new { query.Id }, cancellationToken: cancellationToken))
                      ?? throw new NotFoundException("Body", query.Id);
            var terms = await OParlLegislativeTerms.LoadAllAsync(connection, row.Id, cancellationToken);
            return ToOParl(query.Urls, row, terms, configuration["OParl:License"]);
        }
    }

    private static JsonObject ToOParl(OParlUrls urls, Row row, IReadOnlyList<OParlLegislativeTerms.Row> terms, string? license)
    {
        var id = urls.Body(row.Id);
        if (row.DeletedAt is not null)
        {
            return OParlObject.Tombstone(id, OParlTypes.Body, row);
        }
        return new OParlObject(id, OParlTypes.Body)
            .Set("system", urls.System)
            .Set("name", row.Name)
            .Set("classification", "Tværkommunalt klimapartnerskab")
            .Set("license", license)
            .Set("web", urls.WebPage($"/map/{row.Id:D}"))
            .Set("organization", urls.List(row.Id, "organizations"))
            .Set("person", urls.List(row.Id, "people"))
            .Set("meeting", urls.List(row.Id, "meetings"))
            .Set("paper", urls.List(row.Id, "papers"))
            .Set("legislativeTerm", terms.Select(t => OParlLegislativeTerms.ToOParl(urls, row.Id, t, embedded: true)))
            .Set("legislativeTermList", urls.List(row.Id, "legislative-terms"))
            .Set("membership", urls.List(row.Id, "memberships"))
            .Set("agendaItem", urls.List(row.Id, "agenda-items"))
            .Set("consultation", urls.List(row.Id, "consultations"))
            .Set("file", urls.List(row.Id, "files"))
            .Set("locationList", urls.List(row.Id, "locations"))
            .Set("klima:budgetVersion", urls.List(row.Id, "klima-budget-versions"))
            .Set("klima:grant", urls.List(row.Id, "klima-grants"))
            .Set("klima:code", row.Code)
            .Set("klima:description", row.Description)
            .Set("klima:startDate", row.ValidFrom)
            .Set("klima:endDate", OParlFormat.LastDay(row.ValidTo))
            .Stamps(row.CreatedAt, row.ModifiedAt)
            .Json;
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapGet(OParlUrls.Prefix + "/system", async (IMediator mediator, HttpContext http) =>
                    OParlEndpoints.Json(await mediator.Send(new SystemQuery(OParlUrls.From(http.Request)), http.RequestAborted)))
                .OParl("oparlSystem");
            app.MapGet(OParlUrls.Prefix + "/bodies", async (IMediator mediator, HttpContext http) =>
                {
                    var list = OParlListParameters.From(http.Request);
                    var slice = await mediator.Send(new ListQuery(OParlUrls.From(http.Request), list), http.RequestAborted);
                    return OParlEndpoints.Json(OParlList.Document(http.Request, list, slice), http.Request);
                })
                .OParl("oparlListBodies");
            app.MapGet(OParlUrls.Prefix + "/body/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                    OParlEndpoints.Json(await mediator.Send(new GetQuery(OParlUrls.From(http.Request), id), http.RequestAborted), http.Request))
                .OParl("oparlGetBody");
        }
    }
}
