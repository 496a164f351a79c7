using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

/// <summary>Cancels a meeting: its agenda is cleared and every step on it is unscheduled (with an event per step).</summary>
public static class CancelMeeting
{
    public sealed record Body(string Reason);

    public sealed record Command(Guid Id, string Reason) : IRequest<MeetingResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Reason).NotEmpty().MaximumLength(1000);
    }

    private sealed class ScheduledStep
    {
        public Guid StepId { get; init; }
        public Guid CaseId { get; init; }
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
            if (string.Equals(meeting.State, "cancelled", StringComparison.Ordinal))
            {
                throw new ConflictException("Meeting.AlreadyCancelled", command.Id);
            }
            var scheduled = (await connection.QueryAsync<ScheduledStep>(new CommandDefinition(
                "SELECT s.id AS step_id, s.case_id FROM case_step s WHERE s.meeting_id = @Id AND s.superseded_at IS NULL",
                new { command.Id }, transaction, cancellationToken: cancellationToken))).ToList();
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE meeting SET state = 'cancelled', cancellation_reason = @Reason, version = version + 1, modified_at = @Now WHERE id = @Id
                """, new { command.Id, command.Reason, Now = now }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agenda_item WHERE meeting_id = @Id", new { command.Id }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_step SET meeting_id = NULL, version = version + 1, modified_at = @Now WHERE meeting_id = @Id",
                new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            foreach (var byCase in scheduled.GroupBy(s => s.CaseId))
            {
                var found = await CasesStore.RequireAsync(connection, byCase.Key, SystemUser.Instance, transaction, cancellationToken);
                await CasesStore.TouchAsync(connection, found.Id, now, transaction, cancellationToken);
                await CaseFeedStore.AppendAsync(connection, transaction, found.OwnerOrganisationId, user.Name, now,
                    byCase.Select(s => new NewCaseEvent(CaseEventTypes.StepUnscheduled, found.Id, s.StepId,
                        new { meetingId = command.Id, meetingDate = meeting.MeetingDate, reason = "Meeting cancelled: " + command.Reason })).ToList(),
                    cancellationToken);
            }
            var response = await MeetingsStore.LoadAsync(connection, command.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/meetings/{id:guid}/cancellation", async (Guid id, Body body, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Command(id, body.Reason), http.RequestAborted)))
                .WithName("cancelMeeting")
                .WithSummary("Aflys et møde / Cancel a meeting")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Dagsordenen ryddes, og hvert trin " +
                                 "på den tages af mødet igen (med en hændelse pr. trin). 409 når mødet allerede er aflyst." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Its agenda is cleared and every step " +
                                 "on it is unscheduled (with an event per step). 409 when the meeting is already cancelled.")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status409Conflict)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
