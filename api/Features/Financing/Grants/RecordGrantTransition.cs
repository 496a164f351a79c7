using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Domain.Financing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Financing.Grants;

/// <summary>
/// Moves a grant on in its life cycle (release, spend, close), recording the day it happened and the decision that
/// approved it. Each move is a sub-resource command; the caller must hold the grant's current version (If-Match).
/// </summary>
public static class RecordGrantTransition
{
    public sealed record Body(DateOnly On, string? DecisionRef, string? Note);

    public sealed record Command(Guid Id, int ExpectedVersion, GrantState To, DateOnly On, string? DecisionRef, string? Note) : IRequest<GrantResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.On).NotEmpty();
            RuleFor(c => c.DecisionRef).NotEmpty().When(c => c.To == GrantState.Released)
                .WithMessage(_ => Messages.Get("Grant.ReleaseNeedsDecision"));
            RuleFor(c => c.DecisionRef).MaximumLength(200);
            RuleFor(c => c.Note).MaximumLength(1000);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, GrantResponse>
    {
        public async Task<GrantResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var current = await GrantsStore.LoadAsync(connection, command.Id, transaction, cancellationToken);
            if (current.Version != command.ExpectedVersion)
            {
                throw new PreconditionFailedException("Grant", command.Id);
            }
            if (!GrantLifecycle.CanMove(current.State, command.To))
            {
                throw new RuleViolationException("grantLifecycle",
                    new Text("Grant.Lifecycle", current.State.Text(), command.To.Text()),
                    "state");
            }
            var lastDay = current.History.Select(h => h.OccurredOn).Append(current.ReservedOn).Append(current.ReleasedOn).Append(current.SpentOn).Max();
            if (lastDay is not null && command.On < lastDay.Value)
            {
                throw Shared.FinancingValidation.Invalid("on", Messages.Get("Grant.StepBeforePrevious", lastDay));
            }
            var column = command.To switch
            {
                GrantState.Released => "released_on = @On, released_by_decision_ref = @DecisionRef",
                GrantState.Spent => "spent_on = @On",
                _ => "closed_on = @On",
            };
            var changed = await connection.ExecuteAsync(new CommandDefinition($"""
                UPDATE funding_grant SET state = @State, {column}, version = version + 1, modified_at = @Now
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """, new { command.Id, command.ExpectedVersion, State = command.To.Text(), command.On, command.DecisionRef, Now = now },
                transaction, cancellationToken: cancellationToken));
            await connection.EnsureChangedAsync(changed, "funding_grant", "Grant", command.Id, transaction, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO funding_grant_event (id, grant_id, from_state, to_state, occurred_on, decision_ref, note, recorded_at, recorded_by)
                VALUES (@EventId, @Id, @From, @To, @On, @DecisionRef, @Note, @Now, @By)
                """, new
            {
                EventId = Guid.CreateVersion7(now), command.Id, From = current.State.Text(), To = command.To.Text(), command.On, command.DecisionRef, command.Note,
                Now = now, By = user.Name,
            }, transaction, cancellationToken: cancellationToken));
            var updated = await GrantsStore.LoadAsync(connection, command.Id, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return updated;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app)
        {
            Map(app, "release", GrantState.Released, "releaseGrant", "Frigiv en bevilling / Release a grant",
                "Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Flytter en afsat bevilling til frigivet med dagen og den afgørelse, der godkendte frigivelsen. Kræver If-Match; et skift, livscyklussen ikke tillader, afvises med 422." +
                "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Moves a reserved grant to released, with the day and the decision that approved it. Needs If-Match; a move the life cycle does not allow is refused with 422.");
            Map(app, "spend", GrantState.Spent, "spendGrant", "Markér en bevilling som brugt / Mark a grant as spent",
                "Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Flytter en frigivet bevilling til brugt med dagen og afgørelsen. Kræver If-Match; et skift, livscyklussen ikke tillader, afvises med 422." +
                "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Moves a released grant to spent, with the day and the decision. Needs If-Match; a move the life cycle does not allow is refused with 422.");
            Map(app, "close", GrantState.Closed, "closeGrant", "Luk en bevilling / Close a grant",
                "Kræver budgets:write (sekretariat og administrator; eller en API-nøgle med det scope). Lukker bevillingen med dagen og afgørelsen. Kræver If-Match; et skift, livscyklussen ikke tillader, afvises med 422." +
                "\n\nNeeds budgets:write (secretariat and administrator; or an API key with that scope). Closes the grant with the day and the decision. Needs If-Match; a move the life cycle does not allow is refused with 422.");
        }

        private static void Map(IEndpointRouteBuilder app, string action, GrantState to, string name, string summary, string description) =>
            app.MapPost($"/api/financing/grants/{{id:guid}}/{action}", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                {
                    var grant = await mediator.Send(new Command(id, ETags.RequiredVersion(http), to, body.On, body.DecisionRef, body.Note), http.RequestAborted);
                    ETags.Set(http, grant.Version);
                    return TypedResults.Ok(grant);
                })
                .WithName(name)
                .WithSummary(summary)
                .WithDescription(description)
                .WithTags("Financing")
                .RequirePermission(Permissions.BudgetsWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status412PreconditionFailed)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
                .ProducesProblem(StatusCodes.Status428PreconditionRequired);
    }
}
