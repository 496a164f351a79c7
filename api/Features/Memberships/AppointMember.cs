using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;
using Klima.Api.Features.Bodies;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Appoints a person to a seat of a body (a named seat, or the first vacant seat representing an organisation), checked
/// against the body's hard composition rules: a refusal is a 422 problem detail naming the rule.
/// </summary>
public static class AppointMember
{
    public sealed record Body(
        Guid PersonId, Guid? SeatId, Guid? RepresentsOrganisationId, DateOnly ValidFrom, DateOnly? ValidTo, string? AppointedByDecisionRef,
        Guid? SubstitutePersonId, bool TiedToElectionTerm = false);

    public sealed record Command(Guid BodyId, Body Appointment) : IRequest<MembershipResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Appointment.PersonId).NotEmpty().OverridePropertyName("personId");
            RuleFor(c => c.Appointment.SeatId).NotNull().When(c => c.Appointment.RepresentsOrganisationId is null)
                .WithMessage(_ => Messages.Get("Membership.SeatOrOrganisation")).OverridePropertyName("seatId");
            RuleFor(c => c.Appointment.RepresentsOrganisationId).Null().When(c => c.Appointment.SeatId is not null)
                .WithMessage(_ => Messages.Get("Membership.SeatXorOrganisation")).OverridePropertyName("representsOrganisationId");
            RuleFor(c => c.Appointment.ValidFrom).NotEmpty().OverridePropertyName("validFrom");
            RuleFor(c => c.Appointment.ValidTo).GreaterThan(c => c.Appointment.ValidFrom).When(c => c.Appointment.ValidTo is not null)
                .WithMessage(_ => Messages.Get("Membership.PeriodOrder")).OverridePropertyName("validTo");
            RuleFor(c => c.Appointment.AppointedByDecisionRef).MaximumLength(200).OverridePropertyName("appointedByDecisionRef");
            RuleFor(c => c.Appointment.SubstitutePersonId).NotEqual(c => c.Appointment.PersonId).When(c => c.Appointment.SubstitutePersonId is not null)
                .WithMessage(_ => Messages.Get("Membership.SubstituteIsAnother")).OverridePropertyName("substitutePersonId");
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MembershipResponse>
    {
        public async Task<MembershipResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var a = command.Appointment;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var body = await connection.LockBodyAsync(command.BodyId, user, transaction, cancellationToken);
            if (body.DissolvedOn is { } dissolved && dissolved <= a.ValidFrom)
            {
                throw new RuleViolationException("body-dissolved", new Text("Membership.BodyDissolved", body.Name, dissolved), "validFrom");
            }
            if (body.EstablishedOn is { } established && a.ValidFrom < established)
            {
                throw new RuleViolationException("body-not-established", new Text("Membership.BodyNotEstablished", body.Name, established), "validFrom");
            }
            await connection.EnsureExistsAsync("person", a.PersonId, "personId", new Text("Reference.NoPerson"), transaction, cancellationToken);
            await connection.EnsureExistsAsync("person", a.SubstitutePersonId, "substitutePersonId", new Text("Reference.NoPerson"), transaction, cancellationToken);
            var validTo = await ElectionTermEndAsync(connection, body.GovernanceModelId, a, transaction, cancellationToken);
            var period = new Period(a.ValidFrom, validTo);

            var composition = await connection.LoadCompositionAsync(command.BodyId, transaction, cancellationToken);
            var seatId = PickSeat(composition, a, period);
            var refBodies = composition.Rules.Where(r => r.RefBodyId is not null).Select(r => r.RefBodyId!.Value);
            var elsewhere = await connection.LoadMembershipsOfBodiesAsync(refBodies, transaction, cancellationToken);
            var violation = CompositionEngine.CheckAppointment(composition, new Appointment(a.PersonId, seatId, period),
                refBody => elsewhere.TryGetValue(refBody, out var ms) ? ms.Where(m => m.PersonId == a.PersonId).Select(m => m.Period).ToList() : []);
            if (violation is not null)
            {
                var field = violation.Field == "seatId" && a.SeatId is null ? "representsOrganisationId" : violation.Field;
                throw new RuleViolationException(violation.Rule, violation.Message, field);
            }

            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO membership (id, seat_id, person_id, valid_from, valid_to, appointed_by_decision_ref, substitute_person_id,
                    tied_to_election_term, version, created_at, modified_at)
                VALUES (@Id, @SeatId, @PersonId, @ValidFrom, @ValidTo, @AppointedByDecisionRef, @SubstitutePersonId, @TiedToElectionTerm, 1, @Now, @Now)
                """, new
                {
                    Id = id, SeatId = seatId, a.PersonId, a.ValidFrom, ValidTo = validTo, a.AppointedByDecisionRef, a.SubstitutePersonId,
                    a.TiedToElectionTerm, Now = now,
                }, transaction, cancellationToken: cancellationToken));
            var created = await connection.QuerySingleAsync<MembershipResponse>(new CommandDefinition(
                $"{MembershipsStore.Select} WHERE m.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return created;
        }

        /// <summary>
        /// A membership tied to the municipal election term ends with the term of the body's model (its own terms, else the
        /// national ones) that is running on its first day, unless an earlier end is given.
        /// </summary>
        private static async Task<DateOnly?> ElectionTermEndAsync(System.Data.Common.DbConnection connection, Guid model, Body a, System.Data.Common.DbTransaction transaction,
            CancellationToken cancellationToken)
        {
            if (!a.TiedToElectionTerm)
            {
                return a.ValidTo;
            }
            var termEnd = await connection.QuerySingleOrDefaultAsync<DateOnly?>(new CommandDefinition(
                $"SELECT x.ends_on FROM ({MembershipsStore.ElectionTermsOfModel}) x WHERE x.starts_on <= @ValidFrom AND x.ends_on > @ValidFrom",
                new { a.ValidFrom, Model = model }, transaction,
                cancellationToken: cancellationToken));
            if (termEnd is null)
            {
                throw new ValidationException([new ValidationFailure("tiedToElectionTerm", Messages.Get("Membership.NoElectionTerm"))]);
            }
            if (a.ValidTo > termEnd)
            {
                throw new ValidationException([new ValidationFailure("validTo", Messages.Get("Membership.EndsWithElectionTerm", termEnd))]);
            }
            return a.ValidTo ?? termEnd;
        }

        private static Guid PickSeat(BodyComposition composition, Body a, Period period)
        {
            if (a.SeatId is { } seatId)
            {
                return composition.Seats.Any(s => s.Id == seatId)
                    ? seatId
                    : throw new ValidationException([new ValidationFailure("seatId", Messages.Get("Membership.SeatNotOfBody"))]);
            }
            var candidates = composition.Seats.Where(s => s.RepresentsOrganisationId == a.RepresentsOrganisationId).ToList();
            if (candidates.Count == 0)
            {
                throw new ValidationException([new ValidationFailure("representsOrganisationId", Messages.Get("Membership.NoSeatForOrganisation"))]);
            }
            // The first vacant seat; when none is vacant, the first seat, so that the rules say why it cannot be filled.
            return (candidates.FirstOrDefault(s => !composition.Memberships.Any(m => m.SeatId == s.Id && m.Period.Overlaps(period))) ?? candidates[0]).Id;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/bodies/{id:guid}/memberships", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/memberships/{created.Id}", created);
                })
                .WithName("appointMember")
                .WithSummary("Udpeg et medlem til et organ / Appoint a member to a body")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Udpeger en person til en plads " +
                                 "(en navngiven plads eller den første ledige plads, der repræsenterer en organisation), kontrolleret mod organets hårde " +
                                 "sammensætningsregler: en afvisning er 422, der navngiver reglen." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Appoints a person to a seat (a " +
                                 "named seat, or the first vacant seat representing an organisation), checked against the body's hard composition rules: a " +
                                 "refusal is a 422 naming the rule.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
