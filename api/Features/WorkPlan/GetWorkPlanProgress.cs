using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.WorkPlan;

/// <summary>
/// The work plan's progress for a half-open period [from, to): initiatives active in the period, their tasks by status,
/// and milestones due, reached and overdue. Status reports use this very query, so report and API agree.
/// </summary>
public static class GetWorkPlanProgress
{
    public sealed record Query(Guid GovernanceModelId, DateOnly From, DateOnly To) : IRequest<WorkPlanProgress>;

    /// <summary>Where a milestone stands at the end of the period.</summary>
    public enum MilestoneState
    {
        /// <summary>Reached before the period ended.</summary>
        Reached,
        /// <summary>Due before the period ended, and not recorded as reached by then.</summary>
        Overdue,
        /// <summary>Due after the period.</summary>
        Upcoming,
        /// <summary>No due date and not reached.</summary>
        Unscheduled,
    }

    public sealed record StatusCount(WorkStatus Status, int Count);

    public sealed record BodyRef(Guid Id, string Name, string? NameEn);

    public sealed record MilestoneProgress(string Title, DateOnly? DueOn, DateOnly? ReachedOn, MilestoneState State, bool DueInPeriod, bool ReachedInPeriod);

    public sealed record TaskProgress(Guid Id, string Title, WorkStatus Status, BodyRef? ResponsibleBody, string? FundingProgramme,
        DateOnly? StartsOn, DateOnly? DueOn, DateOnly? CompletedOn, string? TimingNote, IReadOnlyList<MilestoneProgress> Milestones);

    public sealed record InitiativeProgress(Guid Id, string Code, string Name, string? NameEn, WorkStatus Status, BodyRef? ResponsibleBody,
        string? FundingProgramme, DateOnly? StartsOn, DateOnly? EndsOn, string? TimingNote, int TaskCount, IReadOnlyList<StatusCount> TasksByStatus,
        IReadOnlyList<TaskProgress> Tasks);

    public sealed record FocusAreaProgress(Guid Id, string Code, string Name, string? NameEn, IReadOnlyList<InitiativeProgress> Initiatives);

    public sealed record Totals(int FocusAreas, int Initiatives, int Tasks, IReadOnlyList<StatusCount> InitiativesByStatus, IReadOnlyList<StatusCount> TasksByStatus,
        int MilestonesDueInPeriod, int MilestonesReachedInPeriod, int MilestonesOverdueAtEnd);

