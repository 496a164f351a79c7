using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// The work list before a municipal election: memberships tied to the election term that still run when it ends, so
/// they end with it and their seats must be filled anew. Optionally for one body; paged.
/// </summary>
public static class ListMembershipsEndingWithElectionTerm
{
    public sealed record Query : IRequest<Slice<MembershipResponse>>, IListQuery
    {
        public required string Term { get; init; }
        public Guid? BodyId { get; init; }
        public DateTimeOffset? ModifiedSince { get; init; }
        public int? Limit { get; init; }
        public string? Cursor { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            Include(new ListQueryRules());
            RuleFor(q => q.Term).NotEmpty().MaximumLength(20);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Slice<MembershipResponse>>
    {
        public async Task<Slice<MembershipResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var term = await connection.QuerySingleOrDefaultAsync<ElectionTermResponse>(new CommandDefinition(
                           "SELECT id, code, name, starts_on, ends_on FROM election_term WHERE code = @Term", query, cancellationToken: cancellationToken))
                       ?? throw new ValidationException([new ValidationFailure("term", Messages.Get("Membership.UnknownElectionTerm", query.Term))]);

            // Tied memberships that run into the term's last day: they started before the term ends and end at its end or later.
            // A work list: memberships ended by deletion never show, not even to incremental sync.
            var list = new ListSql(MembershipsStore.Select, query, "m", tombstones: false)
                .Where(true, "m.tied_to_election_term = 1 AND s.deleted_at IS NULL")
                .Where(true, "m.valid_from < @EndsOn AND (m.valid_to IS NULL OR m.valid_to >= @EndsOn)")
                .Where(query.BodyId is not null, "s.body_id = @BodyId");
            var rows = (await connection.QueryAsync<MembershipResponse>(new CommandDefinition(list.ToSql(db.Dialect), new
            {
                term.EndsOn, query.ModifiedSince, query.BodyId, list.After, list.Take,
            }, cancellationToken: cancellationToken))).ToList();
            return Slice<MembershipResponse>.FromRows(rows, list.PageSize, r => r.Id.ToString());
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/memberships/ending-with-election-term", async ([AsParameters] Query query, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok((await mediator.Send(query, http.RequestAborted)).ToPage(http.Request)))
                .WithName("listMembershipsEndingWithElectionTerm")
                .WithSummary("Medlemskaber der slutter med valgperioden / Memberships ending with the election term")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Arbejdslisten før et kommunalvalg: medlemskaber knyttet til valgperioden, som stadig løber, når den slutter, så deres " +
                                 "pladser skal besættes på ny. Eventuelt for ét organ; sidevis." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The work " +
                                 "list before a municipal election: memberships tied to the election term that still run when it ends, so their seats must " +
                                 "be filled anew. Optionally for one body; paged.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem();
    }
}
