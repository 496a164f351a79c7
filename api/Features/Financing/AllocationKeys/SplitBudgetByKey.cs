using Klima.Api.Infrastructure.Localization;
using Klima.Api.Domain;
using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.Financing.Budgets;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Features.GovernanceModels;
using MediatR;

namespace Klima.Api.Features.Financing.AllocationKeys;

/// <summary>
/// Starts a new draft budget version whose joint amounts are split by a stored allocation key: each amount becomes one
/// line per payer of the key, by the largest-remainder rule, so the lines add up to the amount to the øre.
/// </summary>
public static class SplitBudgetByKey
{
    /// <summary>A joint amount for one period and cost type, to be split over the key's payers.</summary>
    public sealed record JointLine(string Period, CostType CostType, MoneyAmount Amount, string? Note = null);

    public sealed record Body(Guid AllocationKeyId, IReadOnlyList<JointLine> Lines, string? Note = null, int? CopyFromVersion = null);

    public sealed record Command(Guid BudgetId, Guid AllocationKeyId, IReadOnlyList<JointLine> Lines, string? Note, int? CopyFromVersion) : IRequest<BudgetVersionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AllocationKeyId).NotEmpty();
            RuleFor(c => c.Note).MaximumLength(2000);
            RuleFor(c => c.CopyFromVersion).GreaterThan(0);
            RuleFor(c => c.Lines).NotNull().Must(l => l.Count is >= 1 and <= 200).WithMessage(_ => Messages.Get("AllocationKey.JointAmountsCount"));
            RuleForEach(c => c.Lines).ChildRules(l =>
            {
                l.RuleFor(x => x.Period).BudgetPeriod();
                l.RuleFor(x => x.CostType).IsInEnum();
                l.RuleFor(x => x.Amount).NotNull().SetValidator(new MoneyRules());
                l.RuleFor(x => x.Amount.Amount).GreaterThanOrEqualTo(0).When(x => x.Amount is not null).WithMessage(_ => Messages.Get("AllocationKey.JointAmountNotNegative"))
                    .OverridePropertyName("amount.amount");
                l.RuleFor(x => x.Note).MaximumLength(600);
            });
        }
    }

    /// <summary>The lines one joint amount becomes, in the key's order; each line's note names the key, its revision and the weight.</summary>
    public static IReadOnlyList<BudgetLineInput> Expand(AllocationKeyResponse key, JointLine joint)
    {
        var split = Allocation.Split(joint.Amount.ToMoney(), key.Shares.Select(s => s.Weight).ToList());
        return key.Shares.Select((share, i) => new BudgetLineInput(joint.Period, joint.CostType, share.PayerId, MoneyAmount.Of(split.Parts[i]), false,
            $"{(joint.Note is null ? "" : joint.Note + " ")}[{key.Code} rev. {key.Version}: {share.Weight}/{key.TotalWeight}]")).ToList();
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BudgetVersionResponse>
    {
        public async Task<BudgetVersionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var budget = await BudgetsStore.LoadBudgetAsync(connection, command.BudgetId, transaction, cancellationToken);
            var key = await AllocationKeysStore.LoadAsync(connection, command.AllocationKeyId, transaction, cancellationToken)
                      ?? throw References.Missing("allocationKeyId", new Text("AllocationKey.NotFound"));
            var budgetModel = await connection.ExecuteScalarAsync<Guid>(new CommandDefinition(
                "SELECT governance_model_id FROM funding_programme WHERE id = @Id", new { Id = budget.ProgrammeId }, transaction, cancellationToken: cancellationToken));
            GovernanceModelsStore.Ensure(user, budgetModel);
            if (budgetModel != key.GovernanceModelId)
            {
                throw References.Missing("allocationKeyId", new Text("AllocationKey.OtherModelThanBudget"));
            }
            var lines = new List<BudgetLineInput>();
            if (command.CopyFromVersion is { } from)
            {
                if (budget.Versions.All(v => v.Number != from))
                {
                    throw FinancingValidation.Invalid("copyFromVersion", $"The budget has no version {from}.");
                }
                var source = await BudgetsStore.LoadVersionAsync(connection, budget.Id, from, transaction, cancellationToken);
                lines.AddRange(source.Lines.Select(l => new BudgetLineInput(l.Period.Label, l.CostType, l.PayerId, l.Amount, l.IsAdjustment, l.Note)));
            }
            foreach (var joint in command.Lines)
            {
                lines.AddRange(Expand(key, joint));
            }
            await BudgetsStore.CheckLinesAsync(connection, budget.ProgrammeId, lines, transaction, cancellationToken);
            var number = budget.Versions.Count == 0 ? 1 : budget.Versions.Max(v => v.Number) + 1;
            var versionId = Guid.CreateVersion7(now);
            var note = command.Note ?? $"Fordelt efter fordelingsnøglen '{key.Name}' ({key.Code}, revision {key.Version}).";
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO budget_version (id, budget_id, version_number, status, note, version, created_at, modified_at)
                    VALUES (@VersionId, @BudgetId, @Number, @Status, @Note, 1, @Now, @Now)
                    """, new { VersionId = versionId, BudgetId = budget.Id, Number = number, Status = BudgetVersionStatus.Draft.Text(), Note = note, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Budget.VersionRace", number);
            }
            await BudgetsStore.InsertLinesAsync(connection, versionId, lines, now, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("UPDATE budget SET version = version + 1, modified_at = @Now WHERE id = @Id",
                new { Id = budget.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            var created = await BudgetsStore.LoadVersionAsync(connection, budget.Id, number, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/budgets/{id:guid}/versions/split-by-key", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body.AllocationKeyId, body.Lines, body.Note, body.CopyFromVersion), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/budgets/{id}/versions/{created.Number}", created);
                })
                .WithName("splitBudgetByAllocationKey")
                .WithSummary("Fordel et budget efter en fordelingsnøgle / Split a budget by an allocation key")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Starter en ny budgetkladde, hvor " +
                                 "fælles beløb fordeles efter en gemt nøgle: hvert beløb bliver én linje pr. betaler efter største-rest-reglen, så " +
                                 "linjerne giver beløbet på øret." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Starts a new draft budget version " +
                                 "whose joint amounts are split by a stored key: each amount becomes one line per payer of the key by the " +
                                 "largest-remainder rule, so the lines add up to the amount to the øre.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
