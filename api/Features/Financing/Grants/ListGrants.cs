using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Programmes;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>Lists grants, optionally of one programme (and its phases) or in one state, paged in a stable order.</summary>
public static class ListGrants
{
    public sealed record Query : IRequest<Slice<GrantResponse>>, IListQuery
    {
        public Guid? ProgrammeId { get; init; }
        public string? State { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.State).IsEnumName(typeof(GrantState), caseSensitive: false).When(q => q.State is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<GrantResponse>>
    {
        public async Task<Slice<GrantResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var sql = new StringBuilder(GrantsStore.Select);
            var parameters = new DynamicParameters();
            if (query.ProgrammeId is { } programmeId)
            {
                var all = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(ProgrammesStore.All, cancellationToken: cancellationToken));
                sql.Append(" AND g.programme_id IN ").Append(SqlIn.Guids(parameters, "Programme", ProgrammesStore.WithDescendants(all, programmeId)));
            }
            if (query.State is not null) sql.Append(" AND g.state = @State");
            if (query.ModifiedSince is not null) sql.Append(" AND g.modified_at > @ModifiedSince");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND g.id > @After");
            sql.Append(" ORDER BY g.id").Append(db.Dialect.Limit("@Take"));
            parameters.AddDynamicParams(new
            {
                State = query.State is null ? null : Enum.Parse<GrantState>(query.State, ignoreCase: true).Text(),
                query.ModifiedSince,
                After = after,
                Take = query.Take() + 1,
            });
            var rows = (await connection.QueryAsync<GrantRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var ids = rows.Select(r => r.Id).ToList();
            var eventParameters = new DynamicParameters();
            var events = (await connection.QueryAsync<GrantEventRow>(new CommandDefinition(
                "SELECT grant_id, from_state, to_state, occurred_on, decision_ref, note, recorded_at, recorded_by FROM funding_grant_event WHERE grant_id IN "
                + SqlIn.Guids(eventParameters, "Grant", ids) + " ORDER BY recorded_at, id", eventParameters, cancellationToken: cancellationToken))).ToList();
            var items = rows.Select(r => GrantsStore.ToResponse(r, events.Where(e => e.GrantId == r.Id))).ToList();
            return Slice<GrantResponse>.FromRows(items, query.Take(), g => g.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/financing/grants", async ([AsParameters] Query query, IMediator mediator, HttpContext http, IOptions<JsonOptions> json) =>
                    ContentResponses.Json(http, (await mediator.Send(query, http.RequestAborted)).ToPage(http.Request), json.Value.SerializerOptions))
                .WithName("listGrants")
                .WithSummary("Vis bevillinger / List grants")
                .WithDescription("Kræver budgets:read (alle roller; eller en API-nøgle med det scope). Bevillinger, eventuelt for ét program (og dets " +
                                 "faser) eller i én tilstand, sidevis i fast rækkefølge; ETag og 304." +
                                 "\n\nNeeds budgets:read (every role; or an API key with that scope). Grants, optionally of one programme (and its phases) or " +
                                 "in one state, paged in a stable order; ETag and 304.")
                .Produces<Page<GrantResponse>>()
                .Produces(StatusCodes.Status304NotModified)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsRead)
                .ProducesValidationProblem();
    }
}
