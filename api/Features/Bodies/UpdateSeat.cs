using Dapper;
using FluentValidation;
using Klima.Api.Domain.Governance;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Changes a seat (If-Match); a change of represented organisation or category is checked against the hard rules.</summary>
public static class UpdateSeat
{
    public sealed record Body(int Ordinal, string Label, string? Category, SeatRole Role, bool Voting, Guid? RepresentsOrganisationId,
        Guid? AppointedByOrganisationId, Guid? AppointedByBodyId);

    public sealed record Command(Guid BodyId, Guid SeatId, int ExpectedVersion, Body Seat) : IRequest<SeatResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new SeatRules<Command>(c => c.Seat.Ordinal, c => c.Seat.Label, c => c.Seat.Category, c => c.Seat.Role));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, SeatResponse>
    {
        public async Task<SeatResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var seat = command.Seat;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            var current = await connection.ReadSeatAsync(command.BodyId, command.SeatId, transaction, cancellationToken);
            await BodiesStore.EnsureSeatReferencesAsync(connection, seat.RepresentsOrganisationId, seat.AppointedByOrganisationId, seat.AppointedByBodyId, transaction, cancellationToken);

            if (current.Version == command.ExpectedVersion &&
                (current.RepresentsOrganisationId != seat.RepresentsOrganisationId || !string.Equals(current.Category, seat.Category, StringComparison.OrdinalIgnoreCase)))
            {
                var composition = await connection.LoadCompositionAsync(command.BodyId, transaction, cancellationToken);
                if (CompositionEngine.CheckSeat(composition, new SeatFact(command.SeatId, seat.Role, seat.Category, seat.RepresentsOrganisationId, seat.Label)) is { } violation)
                {
                    throw new RuleViolationException(violation.Rule, violation.Message, violation.Field);
                }
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE seat
                SET ordinal = @Ordinal, label = @Label, category = @Category, role = @Role, voting = @Voting,
                    represents_organisation_id = @RepresentsOrganisationId, appointed_by_organisation_id = @AppointedByOrganisationId,
                    appointed_by_body_id = @AppointedByBodyId, version = version + 1, modified_at = @Now
                WHERE id = @SeatId AND body_id = @BodyId AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new
                {
                    command.SeatId, command.BodyId, command.ExpectedVersion, seat.Ordinal, seat.Label, seat.Category, Role = seat.Role.Text(), seat.Voting,
                    seat.RepresentsOrganisationId, seat.AppointedByOrganisationId, seat.AppointedByBodyId, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "seat", "Seat", command.SeatId, transaction, cancellationToken);
            var updated = await connection.ReadSeatAsync(command.BodyId, command.SeatId, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/bodies/{id:guid}/seats/{seatId:guid}", async (Guid id, Guid seatId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, seatId, ETags.RequiredVersion(http), body), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("updateSeat")
                .WithSummary("Ret en plads / Update a seat")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Kræver If-Match. Ændres den " +
                                 "repræsenterede organisation eller kategorien, kontrolleres det mod de hårde regler (422, der navngiver reglen)." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Needs If-Match. A change of " +
                                 "represented organisation or category is checked against the hard rules (422 naming the rule).")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
