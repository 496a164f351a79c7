using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>Starts a new draft version of a budget, with its own lines or a copy of an earlier version's lines.</summary>
public static class CreateBudgetVersion
{
    public sealed record Body(string? Note, IReadOnlyList<BudgetLineInput>? Lines, int? CopyFromVersion);

    public sealed record Command(Guid BudgetId, string? Note, IReadOnlyList<BudgetLineInput>? Lines, int? CopyFromVersion) : IRequest<BudgetVersionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Note).MaximumLength(2000);
            RuleFor(c => c.Lines).Must(l => l!.Count <= 2000).When(c => c.Lines is not null).WithMessage(_ => Messages.Get("Budget.AtMost2000Lines"));
            RuleFor(c => c.Lines).NotNull().When(c => c.CopyFromVersion is null).WithMessage(_ => Messages.Get("Budget.LinesOrCopy"));
            RuleFor(c => c.Lines).Null().When(c => c.CopyFromVersion is not null).WithMessage(_ => Messages.Get("Budget.LinesXorCopy"));
            RuleFor(c => c.CopyFromVersion).GreaterThan(0);
            RuleForEach(c => c.Lines).SetValidator(new BudgetLineRules());
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BudgetVersionResponse>
    {
        public async Task<BudgetVersionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var budget = await BudgetsStore.LoadBudgetAsync(connection, command.BudgetId, transaction, cancellationToken);
            var lines = command.Lines;
            if (command.CopyFromVersion is { } from)
            {
                if (budget.Versions.All(v => v.Number != from))
                {
                    throw Shared.FinancingValidation.Invalid("copyFromVersion", Messages.Get("Budget.NoVersion", from));
                }
                var source = await BudgetsStore.LoadVersionAsync(connection, budget.Id, from, transaction, cancellationToken);
                lines = source.Lines.Select(l => new BudgetLineInput(l.Period.Label, l.CostType, l.PayerId, l.Amount, l.IsAdjustment, l.Note)).ToList();
            }
            var model = await BudgetsStore.CheckLinesAsync(connection, budget.ProgrammeId, lines!, transaction, cancellationToken);
            GovernanceModels.GovernanceModelsStore.Ensure(user, model);
            var number = budget.Versions.Count == 0 ? 1 : budget.Versions.Max(v => v.Number) + 1;
            var versionId = Guid.CreateVersion7(now);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO budget_version (id, budget_id, version_number, status, note, version, created_at, modified_at)
                    VALUES (@VersionId, @BudgetId, @Number, @Status, @Note, 1, @Now, @Now)
                    """, new { VersionId = versionId, BudgetId = budget.Id, Number = number, Status = BudgetVersionStatus.Draft.Text(), command.Note, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                // Two drafts started at the same moment drew the same number; the caller retries and gets the next one.
                throw new Infrastructure.Errors.ConflictException("Budget.VersionRace", number);
            }
            await BudgetsStore.InsertLinesAsync(connection, versionId, lines!, now, transaction, cancellationToken);
            // The budget's own version moves too, so a cached budget (with its version list) is seen as stale.
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
            app.MapPost("/api/financing/budgets/{id:guid}/versions", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(new Command(id, body.Note, body.Lines, body.CopyFromVersion), http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/budgets/{id}/versions/{created.Number}", created);
                })
                .WithName("createBudgetVersion")
                .WithSummary("Opret en ny budgetversion / Create a new budget version")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). En ny kladde med egne linjer " +
                                 "eller en kopi af en tidligere versions linjer. 409 når en anden netop har oprettet samme versionsnummer: prøv igen." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). A new draft with its own lines or a " +
                                 "copy of an earlier version's lines. 409 when someone else created the same version number just now: try again.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
