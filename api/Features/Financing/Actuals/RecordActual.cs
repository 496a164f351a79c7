using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Actuals;

/// <summary>Records money spent against a budget, keyed like its lines (period × cost type × payer). Corrections are explicit adjustments.</summary>
public static class RecordActual
{
    public sealed record Command(Guid BudgetId, string Period, CostType CostType, Guid PayerId, MoneyAmount Amount, bool IsAdjustment, DateOnly BookedOn, string? Reference, string? Note)
        : IRequest<ActualResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.BudgetId).NotEmpty();
            RuleFor(c => c.Period).BudgetPeriod();
            RuleFor(c => c.CostType).IsInEnum();
            RuleFor(c => c.PayerId).NotEmpty();
            RuleFor(c => c.Amount).NotNull().SetValidator(new MoneyRules());
            RuleFor(c => c.Amount.Amount).GreaterThanOrEqualTo(0).When(c => c.Amount is not null && !c.IsAdjustment)
                .WithMessage(_ => Messages.Get("Actual.NegativeOnlyAdjustment")).OverridePropertyName("amount.amount");
            RuleFor(c => c.BookedOn).NotEmpty();
            RuleFor(c => c.Reference).MaximumLength(200);
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, Infrastructure.Auth.ICurrentUser user) : IRequestHandler<Command, ActualResponse>
    {
        public async Task<ActualResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var programmeId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                                  "SELECT programme_id FROM budget WHERE id = @Id AND deleted_at IS NULL", new { Id = command.BudgetId }, transaction, cancellationToken: cancellationToken))
                              ?? throw References.Missing("budgetId", new Text("Financing.NoBudget"));
            var asLine = new BudgetLineInput(command.Period, command.CostType, command.PayerId, command.Amount, command.IsAdjustment, command.Note);
            try
            {
                var model = await BudgetsStore.CheckLinesAsync(connection, programmeId, [asLine], transaction, cancellationToken);
                GovernanceModels.GovernanceModelsStore.Ensure(user, model);
            }
            catch (ValidationException invalid)
            {
                // The line checks name fields as lines[0].x; an actual has them at the top level.
                throw FinancingValidation.Invalid(invalid.Errors.Select(e => new FluentValidation.Results.ValidationFailure(e.PropertyName.Replace("lines[0].", "", StringComparison.Ordinal), e.ErrorMessage)));
            }
            catch (Infrastructure.Errors.RuleViolationException foreign) when (foreign.Rule == "same-governance-model")
            {
                throw Payers.PayersStore.OtherModel("payerId", "payer");
            }
            var period = FinancingValidation.ParsePeriod(command.Period);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO budget_actual (id, budget_id, period_from, period_to, cost_type, payer_id, amount_ore, is_adjustment, booked_on, reference, note, version, created_at, modified_at)
                VALUES (@Id, @BudgetId, @From, @To, @CostType, @PayerId, @AmountOre, @IsAdjustment, @BookedOn, @Reference, @Note, 1, @Now, @Now)
                """, new
            {
                Id = id, command.BudgetId, period.From, To = period.To!.Value, CostType = command.CostType.Text(), command.PayerId,
                AmountOre = command.Amount.ToMoney().Ore, command.IsAdjustment, command.BookedOn, command.Reference, command.Note, Now = now,
            }, transaction, cancellationToken: cancellationToken));
            var created = await connection.QuerySingleAsync<ActualRow>(new CommandDefinition(ActualsStore.Select + " AND a.id = @Id", new { Id = id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return created.ToResponse();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/actuals", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/actuals/{created.Id}", created);
                })
                .WithName("recordActual")
                .WithSummary("Registrér forbrug / Record an actual")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Penge brugt mod et budget, nøglet " +
                                 "som budgetlinjerne (periode × omkostningstype × betaler). Rettelser er udtrykkelige reguleringer; beløb er eksakte " +
                                 "kroner og øre. 422 med feltnavn for en henvisning, der ikke findes." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Money spent against a budget, keyed " +
                                 "like its lines (period × cost type × payer). Corrections are explicit adjustments; amounts are exact kroner and øre. 422 " +
                                 "naming the field for a reference that does not exist.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
