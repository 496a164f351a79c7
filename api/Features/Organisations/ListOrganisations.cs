using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Organisations;

/// <summary>Lists organisations, filtered by kind or name, paged, with tombstones for incremental sync.</summary>
public static class ListOrganisations
{
    public sealed record Query(string? Kind, string? Q, DateTimeOffset? ModifiedSince, int? Limit, string? Cursor)
        : IRequest<Slice<OrganisationResponse>>, IListQuery;

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Q).MaximumLength(200);
            RuleFor(q => q.Kind).IsEnumName(typeof(OrganisationKind), caseSensitive: false).When(q => q.Kind is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<OrganisationResponse>>
    {
        public async Task<Slice<OrganisationResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var sql = new StringBuilder($"SELECT {OrganisationsStore.Columns} FROM organisation WHERE 1 = 1");
            if (!query.IncludeTombstones()) sql.Append(" AND deleted_at IS NULL");
            if (query.ModifiedSince is not null) sql.Append(" AND modified_at > @ModifiedSince");
            if (query.Kind is not null) sql.Append(" AND kind = @Kind");
            if (!string.IsNullOrWhiteSpace(query.Q)) sql.Append($" AND ({db.Dialect.ContainsText("name", "@Like")} OR {db.Dialect.ContainsText("short_name", "@Like")})");
            var after = Cursor.DecodeGuid(query.Cursor);
            if (after is not null) sql.Append(" AND id > @After");
            sql.Append(" ORDER BY id").Append(db.Dialect.Limit("@Take"));

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<OrganisationResponse>(new CommandDefinition(sql.ToString(), new
            {
                query.ModifiedSince,
                Kind = query.Kind is null ? null : Enum.Parse<OrganisationKind>(query.Kind, ignoreCase: true).Text(),
                Like = SqlText.ContainsPattern(query.Q ?? ""),
                After = after,
                Take = query.Take() + 1,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<OrganisationResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/organisations", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listOrganisations")
                .WithSummary("Vis organisationer / List organisations")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Organisationer filtreret på type eller navn, sidevis med tombstones til synkronisering." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). " +
                                 "Organisations filtered by kind or name, paged, with tombstones for incremental sync.")
                .WithTags("Organisations")
                .RequirePermission(Permissions.GovernanceRead);
    }
}
