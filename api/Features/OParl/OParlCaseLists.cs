using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using MediatR;

namespace Klima.Api.Features.OParl;

/// <summary>
/// The body's case lists (meetings, papers, agenda items, consultations, files). Klima's case register is not in this
/// build yet, so they are valid, empty lists: Body requires the meeting and paper lists to exist.
/// </summary>
public static class OParlCaseLists
{
    public sealed record ListQuery(Guid Model, OParlListParameters List) : IRequest<OParlSlice>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<ListQuery, OParlSlice>
    {
        public async Task<OParlSlice> Handle(ListQuery query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            await OParlEndpoints.EnsureBodyAsync(connection, query.Model, cancellationToken);
            return new OParlSlice([], 0);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            app.MapBodyList("meetings", "oparlListMeetings", (_, model, list) => new ListQuery(model, list));
            app.MapBodyList("papers", "oparlListPapers", (_, model, list) => new ListQuery(model, list));
            app.MapBodyList("agenda-items", "oparlListAgendaItems", (_, model, list) => new ListQuery(model, list));
            app.MapBodyList("consultations", "oparlListConsultations", (_, model, list) => new ListQuery(model, list));
            app.MapBodyList("files", "oparlListFiles", (_, model, list) => new ListQuery(model, list));
        }
    }
}
