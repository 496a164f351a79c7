using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;
using Klima.Api.Domain;

namespace Klima.Api.Features.Bodies;

/// <summary>Removes a seat that has no current or future holder; its past memberships stay in the history.</summary>
public static class DeleteSeat
{
    public sealed record Command(Guid BodyId, Guid SeatId, int ExpectedVersion) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var today = CalendarDay.Of(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            await connection.ReadSeatAsync(command.BodyId, command.SeatId, transaction, cancellationToken);
            var held = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM membership WHERE seat_id = @SeatId AND deleted_at IS NULL AND (valid_to IS NULL OR valid_to > @Today)",
                new { command.SeatId, Today = today }, transaction, cancellationToken: cancellationToken));
            if (held > 0)
            {
                throw new ConflictException("Seat.HasMember");
            }
            await connection.SoftDeleteAsync("seat", "Seat", command.SeatId, command.ExpectedVersion, now, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/bodies/{id:guid}/seats/{seatId:guid}", async (Guid id, Guid seatId, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id, seatId, ETags.RequiredVersion(http)), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteSeat")
                .WithSummary("Slet en plads / Delete a seat")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Fjerner en plads uden " +
                                 "nuværende eller fremtidig indehaver (ellers 409); dens tidligere medlemskaber bliver i historikken. Kræver If-Match." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Removes a seat with no current or " +
                                 "future holder (else 409); its past memberships stay in the history. Needs If-Match.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
