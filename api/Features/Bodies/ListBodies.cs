using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Lists bodies, filtered by model, kind or organisation (host or represented), paged, with tombstones for sync.</summary>
public static class ListBodies
{
    public sealed record Query(Guid? GovernanceModelId, string? Kind, Guid? OrganisationId, string? Q, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor)
        : IRequest<Slice<BodyResponse>>, IListQuery;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Kind).IsEnumName(typeof(BodyKind), caseSensitive: false).When(q => q.Kind is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<BodyResponse>>
    {
        public async Task<Slice<BodyResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder($"SELECT {BodiesStore.Columns} FROM body b WHERE 1 = 1");
            if (!query.IncludeTombstones()) sql.Append(" AND b.deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND b.modified_at > @ModifiedSince");
            if (query.GovernanceModelId is not null) sql.Append(" AND b.governance_model_id = @GovernanceModelId");
            if (query.Kind is not null) sql.Append(" AND b.kind = @Kind");
            if (query.OrganisationId is not null)
            {
                sql.Append(" AND (b.host_organisation_id = @OrganisationId OR EXISTS (SELECT 1 FROM seat s WHERE s.body_id = b.id AND s.deleted_at IS NULL AND s.represents_organisation_id = @OrganisationId))");
            }
            if (!string.IsNullOrWhiteSpace(query.Q)) sql.Append($" AND ({db.Dialect.ContainsText("b.name", "@Like")} OR {db.Dialect.ContainsText("b.name_en", "@Like")} OR {db.Dialect.ContainsText("b.code", "@Like")})");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND b.id > @After");
            sql.Append(" ORDER BY b.id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<BodyResponse>(new CommandDefinition(sql.ToString(), new
            {
                query.ModifiedSince,
                query.GovernanceModelId,
                Kind = query.Kind is null ? null : Enum.Parse<BodyKind>(query.Kind, ignoreCase: true).Text(),
                query.OrganisationId,
                Like = SqlText.ContainsPattern(query.Q ?? ""),
                After = after,
                Take = query.Take() + 1,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<BodyResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listBodies")
                .WithSummary("Vis organer / List bodies")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organer filtreret på styringsmodel, type eller organisation (vært eller repræsenteret), sidevis med slettede som " +
                                 "tombstones til synkronisering." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). Bodies " +
                                 "filtered by governance model, kind or organisation (host or represented), paged, with tombstones for sync.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
