using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>Records a grant as reserved (afsat): the payer sets money aside for a programme; releasing it is a later, separate decision.</summary>
public static class ReserveGrant
{
    public sealed record Command(
        Guid ProgrammeId, Guid PayerId, string Title, MoneyAmount Amount, string? Conditions,
        DateOnly ReservedOn, string ReservedByDecisionRef, DateOnly? ExpectedReleaseOn) : IRequest<GrantResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeId).NotEmpty();
            RuleFor(c => c.PayerId).NotEmpty();
            RuleFor(c => c.Title).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Amount).NotNull().SetValidator(new MoneyRules());
            RuleFor(c => c.Amount.Amount).GreaterThan(0).When(c => c.Amount is not null)
                .WithMessage(_ => Messages.Get("Grant.PositiveAmount")).OverridePropertyName("amount.amount");
            RuleFor(c => c.Conditions).MaximumLength(4000);
            RuleFor(c => c.ReservedOn).NotEmpty();
            RuleFor(c => c.ReservedByDecisionRef).NotEmpty().MaximumLength(200)
                .WithMessage(_ => Messages.Get("Grant.NameReservingDecision"));
            RuleFor(c => c.ExpectedReleaseOn).GreaterThanOrEqualTo(c => c.ReservedOn).When(c => c.ExpectedReleaseOn is not null);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, GrantResponse>
    {
        public async Task<GrantResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var failures = new List<(string Field, Text Message)>();
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM funding_programme WHERE id = @Id AND deleted_at IS NULL", new { Id = command.ProgrammeId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                failures.Add(("programmeId", new Text("Financing.NoProgramme")));
            }
            if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM funding_payer WHERE id = @Id AND deleted_at IS NULL", new { Id = command.PayerId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                failures.Add(("payerId", new Text("Financing.NoPayer")));
            }
            if (failures.Count > 0)
            {
                throw References.Missing(failures);
            }
            // Partnerships kept apart: the payer pays into its own model's programmes only.
            var programmeModel = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM funding_programme WHERE id = @Id", new { Id = command.ProgrammeId }, transaction, cancellationToken: cancellationToken));
            GovernanceModels.GovernanceModelsStore.Ensure(user, programmeModel);
            var payerModels = await Payers.PayersStore.ModelsOfAsync(connection, [command.PayerId], transaction, cancellationToken);
            if (payerModels[command.PayerId] != programmeModel)
            {
                throw Payers.PayersStore.OtherModel("payerId", "payer");
            }
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO funding_grant (id, programme_id, payer_id, title, amount_ore, state, conditions, reserved_on, reserved_by_decision_ref,
                                           expected_release_on, version, created_at, modified_at)
                VALUES (@Id, @ProgrammeId, @PayerId, @Title, @AmountOre, @State, @Conditions, @ReservedOn, @ReservedByDecisionRef, @ExpectedReleaseOn, 1, @Now, @Now)
                """, new
            {
                Id = id, command.ProgrammeId, command.PayerId, command.Title, AmountOre = command.Amount.ToMoney().Ore, State = GrantState.Reserved.Text(),
                command.Conditions, command.ReservedOn, command.ReservedByDecisionRef, command.ExpectedReleaseOn, Now = now,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO funding_grant_event (id, grant_id, from_state, to_state, occurred_on, decision_ref, note, recorded_at, recorded_by)
                VALUES (@EventId, @Id, NULL, @State, @ReservedOn, @ReservedByDecisionRef, NULL, @Now, @By)
                """, new { EventId = Guid.CreateVersion7(now), Id = id, State = GrantState.Reserved.Text(), command.ReservedOn, command.ReservedByDecisionRef, Now = now, By = user.Name },
                transaction, cancellationToken: cancellationToken));
            var created = await GrantsStore.LoadAsync(connection, id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/grants", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/grants/{created.Id}", created);
                })
                .WithName("reserveGrant")
                .WithSummary("Afsæt en bevilling / Reserve a grant")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Registrerer en bevilling som " +
                                 "afsat: betaleren sætter penge af til et program; frigivelse er en senere, særskilt afgørelse. 422 med feltnavn for en " +
                                 "henvisning, der ikke findes." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Records a grant as reserved (afsat): " +
                                 "the payer sets money aside for a programme; releasing it is a later, separate decision. 422 naming the field for a " +
                                 "reference that does not exist.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
