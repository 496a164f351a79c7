using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Reads one seat of a body with its ETag (the holder is read through the body or its memberships).</summary>
public static class GetSeat
{
    public sealed record Query(Guid BodyId, Guid SeatId) : IRequest<SeatResponse>;

    internal sealed class Handler(IDbConnectionFactory db, Klima.Api.Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Query, SeatResponse>
    {
        public async Task<SeatResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Another partnership's object is refused as a limited caller's lists leave it out.
            await BodiesStore.EnsureBodyInScopeAsync(connection, user, query.BodyId, null, cancellationToken);
            return await connection.ReadSeatAsync(query.BodyId, query.SeatId, null, cancellationToken);
        }
    }

    internal static async Task<SeatResponse> ReadSeatAsync(this System.Data.Common.DbConnection connection, Guid bodyId, Guid seatId,
        System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<SeatResponse>(new CommandDefinition(
            $"SELECT {BodiesStore.SeatColumns} {BodiesStore.SeatFrom} WHERE s.id = @SeatId AND s.body_id = @BodyId AND s.deleted_at IS NULL",
            new { BodyId = bodyId, SeatId = seatId }, transaction, cancellationToken: cancellationToken))
        ?? throw new NotFoundException("Seat", seatId);

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/bodies/{id:guid}/seats/{seatId:guid}", async (Guid id, Guid seatId, IMediator mediator, HttpContext http) =>
                {
                    var seat = await mediator.Send(new Query(id, seatId), http.RequestAborted);
                    return ETags.OkWithETag(http, seat, seat.Version);
                })
                .WithName("getSeat")
                .WithSummary("Hent en plads / Get a seat")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "plads i organet med ETag; indehaveren læses via organet eller dets medlemskaber." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One seat " +
                                 "of the body with its ETag; its holder is read through the body or its memberships.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<SeatResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
