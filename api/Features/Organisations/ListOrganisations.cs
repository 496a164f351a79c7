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
    public sealed record Query : IRequest<Slice<OrganisationResponse>>, IListQuery
    {
        public string? Kind { get; init; }
        public string? Q { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

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
            var list = OrganisationsStore.List(query)
                .Where(query.Kind is not null, "kind = @Kind")
                .Where(!string.IsNullOrWhiteSpace(query.Q), $"({db.Dialect.ContainsText("name", "@Like")} OR {db.Dialect.ContainsText("short_name", "@Like")})");

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<OrganisationResponse>(new CommandDefinition(list.ToSql(db.Dialect), new
            {
                query.ModifiedSince,
                Kind = query.Kind is null ? null : Enum.Parse<OrganisationKind>(query.Kind, ignoreCase: true).Text(),
                Like = SqlText.ContainsPattern(query.Q ?? ""),
                list.After,
                list.Take,
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
