using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.People;

/// <summary>Lists people, filtered by organisation or name, paged, with tombstones for incremental sync.</summary>
public static class ListPeople
{
    public sealed record Query : IRequest<Slice<PersonResponse>>, IListQuery
    {
        public Guid? OrganisationId { get; init; }
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
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, Slice<PersonResponse>>
    {
        public async Task<Slice<PersonResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            var list = new ListSql(PeopleStore.Select, query, alias: "p")
                .Where(query.OrganisationId is not null, "p.organisation_id = @OrganisationId")
                .Where(!string.IsNullOrWhiteSpace(query.Q), $"({db.Dialect.ContainsText("p.name", "@Like")} OR {db.Dialect.ContainsText("p.title", "@Like")})");

            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<PersonResponse>(new CommandDefinition(list.ToSql(db.Dialect), new
            {
                query.ModifiedSince, query.OrganisationId, Like = SqlText.ContainsPattern(query.Q ?? ""), list.After, list.Take,
            }, cancellationToken: cancellationToken))).ToList();
            var slice = Slice<PersonResponse>.FromRows(rows, query.Take(), r => r.Id.ToString());
            return slice with { Items = await slice.Items.GuardReadAsync(user, db, clock, cancellationToken) };
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/people", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listPeople")
                .WithSummary("Vis personer / List people")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Personer filtreret på organisation eller navn, sidevis med tombstones." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). People " +
                                 "filtered by organisation or name, paged, with tombstones.")
                .WithTags("People")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
