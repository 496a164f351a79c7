using Dapper;
using FluentValidation;
using Klima.Api.Domain.Financing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Budgets;

/// <summary>Creates a budget for a programme with its first version as a draft (lines per period × cost type × payer).</summary>
public static class CreateBudget
{
    public sealed record Command(Guid ProgrammeId, string Code, string Name, string? Note, IReadOnlyList<BudgetLineInput> Lines) : IRequest<BudgetResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProgrammeId).NotEmpty();
            RuleFor(c => c.Code).NotEmpty().MaximumLength(50).Matches("^[a-z0-9][a-z0-9-]*$").WithMessage(_ => Messages.Get("Budget.CodeFormat"));
            RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
            RuleFor(c => c.Note).MaximumLength(2000);
            RuleFor(c => c.Lines).NotNull().Must(l => l.Count <= 2000).WithMessage(_ => Messages.Get("Budget.AtMost2000Lines"));
            RuleForEach(c => c.Lines).SetValidator(new BudgetLineRules());
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, BudgetResponse>
    {
        public async Task<BudgetResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var model = await BudgetsStore.CheckLinesAsync(connection, command.ProgrammeId, command.Lines, transaction, cancellationToken);
            GovernanceModels.GovernanceModelsStore.Ensure(user, model);
            try
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO budget (id, programme_id, code, name, version, created_at, modified_at) VALUES (@Id, @ProgrammeId, @Code, @Name, 1, @Now, @Now)
                    """, new { Id = id, command.ProgrammeId, command.Code, command.Name, Now = now }, transaction, cancellationToken: cancellationToken));
            }
            catch (System.Data.Common.DbException ex) when (db.Dialect.IsUniqueViolation(ex))
            {
                throw new ConflictException("Budget.CodeTaken", command.Code);
            }
            var versionId = Guid.CreateVersion7(now);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO budget_version (id, budget_id, version_number, status, note, version, created_at, modified_at)
                VALUES (@VersionId, @Id, 1, @Status, @Note, 1, @Now, @Now)
                """, new { VersionId = versionId, Id = id, Status = BudgetVersionStatus.Draft.Text(), command.Note, Now = now }, transaction, cancellationToken: cancellationToken));
            await BudgetsStore.InsertLinesAsync(connection, versionId, command.Lines, now, transaction, cancellationToken);
            var created = await BudgetsStore.LoadBudgetAsync(connection, id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/financing/budgets", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    ETags.Set(http, created.Version);
                    return TypedResults.Created($"/api/financing/budgets/{created.Id}", created);
                })
                .WithName("createBudget")
                .WithSummary("Opret et budget / Create a budget")
                .WithDescription("Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Et budget for et " +
                                 "finansieringsprogram med første version som kladde: linjer pr. periode × omkostningstype × betaler, beløb i eksakte " +
                                 "kroner og øre. 409 når budgetkoden allerede findes." +
                                 "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). A budget for a funding programme " +
                                 "with its first version as a draft: lines per period × cost type × payer, amounts in exact kroner and øre. 409 when the budget code exists.")
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
