using System.Globalization;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.CaseFeed;

/// <summary>
/// The change feed: every case and step event in commit order, after a cursor. A client stores the returned
/// <c>cursor</c> and passes it back to resume where it stopped; an empty page keeps the same cursor.
/// </summary>
public static class GetCaseFeed
{
    public sealed record Query(string? After, int? Limit) : IRequest<FeedPage>;

    public sealed record FeedPage(IReadOnlyList<CaseEventResponse> Items, string Cursor, bool HasMore);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).When(q => q.Limit is not null);
            RuleFor(q => q.After).MaximumLength(100);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, FeedPage>
    {
        public async Task<FeedPage> Handle(Query query, CancellationToken cancellationToken)
        {
            var after = Decode(query.After);
            var take = query.Limit ?? Paging.DefaultLimit;
            var sql = new StringBuilder($"SELECT {CaseFeedStore.EventColumns} FROM case_event WHERE seq > @After");
            if (user.OrganisationScope is not null)
            {
                sql.Append(" AND owner_organisation_id = @Scope");
            }
            var parameters = new DynamicParameters(new { After = after, Scope = user.OrganisationScope, Take = take + 1 });
            if (GovernanceModelsStore.ListCondition(user, null, "f.governance_model_id", parameters) is { } model)
            {
                // A caller limited to some partnerships follows their cases' events only.
                sql.Append(" AND case_id IN (SELECT f.id FROM case_file f WHERE ").Append(model).Append(')');
            }
            sql.Append(" ORDER BY seq").Append(db.Dialect.Limit("@Take"));
            await using var connection = await db.OpenAsync(cancellationToken);
            var rows = (await connection.QueryAsync<CaseEventRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: cancellationToken))).ToList();
            var items = rows.Take(take).Select(r => r.ToResponse()).ToList();
            var last = items.Count > 0 ? items[^1].Sequence : after;
            return new FeedPage(items, Encode(last), rows.Count > take);
        }
    }

    public static string Encode(long sequence) => Cursor.Encode("feed:" + sequence.ToString(CultureInfo.InvariantCulture));

    private static long Decode(string? cursor)
    {
        var key = Cursor.Decode(cursor);
        if (key is null)
        {
            return 0;
        }
        return key.StartsWith("feed:", StringComparison.Ordinal) && long.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ValidationException([new FluentValidation.Results.ValidationFailure("after", Messages.Get("Paging.UnknownCursor"))]);
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/case-feed", async (string? after, int? limit, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(after, limit), http.RequestAborted)))
                .WithName("getCaseFeed")
                .WithSummary("Læs sagsfeedet / Read the case feed")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Alle hændelser på sager og trin i commit-rækkefølge " +
                                 "efter en cursor. Gem den returnerede cursor og send den igen for at fortsætte; en tom side beholder samme cursor. En " +
                                 "organisationsbundet kalder ser kun sine egne sager." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). Every case and step event in commit order, after a cursor. " +
                                 "Store the returned cursor and pass it back to resume; an empty page keeps the same cursor. A caller bound to an " +
                                 "organisation sees only its own cases.")
                .WithTags("CaseFeed")
                .RequirePermission(Permissions.CasesRead)
                .ProducesValidationProblem();
    }
}
