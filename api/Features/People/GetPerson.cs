using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.People;

/// <summary>Reads one person with its ETag; contact details and notes only for callers allowed to read personal data.</summary>
public static class GetPerson
{
    public sealed record Query(Guid Id) : IRequest<PersonResponse>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user, TimeProvider clock) : IRequestHandler<Query, PersonResponse>
    {
        public async Task<PersonResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var person = await connection.QuerySingleOrDefaultAsync<PersonResponse>(new CommandDefinition(
                             $"{PeopleStore.Select} WHERE p.id = @Id AND p.deleted_at IS NULL", query, cancellationToken: cancellationToken))
                         ?? throw new NotFoundException("Person", query.Id);
            return (await new[] { person }.GuardReadAsync(user, db, clock, cancellationToken))[0];
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/people/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var person = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, person, person.Version);
                })
                .WithName("getPerson")
                .WithSummary("Hent en person / Get a person")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "person med ETag; kontaktoplysninger og noter kun for kaldere, der må læse persondata (og den læsning logges)." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "person with its ETag; contact details and notes only for callers allowed to read personal data (and that read is logged).")
                .WithTags("People")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<PersonResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
