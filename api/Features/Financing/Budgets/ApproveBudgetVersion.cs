using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Financing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>
/// Approves a draft version with the decision that approved it and the day it takes effect. The first approval makes
/// it "approved"; a later one "revised", which takes over from its effective date while history keeps the earlier one.
/// </summary>
public static class ApproveBudgetVersion
{
    public sealed record Body(string DecisionRef, DateOnly ApprovedOn, DateOnly EffectiveFrom);

    public sealed record Command(Guid BudgetId, int Number, int ExpectedVersion, string DecisionRef, DateOnly ApprovedOn, DateOnly EffectiveFrom) : IRequest<BudgetVersionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.DecisionRef).NotEmpty().MaximumLength(200).WithMessage(_ => Messages.Get("Budget.NameApprovingDecision"));
            RuleFor(c => c.ApprovedOn).NotEmpty();
            RuleFor(c => c.EffectiveFrom).NotEmpty();
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BudgetVersionResponse>
    {
        public async Task<BudgetVersionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await GovernanceModelsStore.EnsureOwnerAsync(connection, user, BudgetsStore.ModelOfBudget, command.BudgetId, transaction, cancellationToken);
            var current = await BudgetsStore.LoadVersionAsync(connection, command.BudgetId, command.Number, transaction, cancellationToken);
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Budget version", $"{command.BudgetId}/{command.Number}");
            }
            if (current.Status != BudgetVersionStatus.Draft)
            {
                throw new RuleViolationException("budgetVersionApproval", new Text("Budget.OnlyDraftApproved", command.Number, current.Status.Text()), "status");
            }
            var versions = await connection.QueryAsync<BudgetVersionRow>(new CommandDefinition(
                BudgetsStore.SelectVersions + " WHERE budget_id = @Id", new { Id = command.BudgetId }, transaction, cancellationToken: cancellationToken));
            var infos = versions.Select(v => v.Info).ToList();
            if (!BudgetVersions.TakesEffectInOrder(infos, command.EffectiveFrom))
            {
                var revised = BudgetVersions.Revised(infos)!;
                throw new RuleViolationException("budget-revision-effective-order",
                    new Text("Budget.RevisionOrder", command.Number, revised.Number, revised.EffectiveFrom, command.EffectiveFrom), "effectiveFrom");
            }
            var status = BudgetVersions.StatusOnApproval(infos);
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE budget_version SET status = @Status, decision_ref = @DecisionRef, approved_on = @ApprovedOn, effective_from = @EffectiveFrom,
                       version = version + 1, modified_at = @Now
                WHERE budget_id = @BudgetId AND version_number = @Number AND version = @ExpectedVersion
                """, new { Status = status.Text(), command.DecisionRef, command.ApprovedOn, command.EffectiveFrom, Now = now, command.BudgetId, command.Number, command.ExpectedVersion },
                transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                throw new PreconditionFailedException("Budget version", $"{command.BudgetId}/{command.Number}");
            }
            await connection.ExecuteAsync(new CommandDefinition("UPDATE budget SET version = version + 1, modified_at = @Now WHERE id = @Id",
                new { Id = command.BudgetId, Now = now }, transaction, cancellationToken: cancellationToken));
            var approved = await BudgetsStore.LoadVersionAsync(connection, command.BudgetId, command.Number, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return approved;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/budgets/{id:guid}/versions/{number:int}/approve", async (Guid id, int number, Body body, IMediator mediator, HttpContext http) =>
                {
                    var approved = await mediator.Send(new Command(id, number, ETags.RequiredVersion(http), body.DecisionRef, body.ApprovedOn, body.EffectiveFrom), http.RequestAborted);
                    ETags.Set(http, approved.Version);
                    return TypedResults.Ok(approved);
                })
                .WithName("approveBudgetVersion")
                .WithSummary("Godkend en budgetversion / Approve a budget version")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Godkender en kladde med den " +
                                 "afgørelse, der godkendte den, og den dag, den træder i kraft. Første godkendelse gør den \"approved\"; en senere " +
                                 "\"revised\", som afløser fra sin ikrafttrædelsesdato, mens historikken beholder den tidligere. Kræver If-Match." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Approves a draft version with the " +
                                 "decision that approved it and the day it takes effect. The first approval makes it \"approved\"; a later one \"revised\", " +
                                 "which takes over from its effective date while history keeps the earlier one. Needs If-Match.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
