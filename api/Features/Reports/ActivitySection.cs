using System.Data.Common;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Meetings;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
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
/// Builds the activity section from the model's cases and their live steps, read in one set-based query through the Cases
/// store and streamed (one row per step, the few columns the section reads; no response object per step), and the
/// meeting API's own list (GET /api/meetings) through the mediator: the report counts what those answers hold, with the
/// same rules as GET /api/cases/{id} (a step is done when its outcome is not "postponed"; overdue = deadline passed
/// without that). Only the entries the report lists are kept; everything else is counted as the rows pass.
/// </summary>
internal static class ActivityBuilder
{
    /// <summary>How far after the period "upcoming meetings" looks.</summary>
    public const int UpcomingMonths = 6;

    public static async Task<ActivitySection> BuildAsync(ISqlDialect dialect, DbConnection connection, ICurrentUser user, IMediator mediator, Guid model,
        IReadOnlySet<Guid> modelBodies, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        bool InPeriod(DateOnly d) => d >= from && d < to;

        // Rows come in case order (then route order); Seq keeps that order as the last tie-breaker of the sorts below, as the
        // stable sorts over the case list did.
        var decisions = new List<(DecisionEntry Entry, int StageOrdinal, int Ordinal, long Seq)>();
        var overdue = new List<(OverdueStepEntry Entry, long Seq)>();
        var bodies = new Dictionary<Guid, BodyCounts>();
        var stepsPerMeeting = new Dictionary<Guid, int>();
        var caseBodies = new HashSet<Guid>();
        var opened = 0;
        var currentOpened = false;
        long seq = 0;

        void EndCase()
        {
            if (currentOpened)
            {
                foreach (var body in caseBodies)
                {
                    bodies[body].CasesOpened++;
                }
            }
            caseBodies.Clear();
        }

        await using (var row = await CasesStore.ModelSteps(dialect, connection, model, user, cancellationToken))
        {
            while (await row.ReadAsync(cancellationToken))
            {
                seq++;
                if (row.NewCase)
                {
                    EndCase();
                    currentOpened = InPeriod(CalendarDay.Of(row.CreatedAt));
                    if (currentOpened)
                    {
                        opened++;
                    }
                }
                if (!row.HasStep)
                {
                    continue;
                }
                if (!bodies.TryGetValue(row.BodyId, out var counts))
                {
                    bodies[row.BodyId] = counts = new BodyCounts(row.BodyName);
                }
                caseBodies.Add(row.BodyId);
                if (row.MeetingId is { } meetingId)
                {
                    stepsPerMeeting[meetingId] = stepsPerMeeting.GetValueOrDefault(meetingId) + 1;
                }
                var outcome = row.OutcomeValue;
                DateOnly? decided = outcome is null ? null : row.DecidedOn ?? CalendarDay.Of(row.DecidedAt!.Value);
                var decidedInPeriod = decided is { } day && InPeriod(day);
                if (decidedInPeriod)
                {
                    counts.Decisions++;
                    decisions.Add((new DecisionEntry(row.StepId, row.CaseId, row.CaseNumber, row.Title, row.BodyId, row.BodyName, row.RoleValue,
                        outcome!.Value, decided!.Value, row.DecidedOn is null, row.DecisionText), row.StageOrdinal, row.Ordinal, seq));
                }
                if ((row.MeetingDate is { } meeting && InPeriod(meeting)) || decidedInPeriod)
                {
                    counts.StepsTreated++;
                }
                // Overdue at the period's end: the deadline passed before `to`, and no outcome that counts as done was there by then.
                if (row.Deadline is { } deadline && deadline < to && !(outcome is { } o && CaseStatusCalculator.IsDone(o) && decided!.Value < to))
                {
                    overdue.Add((new OverdueStepEntry(row.StepId, row.CaseId, row.CaseNumber, row.Title, row.BodyName, row.RoleValue, deadline), seq));
                }
            }
        }
        EndCase();

        decisions.Sort((a, b) =>
        {
            var c = a.Entry.DecidedOn.CompareTo(b.Entry.DecidedOn);
            if (c == 0) c = string.CompareOrdinal(a.Entry.CaseNumber, b.Entry.CaseNumber);
            if (c == 0) c = a.StageOrdinal.CompareTo(b.StageOrdinal);
            if (c == 0) c = a.Ordinal.CompareTo(b.Ordinal);
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        });
        overdue.Sort((a, b) =>
        {
            var c = a.Entry.Deadline.CompareTo(b.Entry.Deadline);
            if (c == 0) c = string.CompareOrdinal(a.Entry.CaseNumber, b.Entry.CaseNumber);
            return c != 0 ? c : a.Seq.CompareTo(b.Seq);
        });
        var treated = bodies.Values.Sum(b => b.StepsTreated);
        var bodyList = bodies
            .Where(b => b.Value.CasesOpened + b.Value.StepsTreated + b.Value.Decisions > 0)
            .Select(b => new BodyActivity(b.Key, b.Value.Name, b.Value.CasesOpened, b.Value.StepsTreated, b.Value.Decisions))
            .OrderByDescending(b => b.Decisions).ThenByDescending(b => b.StepsTreated).ThenBy(b => b.BodyName, StringComparer.Ordinal)
            .ToList();

        // Clamped at the end of the calendar (a period ending in 9999 is valid input; AddMonths would throw).
        var upcomingUntil = to.Year >= DateOnly.MaxValue.Year - 1 ? DateOnly.MaxValue : to.AddMonths(UpcomingMonths);
        var held = await MeetingsAsync(mediator, modelBodies, stepsPerMeeting, from, to, cancellationToken);
        var upcoming = (await MeetingsAsync(mediator, modelBodies, stepsPerMeeting, to, upcomingUntil, cancellationToken)).Where(m => m.State != MeetingState.Cancelled).ToList();
        return new ActivitySection(
            new ActivityTotals(opened, treated, decisions.Count, overdue.Count, held.Count(m => m.State != MeetingState.Cancelled), upcoming.Count),
            bodyList, decisions.ConvertAll(d => d.Entry), overdue.ConvertAll(o => o.Entry), held, upcoming, upcomingUntil);
    }

    /// <summary>What one body did in the period, counted as the rows pass.</summary>
    private sealed class BodyCounts(string name)
    {
        public string Name { get; } = name;
        public int CasesOpened { get; set; }
        public int StepsTreated { get; set; }
        public int Decisions { get; set; }
    }

    private static async Task<List<MeetingEntry>> MeetingsAsync(IMediator mediator, IReadOnlySet<Guid> modelBodies, Dictionary<Guid, int> stepsPerMeeting, DateOnly from, DateOnly to, CancellationToken cancellationToken) =>
        (await ReportSources.AllAsync(cursor => mediator.Send(new ListMeetings.Query { From = from, To = to, Limit = Infrastructure.Http.Paging.MaxLimit, Cursor = cursor }, cancellationToken)))
        .Where(m => modelBodies.Contains(m.BodyId))
        .Select(m => new MeetingEntry(m.Id, m.BodyId, m.BodyName, m.Date, m.Title, m.State, stepsPerMeeting.GetValueOrDefault(m.Id)))
        .ToList();
}
