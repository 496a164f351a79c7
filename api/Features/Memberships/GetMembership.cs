using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>Reads one membership with its ETag.</summary>
public static class GetMembership
{
    public sealed record Query(Guid Id) : IRequest<MembershipResponse>;

    internal sealed class Handler(IDbConnectionFactory db, Klima.Api.Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Query, MembershipResponse>
    {
        public async Task<MembershipResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Another partnership's object is refused as a limited caller's lists leave it out.
            await MembershipsStore.EnsureWritableAsync(connection, user, query.Id, null, cancellationToken);
            return await connection.QuerySingleOrDefaultAsync<MembershipResponse>(new CommandDefinition(
                       $"{MembershipsStore.Select} WHERE m.id = @Id AND m.deleted_at IS NULL", query, cancellationToken: cancellationToken))
                   ?? throw new NotFoundException("Membership", query.Id);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/memberships/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var membership = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, membership, membership.Version);
                })
                .WithName("getMembership")
                .WithSummary("Hent et medlemskab / Get a membership")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Ét " +
                                 "medlemskab (person, plads, periode) med ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "membership (person, seat, period) with its ETag.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<MembershipResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
