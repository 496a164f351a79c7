using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Staff;

/// <summary>Reads one secretariat staff position with its ETag.</summary>
public static class GetStaffPosition
{
    public sealed record Query(Guid Id) : IRequest<StaffPositionResponse>;

    internal sealed class Handler(IDbConnectionFactory db, Klima.Api.Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Query, StaffPositionResponse>
    {
        public async Task<StaffPositionResponse> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            // Another partnership's object is refused as a limited caller's lists leave it out.
            await StaffStore.EnsureWritableAsync(connection, user, query.Id, null, cancellationToken);
            return await connection.ReadStaffPositionAsync(query.Id, null, cancellationToken);
        }
    }

    internal static async Task<StaffPositionResponse> ReadStaffPositionAsync(this System.Data.Common.DbConnection connection, Guid id,
        System.Data.Common.DbTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync<StaffPositionResponse>(new CommandDefinition(
            $"{StaffStore.Select} WHERE sp.id = @Id AND sp.deleted_at IS NULL", new { Id = id }, transaction, cancellationToken: cancellationToken))
        ?? throw new NotFoundException("Staff position", id);

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/staff-positions/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    var position = await mediator.Send(new Query(id), http.RequestAborted);
                    return ETags.OkWithETag(http, position, position.Version);
                })
                .WithName("getStaffPosition")
                .WithSummary("Hent en stilling / Get a staff position")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). Én " +
                                 "sekretariatsstilling med ETag." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). One " +
                                 "secretariat staff position with its ETag.")
                .WithTags("Staff")
                .RequirePermission(Permissions.GovernanceRead)
                .Produces<StaffPositionResponse>()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
