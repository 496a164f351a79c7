using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.Financing.Shared;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Staffing;

/// <summary>
/// Sets what finances a staff position: its funding programme, annual cost and where that cost comes from (or why it is not
/// given), with If-Match on the position.
/// </summary>
public static class SetPositionFunding
{
    public sealed record Body(Guid? FundingProgrammeId, MoneyAmount? AnnualCost, string? AnnualCostNote = null);

    public sealed record Command(Guid Id, int ExpectedVersion, Guid? FundingProgrammeId, MoneyAmount? AnnualCost, string? AnnualCostNote = null)
        : IRequest<FundedPositionResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.AnnualCost!).SetValidator(new MoneyRules()).When(c => c.AnnualCost is not null);
            RuleFor(c => c.AnnualCost!.Amount).GreaterThanOrEqualTo(0).When(c => c.AnnualCost is not null)
                .WithMessage(_ => Messages.Get("Staff.AnnualCostNotNegative")).OverridePropertyName("annualCost.amount");
            RuleFor(c => c.AnnualCostNote).MaximumLength(400).OverridePropertyName("annualCostNote");
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, FundedPositionResponse>
    {
        public async Task<FundedPositionResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await Staff.StaffStore.EnsureWritableAsync(connection, user, command.Id, transaction, cancellationToken);
            if (command.FundingProgrammeId is { } programme)
            {
                await GovernanceModelsStore.EnsureOwnerAsync(connection, user, "SELECT governance_model_id FROM funding_programme WHERE id = @Id", programme, transaction, cancellationToken);
            }
            if (command.FundingProgrammeId is { } programmeId && await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM funding_programme WHERE id = @Id AND deleted_at IS NULL", new { Id = programmeId }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                throw References.Missing("fundingProgrammeId", new Text("Financing.NoProgramme"));
            }
            var changed = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE staff_position SET funding_programme_id = @FundingProgrammeId, annual_cost_ore = @AnnualCostOre, annual_cost_note = @AnnualCostNote,
                    version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, command.FundingProgrammeId, AnnualCostOre = command.AnnualCost?.ToMoney().Ore,
                    AnnualCostNote = string.IsNullOrWhiteSpace(command.AnnualCostNote) ? null : command.AnnualCostNote.Trim(), Now = now },
                transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "staff_position", "Staff position", command.Id, transaction, cancellationToken);
            var row = await connection.QuerySingleAsync<FundedPositionRow>(new CommandDefinition(StaffingStore.Select + " AND s.id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return row.ToResponse();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/financing/staffing/{id:guid}/funding", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(id, ETags.RequiredVersion(http), body.FundingProgrammeId, body.AnnualCost, body.AnnualCostNote), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("setPositionFunding")
                .WithSummary("Sæt en stillings finansiering / Set a position's funding")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Hvad der finansierer stillingen: " +
                                 "program, årlig omkostning og hvor den kommer fra (eller hvorfor den ikke er oplyst). Kræver If-Match på stillingen; 422 " +
                                 "med feltnavn for en henvisning, der ikke findes." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). What finances the position: funding " +
                                 "programme, annual cost and where that cost comes from (or why it is not given). Needs If-Match on the position; 422 " +
                                 "naming the field for a reference that does not exist.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