    public sealed record WorkPlanProgress(Guid GovernanceModelId, DateOnly From, DateOnly To, Totals Totals, IReadOnlyList<FocusAreaProgress> FocusAreas);

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.GovernanceModelId).NotEmpty();
            RuleFor(q => q.To).GreaterThan(q => q.From).WithMessage(_ => Messages.Get("Period.ToAfterFrom"));
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, WorkPlanProgress>
    {
        private sealed record FocusAreaRow
        {
            public required Guid Id { get; init; }
            public required string Code { get; init; }
            public required string Name { get; init; }
            public string? NameEn { get; init; }
        }

        private sealed record BodyRow
        {
            public required Guid Id { get; init; }
            public required string Name { get; init; }
            public string? NameEn { get; init; }
        }

        public async Task<WorkPlanProgress> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM governance_model WHERE id = @GovernanceModelId AND deleted_at IS NULL", query, cancellationToken: cancellationToken));
            if (exists == 0)
            {
                throw new NotFoundException("Governance model", query.GovernanceModelId);
            }
            GovernanceModels.GovernanceModelsStore.Ensure(user, query.GovernanceModelId);
            var focusAreas = (await connection.QueryAsync<FocusAreaRow>(new CommandDefinition(
                "SELECT id, code, name, name_en FROM work_focus_area WHERE governance_model_id = @GovernanceModelId AND deleted_at IS NULL ORDER BY ordinal, code",
                query, cancellationToken: cancellationToken))).ToList();
            // Initiatives whose period overlaps [from, to); an open or unknown end counts as still running.
            var initiatives = (await connection.QueryAsync<InitiativeResponse>(new CommandDefinition($"""
                SELECT {WorkPlanStore.InitiativeColumns} FROM work_initiative
                WHERE deleted_at IS NULL
                  AND focus_area_id IN (SELECT id FROM work_focus_area WHERE governance_model_id = @GovernanceModelId AND deleted_at IS NULL)
                  AND (starts_on IS NULL OR starts_on < @To) AND (ends_on IS NULL OR ends_on > @From)
                ORDER BY ordinal, code
                """, query, cancellationToken: cancellationToken))).ToList();
            var tasks = (await connection.QueryAsync<TaskResponse>(new CommandDefinition($"""
                SELECT {WorkPlanStore.TaskColumns} FROM work_task
                WHERE deleted_at IS NULL AND initiative_id IN (
                    SELECT i.id FROM work_initiative i JOIN work_focus_area f ON f.id = i.focus_area_id
                    WHERE f.governance_model_id = @GovernanceModelId AND i.deleted_at IS NULL)
                ORDER BY initiative_id, title, id
                """, query, cancellationToken: cancellationToken))).ToList();
            var milestones = await WorkPlanStore.MilestonesOfAsync(connection, tasks.Select(t => t.Id).ToList(), null, cancellationToken);
            var bodies = (await connection.QueryAsync<BodyRow>(new CommandDefinition(
                    "SELECT id, name, name_en FROM body WHERE governance_model_id = @GovernanceModelId", query, cancellationToken: cancellationToken)))
                .ToDictionary(b => b.Id, b => new BodyRef(b.Id, b.Name, b.NameEn));
            BodyRef? BodyOf(Guid? id) => id is { } key && bodies.TryGetValue(key, out var body) ? body : null;

            var tasksByInitiative = tasks.ToLookup(t => t.InitiativeId);
            var allMilestones = new List<MilestoneProgress>();
            var includedTasks = new List<TaskProgress>();
            var areaResults = new List<FocusAreaProgress>();
            foreach (var area in focusAreas)
            {
                var initiativeResults = new List<InitiativeProgress>();
                foreach (var initiative in initiatives.Where(i => i.FocusAreaId == area.Id))
                {
                    var taskResults = tasksByInitiative[initiative.Id].Select(t =>
                    {
                        var ms = milestones[t.Id].Select(m => Classify(m, query.From, query.To)).ToList();
                        allMilestones.AddRange(ms);
                        return new TaskProgress(t.Id, t.Title, t.Status, BodyOf(t.ResponsibleBodyId), t.FundingProgramme,
                            t.StartsOn, t.DueOn, t.CompletedOn, t.TimingNote, ms);
                    }).ToList();
                    includedTasks.AddRange(taskResults);
                    initiativeResults.Add(new InitiativeProgress(initiative.Id, initiative.Code, initiative.Name, initiative.NameEn,
                        initiative.Status, BodyOf(initiative.ResponsibleBodyId), initiative.FundingProgramme, initiative.StartsOn,
                        initiative.EndsOn, initiative.TimingNote, taskResults.Count, CountByStatus(taskResults.Select(t => t.Status)), taskResults));
                }
                areaResults.Add(new FocusAreaProgress(area.Id, area.Code, area.Name, area.NameEn, initiativeResults));
            }
            var includedInitiatives = areaResults.SelectMany(a => a.Initiatives).ToList();
            var totals = new Totals(
                areaResults.Count, includedInitiatives.Count, includedTasks.Count,
                CountByStatus(includedInitiatives.Select(i => i.Status)), CountByStatus(includedTasks.Select(t => t.Status)),
                allMilestones.Count(m => m.DueInPeriod), allMilestones.Count(m => m.ReachedInPeriod), allMilestones.Count(m => m.State == MilestoneState.Overdue));
            return new WorkPlanProgress(query.GovernanceModelId, query.From, query.To, totals, areaResults);
        }

        private static MilestoneProgress Classify(MilestoneResponse m, DateOnly from, DateOnly to)
        {
            var state = m.ReachedOn is { } reached && reached < to ? MilestoneState.Reached
                : m.DueOn is null ? MilestoneState.Unscheduled
                : m.DueOn < to ? MilestoneState.Overdue
                : MilestoneState.Upcoming;
            return new MilestoneProgress(m.Title, m.DueOn, m.ReachedOn, state,
                m.DueOn is { } due && due >= from && due < to,
                m.ReachedOn is { } r && r >= from && r < to);
        }

        /// <summary>Every status, in a fixed order, zero counts included, so that reports line up and compare.</summary>
        private static List<StatusCount> CountByStatus(IEnumerable<WorkStatus> statuses)
        {
            var counts = statuses.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count());
            return Enum.GetValues<WorkStatus>().Select(s => new StatusCount(s, counts.GetValueOrDefault(s))).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/work-plan/progress", async (Guid governanceModelId, DateOnly from, DateOnly to, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(governanceModelId, from, to), http.RequestAborted)))
                .WithName("getWorkPlanProgress")
                .WithSummary("Arbejdsplanens fremdrift / Work plan progress")
                .WithDescription("Kræver governance:read (alle roller: læser, medlem, sekretariat, administrator; eller en API-nøgle med det scope). " +
                                 "Fremdrift for en halvåben periode [from, to): initiativer aktive i perioden, deres opgaver pr. status og milepæle " +
                                 "forfaldne, nået og overskredne. Statusrapporten bruger samme forespørgsel." +
                                 "\n\nNeeds governance:read (every role: reader, member, secretariat, administrator; or an API key with that scope). Progress " +
                                 "for a half-open period [from, to): initiatives active in the period, their tasks by status, and milestones due, reached " +
                                 "and overdue. The status report uses this very query.")
                .WithTags("WorkPlan")
                .RequirePermission(Permissions.GovernanceRead)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
