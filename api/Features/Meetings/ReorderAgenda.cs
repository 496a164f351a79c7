using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>Reorders a meeting's agenda: the body lists every step on it, in the new order.</summary>
public static class ReorderAgenda
{
    public sealed record Body(IReadOnlyList<Guid> StepIds);

    public sealed record Command(Guid Id, IReadOnlyList<Guid> StepIds) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.StepIds).NotNull().Must(s => s.Distinct().Count() == s.Count).WithMessage(_ => Messages.Get("Meeting.EachStepOnce"));
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, MeetingResponse>
    {
        public async Task<MeetingResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var meeting = await MeetingsStore.RequireAsync(connection, command.Id, transaction, cancellationToken);
            await MeetingsStore.EnsureMayManageAsync(connection, transaction, meeting.BodyId, user, cancellationToken);
            var current = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT case_step_id FROM agenda_item WHERE meeting_id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken))).ToHashSet();
            if (!current.SetEquals(command.StepIds))
            {
                throw new RuleViolationException("agenda-complete", new Text("Meeting.AgendaComplete"), "stepIds");
            }
            var position = 0;
            foreach (var step in command.StepIds)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE agenda_item SET agenda_position = @Position WHERE meeting_id = @Id AND case_step_id = @Step",
                    new { Position = ++position, command.Id, Step = step }, transaction, cancellationToken: cancellationToken));
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE meeting SET version = version + 1, modified_at = @Now WHERE id = @Id", new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            var response = await MeetingsStore.LoadAsync(connection, command.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPut("/api/meetings/{id:guid}/agenda", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Command(id, body.StepIds), http.RequestAborted)))
                .WithName("reorderAgenda")
                .WithSummary("Omarranger en dagsorden / Reorder an agenda")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Body'en nævner hvert trin på mødet " +
                                 "i den nye rækkefølge; mangler eller tilføjes et trin, afvises det med 422." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). The body lists every step on the " +
                                 "meeting in the new order; a missing or extra step is refused with 422.")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
