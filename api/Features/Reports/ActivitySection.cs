using System.Data.Common;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using MediatR;

namespace Klima.Api.Features.Reports;

/// <summary>Activity in the period: cases opened, treated and decided per body, decisions with outcomes, overdue steps, meetings.</summary>
public sealed record ActivitySection(
    ActivityTotals Totals,
    IReadOnlyList<BodyActivity> Bodies,
    IReadOnlyList<DecisionEntry> Decisions,
    IReadOnlyList<OverdueStepEntry> OverdueSteps,
    IReadOnlyList<MeetingEntry> MeetingsHeld,
    IReadOnlyList<MeetingEntry> UpcomingMeetings,
    DateOnly UpcomingUntil);

public sealed record ActivityTotals(int CasesOpened, int StepsTreated, int Decisions, int OverdueStepsAtEnd, int Meetings, int UpcomingMeetings);

/// <summary>Per body: cases opened in the period that route to it, its steps treated (on a meeting or decided) and decided in the period.</summary>
public sealed record BodyActivity(Guid Id, string BodyName, int CasesOpened, int StepsTreated, int Decisions);

/// <summary>A recorded outcome. DecidedOn is the decision date; when none was given, the date it was recorded (DateIsRecordedDate).</summary>
public sealed record DecisionEntry(Guid Id, Guid CaseId, string CaseNumber, string CaseTitle, Guid BodyId, string BodyName, StepRole Role,
    DecisionOutcome Outcome, DateOnly DecidedOn, bool DateIsRecordedDate, string? Text);

/// <summary>A step whose deadline fell before the period's end without an outcome by then.</summary>
public sealed record OverdueStepEntry(Guid Id, Guid CaseId, string CaseNumber, string CaseTitle, string BodyName, StepRole Role, DateOnly Deadline);

/// <summary>A meeting of one of the model's bodies; CaseSteps counts the cases' steps scheduled at it.</summary>
public sealed record MeetingEntry(Guid Id, Guid BodyId, string BodyName, DateOnly Date, string? Title, MeetingState State, int CaseSteps);

/// <summary>
/// Builds the activity section from the model's cases and steps, read in two set-based queries through the Cases store (the
/// same rows and step mapping GET /api/cases/{id} answers with), and the meeting API's own list (GET /api/meetings)
/// through the mediator: the report counts what those answers hold, with the same rules
/// (a step is done when its outcome is not "postponed"; overdue = deadline passed without that).
/// </summary>
internal static class ActivityBuilder
{
    /// <summary>How far after the period "upcoming meetings" looks.</summary>
    public const int UpcomingMonths = 6;

    public static async Task<ActivitySection> BuildAsync(DbConnection connection, ICurrentUser user, IMediator mediator, Guid model,
        IReadOnlySet<Guid> modelBodies, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var cases = await CasesStore.ModelCasesAsync(connection, model, user, cancellationToken);
        bool InPeriod(DateOnly d) => d >= from && d < to;

        var steps = cases.SelectMany(c => c.Steps.Select(step => (Case: c, Step: step))).ToList();
        var decisions = steps
            .Where(x => x.Step.Decision is not null)
            .Select(x => (x.Case, x.Step, Date: x.Step.Decision!.DecidedOn ?? DateOnly.FromDateTime(x.Step.Decision.RecordedAt.UtcDateTime)))
            .Where(x => InPeriod(x.Date))
            .OrderBy(x => x.Date).ThenBy(x => x.Case.CaseNumber, StringComparer.Ordinal).ThenBy(x => x.Step.StageOrdinal).ThenBy(x => x.Step.Ordinal)
            .Select(x => new DecisionEntry(x.Step.Id, x.Case.Id, x.Case.CaseNumber, x.Case.Title, x.Step.BodyId, x.Step.BodyName, x.Step.Role,
                x.Step.Decision!.Outcome, x.Date, x.Step.Decision.DecidedOn is null, x.Step.Decision.Text))
            .ToList();
        var treated = steps.Where(x =>
                (x.Step.MeetingDate is { } meeting && InPeriod(meeting)) ||
                (x.Step.Decision is { } d && InPeriod(d.DecidedOn ?? DateOnly.FromDateTime(d.RecordedAt.UtcDateTime))))
            .ToList();
        // Overdue at the period's end: the deadline passed before `to`, and no outcome that counts as done was there by then.
        var overdue = steps.Where(x => x.Step.Deadline is { } deadline && deadline < to && !DoneBy(x.Step, to))
            .OrderBy(x => x.Step.Deadline).ThenBy(x => x.Case.CaseNumber, StringComparer.Ordinal)
            .Select(x => new OverdueStepEntry(x.Step.Id, x.Case.Id, x.Case.CaseNumber, x.Case.Title, x.Step.BodyName, x.Step.Role, x.Step.Deadline!.Value))
            .ToList();
        var opened = cases.Where(c => InPeriod(DateOnly.FromDateTime(c.CreatedAt.UtcDateTime))).ToList();

        var bodyNames = steps.GroupBy(x => x.Step.BodyId).ToDictionary(g => g.Key, g => g.First().Step.BodyName);
        var bodies = bodyNames.Keys
            .Select(id => new BodyActivity(id, bodyNames[id],
                opened.Count(c => c.Steps.Any(s => s.BodyId == id)),
                treated.Count(x => x.Step.BodyId == id),
                decisions.Count(d => d.BodyId == id)))
            .Where(b => b.CasesOpened + b.StepsTreated + b.Decisions > 0)
            .OrderByDescending(b => b.Decisions).ThenByDescending(b => b.StepsTreated).ThenBy(b => b.BodyName, StringComparer.Ordinal)
            .ToList();

        // Clamped at the end of the calendar (a period ending in 9999 is valid input; AddMonths would throw).
        var upcomingUntil = to.Year >= DateOnly.MaxValue.Year - 1 ? DateOnly.MaxValue : to.AddMonths(UpcomingMonths);
        var stepsPerMeeting = steps.Where(x => x.Step.MeetingId is not null).GroupBy(x => x.Step.MeetingId!.Value).ToDictionary(g => g.Key, g => g.Count());
        var held = await MeetingsAsync(mediator, modelBodies, stepsPerMeeting, from, to, cancellationToken);
        var upcoming = (await MeetingsAsync(mediator, modelBodies, stepsPerMeeting, to, upcomingUntil, cancellationToken)).Where(m => m.State != MeetingState.Cancelled).ToList();
        return new ActivitySection(
            new ActivityTotals(opened.Count, treated.Count, decisions.Count, overdue.Count, held.Count(m => m.State != MeetingState.Cancelled), upcoming.Count),
            bodies, decisions, overdue, held, upcoming, upcomingUntil);
    }

    private static bool DoneBy(CaseStepResponse step, DateOnly to) =>
        step.Decision is { } d && CaseStatusCalculator.IsDone(d.Outcome) && (d.DecidedOn ?? DateOnly.FromDateTime(d.RecordedAt.UtcDateTime)) < to;

    private static async Task<List<MeetingEntry>> MeetingsAsync(IMediator mediator, IReadOnlySet<Guid> modelBodies, Dictionary<Guid, int> stepsPerMeeting, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await ReportSources.AllAsync(cursor => mediator.Send(new ListMeetings.Query(null, null, from, to, Infrastructure.Http.Paging.MaxLimit, cursor), cancellationToken)))
        .Where(m => modelBodies.Contains(m.BodyId))
        .Select(m => new MeetingEntry(m.Id, m.BodyId, m.BodyName, m.Date, m.Title, m.State, stepsPerMeeting.GetValueOrDefault(m.Id)))
        .ToList();
}
