using Dapper;
using FluentValidation;
using FluentValidation.Results;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Memberships;

/// <summary>
/// Ends a membership on a date with a reason (resignation, death, new term...). Only the end is set: the row keeps its
/// history, and a membership can be ended only once and never later than it was planned to end.
/// </summary>
public static class EndMembership
{
    public sealed record Body(DateOnly ValidTo, string Reason);

    public sealed record Command(Guid Id, int ExpectedVersion, DateOnly ValidTo, string Reason) : IRequest<MembershipResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ValidTo).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().MaximumLength(400);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MembershipResponse>
    {
        public async Task<MembershipResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await MembershipsStore.EnsureWritableAsync(connection, user, command.Id, transaction, cancellationToken);
            var current = await connection.QuerySingleOrDefaultAsync<MembershipResponse>(new CommandDefinition(
                              $"{MembershipsStore.Select} WHERE m.id = @Id AND m.deleted_at IS NULL", new { command.Id }, transaction, cancellationToken: cancellationToken))
                          ?? throw new NotFoundException("Membership", command.Id);
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Membership", command.Id);
            }
            if (current.EndReason is not null)
            {
                throw new ConflictException("Membership.AlreadyEnded", current.ValidTo, current.EndReason);
            }
            if (command.ValidTo <= current.ValidFrom)
            {
                throw new ValidationException([new ValidationFailure("validTo", Messages.Get("Membership.EndAfterStart", current.ValidFrom))]);
            }
            if (current.ValidTo is { } planned && command.ValidTo > planned)
            {
                throw new ValidationException([new ValidationFailure("validTo", Messages.Get("Membership.EndOnlyEarlier", planned))]);
            }
            await EnsureChairsStillHoldTheirSeatAsync(connection, transaction, current, command.ValidTo, cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE membership SET valid_to = @ValidTo, end_reason = @Reason, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, command.ValidTo, command.Reason, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "membership", "Membership", command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return current with { ValidTo = command.ValidTo, EndReason = command.Reason, Version = current.Version + 1, ModifiedAt = now };
        }

        private sealed class ChairRow
        {
            public string Code { get; init; } = "";
            public string Description { get; init; } = "";
            public string BodyName { get; init; } = "";
            public DateOnly ValidFrom { get; init; }
            public DateOnly? ValidTo { get; init; }
        }

        private sealed class PeriodRow
        {
            public DateOnly ValidFrom { get; init; }
            public DateOnly? ValidTo { get; init; }
        }

        /// <summary>
        /// A chair rule (the chair is a member of T11+) holds for the whole appointment: ending the underlying membership
        /// early is refused while the person chairs a body whose rule needs that seat beyond the new end.
        /// </summary>
        private static async Task EnsureChairsStillHoldTheirSeatAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
            MembershipResponse current, DateOnly validTo, CancellationToken cancellationToken)
        {
            var chairs = (await connection.QueryAsync<ChairRow>(new CommandDefinition("""
                SELECT r.code, r.description, cb.name AS body_name, cm.valid_from, cm.valid_to
                FROM membership cm
                JOIN seat cs ON cs.id = cm.seat_id AND cs.role = 'chair' AND cs.deleted_at IS NULL
                JOIN body cb ON cb.id = cs.body_id
                JOIN composition_rule r ON r.body_id = cs.body_id AND r.kind = 'chairMustHoldSeatIn' AND r.severity = 'hard' AND r.deleted_at IS NULL
                WHERE cm.person_id = @PersonId AND cm.deleted_at IS NULL AND r.ref_body_id = @BodyId
                """, new { current.PersonId, current.BodyId }, transaction, cancellationToken: cancellationToken))).ToList();
            if (chairs.Count == 0)
            {
                return;
            }
            var periods = (await connection.QueryAsync<PeriodRow>(new CommandDefinition("""
                SELECT m.valid_from, m.valid_to FROM membership m JOIN seat s ON s.id = m.seat_id
                WHERE m.person_id = @PersonId AND s.body_id = @BodyId AND m.deleted_at IS NULL AND m.id <> @Id
                """, new { current.PersonId, current.BodyId, current.Id }, transaction, cancellationToken: cancellationToken)))
                .Select(p => new Klima.Api.Domain.Period(p.ValidFrom, p.ValidTo))
                .Append(new Klima.Api.Domain.Period(current.ValidFrom, validTo)).ToList();
            foreach (var chair in chairs)
            {
                var appointment = new Klima.Api.Domain.Period(chair.ValidFrom, chair.ValidTo);
                if (!appointment.IsCoveredBy(periods))
                {
                    throw new RuleViolationException(chair.Code,
                        new Text("Membership.ChairWouldBreak", Text.Plain(chair.Description ?? ""), current.PersonName, chair.BodyName, appointment, current.BodyName, validTo), "validTo");
                }
            }
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/memberships/{id:guid}/end", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var ended = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.ValidTo, body.Reason), http.RequestAborted);
                    ETags.Set(http, ended.Version);
                    return TypedResults.Ok(ended);
                })
                .WithName("endMembership")
                .WithSummary("Afslut et medlemskab / End a membership")
                .WithDescription("Kræver governance:write (sekretariat og administrator; eller en API-nøgle med det scope). Afslutter medlemskabet på en " +
                                 "dato med en grund (udtræden, dødsfald, ny valgperiode ...). Kun slutdatoen sættes; et medlemskab kan afsluttes én gang " +
                                 "(409) og aldrig senere end planlagt. Kræver If-Match." +
                                 "\n\nNeeds governance:write (secretariat and administrator; or an API key with that scope). Ends the membership on a date " +
                                 "with a reason (resignation, death, new term ...). Only the end is set; a membership can be ended once (409) and never " +
                                 "later than it was planned to end. Needs If-Match.")
                .WithTags("Memberships")
                .RequirePermission(Permissions.GovernanceWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
