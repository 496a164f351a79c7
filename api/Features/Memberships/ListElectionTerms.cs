using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>Lists the registered municipal election terms (half-open periods), oldest first.</summary>
public static class ListElectionTerms
{
    public sealed record Query : IRequest<Page<ElectionTermResponse>>;

    internal sealed class Handler(IDbConnectionFactory db) : IRequestHandler<Query, Page<ElectionTermResponse>>
    {
        public async Task<Page<ElectionTermResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var terms = await connection.QueryAsync<ElectionTermResponse>(new CommandDefinition(
                "SELECT id, code, name, starts_on, ends_on FROM election_term ORDER BY starts_on", cancellationToken: cancellationToken));
            // A handful of rows: one page, no next link.
            return new Page<ElectionTermResponse>(terms.ToList(), null);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/election-terms", async (IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(), http.RequestAborted)))
                .WithName("listElectionTerms")
                .WithSummary("Vis kommunale valgperioder / List municipal election terms")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). De " +
                                 "registrerede valgperioder som halvåbne perioder, ældste først." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). The " +
                                 "registered election terms as half-open periods, oldest first.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead);
    }
}
