using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Cases;

/// <summary>Puts a step of a case on a meeting of the step's body, at the end of its agenda (moving it from an earlier meeting).</summary>
public static class ScheduleStep
{
    public sealed record Body(Guid MeetingId);

    public sealed record Command(Guid CaseId, Guid StepId, Guid MeetingId) : IRequest<CaseResponse>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, CaseResponse>
    {
        public async Task<CaseResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var (found, step, before) = await StepChange.LoadAsync(connection, transaction, command.CaseId, command.StepId, user, now, cancellationToken);
            CaseAuthorisation.EnsureMayRecord(user, step);
            var meeting = await MeetingsStore.RequireAsync(connection, command.MeetingId, transaction, cancellationToken);
            if (meeting.BodyId != step.BodyId)
            {
                throw new RuleViolationException("meeting-of-step-body", new Text("Meeting.StepOfOtherBody", step.BodyName, meeting.BodyName), "meetingId");
            }
            if (string.Equals(meeting.State, "cancelled", StringComparison.Ordinal))
            {
                throw new RuleViolationException("meeting-not-cancelled", new Text("Meeting.Cancelled"), "meetingId");
            }
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agenda_item WHERE case_step_id = @StepId", new { command.StepId }, transaction, cancellationToken: cancellationToken));
            var last = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                "SELECT MAX(agenda_position) FROM agenda_item WHERE meeting_id = @MeetingId", new { command.MeetingId }, transaction, cancellationToken: cancellationToken)) ?? 0;
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO agenda_item (id, meeting_id, case_step_id, agenda_position) VALUES (@Id, @MeetingId, @StepId, @Position)",
                new { Id = Guid.CreateVersion7(now), command.MeetingId, command.StepId, Position = last + 1 }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE case_step SET meeting_id = @MeetingId, version = version + 1, modified_at = @Now WHERE id = @StepId",
                new { command.MeetingId, command.StepId, Now = now }, transaction, cancellationToken: cancellationToken));
            await StepChange.CompleteAsync(connection, transaction, found, before,
                new NewCaseEvent(CaseEventTypes.StepScheduled, found.Id, step.Id, new
                {
                    step.BodyId, bodyName = step.BodyName, meetingId = meeting.Id, meetingDate = meeting.MeetingDate, previousMeetingId = step.MeetingId,
                }), user, now, cancellationToken);
            var response = await CasesStore.LoadAsync(connection, found.Id, user, StepChange.Today(now), transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return response;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/cases/{caseId:guid}/steps/{stepId:guid}/scheduling", async (Guid caseId, Guid stepId, Body body, IMediator mediator, HttpContext http) =>
                {
                    var updated = await mediator.Send(new Command(caseId, stepId, body.MeetingId), http.RequestAborted);
                    ETags.Set(http, updated.Version);
                    return TypedResults.Ok(updated);
                })
                .WithName("scheduleStep")
                .WithSummary("Sæt et trin på et møde / Put a step on a meeting")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Sætter trinnet sidst på dagsordenen " +
                                 "for et møde i trinnets organ (og flytter det fra et tidligere møde). 422 når mødet hører til et andet organ eller er aflyst." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Puts the step at the end of the agenda " +
                                 "of a meeting of the step's body (moving it from an earlier meeting). 422 when the meeting belongs to another body or is cancelled.")
                .WithTags("Meetings")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status403Forbidden)
                .ProducesProblem(StatusCodes.Status404NotFound)
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}
