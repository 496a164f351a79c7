using Dapper;
using FluentValidation;
using Klima.Api.Domain.Governance;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Mediation;
using MediatR;

namespace Klima.Api.Features.Bodies;

/// <summary>Adds a seat to a body; refused (422, naming the rule) when it would break a hard seat-count rule.</summary>
public static class CreateSeat
{
    public sealed record Body(int? Ordinal, string Label, string? Category, SeatRole Role, bool Voting, Guid? RepresentsOrganisationId,
        Guid? AppointedByOrganisationId, Guid? AppointedByBodyId);

    public sealed record Command(Guid BodyId, Body Seat) : IRequest<SeatResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => Include(new SeatRules<Command>(c => c.Seat.Ordinal, c => c.Seat.Label, c => c.Seat.Category, c => c.Seat.Role));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, SeatResponse>
    {
        public async Task<SeatResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var seat = command.Seat;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            await BodiesStore.EnsureSeatReferencesAsync(connection, seat.RepresentsOrganisationId, seat.AppointedByOrganisationId, seat.AppointedByBodyId, transaction, cancellationToken);

            var composition = await connection.LoadCompositionAsync(command.BodyId, transaction, cancellationToken);
            if (CompositionEngine.CheckSeat(composition, new SeatFact(id, seat.Role, seat.Category, seat.RepresentsOrganisationId, seat.Label)) is { } violation)
            {
                throw new RuleViolationException(violation.Rule, violation.Message, violation.Field);
            }
            var ordinal = seat.Ordinal ?? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM seat WHERE body_id = @BodyId", command, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO seat (id, body_id, ordinal, label, category, role, voting, represents_organisation_id, appointed_by_organisation_id,
                    appointed_by_body_id, version, created_at, modified_at)
                VALUES (@Id, @BodyId, @Ordinal, @Label, @Category, @Role, @Voting, @RepresentsOrganisationId, @AppointedByOrganisationId,
                    @AppointedByBodyId, 1, @Now, @Now)
                """, new
                {
                    Id = id, command.BodyId, Ordinal = ordinal, seat.Label, seat.Category, Role = seat.Role.Text(), seat.Voting, seat.RepresentsOrganisationId,
                    seat.AppointedByOrganisationId, seat.AppointedByBodyId, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            var created = await connection.ReadSeatAsync(command.BodyId, id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/bodies/{id:guid}/seats", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/bodies/{id}/seats/{created.Id}", created);
                })
                .WithName("createSeat")
                .WithSummary("Opret en plads i et organ / Create a seat in a body")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Tilføjer en plads med rolle og " +
                                 "den organisation, den repræsenterer. Afvises med 422, der navngiver reglen, hvis den bryder en hård regel om antal pladser." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Adds a seat with its role and the " +
                                 "organisation it represents. Refused with 422 naming the rule when it would break a hard seat-count rule.")
                .WithTags("Bodies")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

internal sealed class SeatRules<T> : AbstractValidator<T>
{
    public SeatRules(Func<T, int?> ordinal, Func<T, string> label, Func<T, string?> category, Func<T, SeatRole> role)
    {
        RuleFor(x => ordinal(x)).ValidOrdinal().When(x => ordinal(x) is not null);
        RuleFor(x => label(x)).NotEmpty().MaximumLength(200).OverridePropertyName("label");
        RuleFor(x => category(x)).MaximumLength(100).OverridePropertyName("category");
        RuleFor(x => role(x)).IsInEnum().OverridePropertyName("role");
    }
}
