namespace Klima.Api.Domain.Routing;

/// <summary>A step as status derivation sees it: where it sits in the route and what was recorded.</summary>
public sealed record StepFacts(Guid StepId, int StageOrdinal, string StageName, int Ordinal, Guid BodyId, string BodyName,
    Guid? OrganisationId, string? OrganisationName, StepRole Role, bool Authoritative, DateOnly? Deadline,
    DateOnly? MeetingDate, DateTimeOffset? RecommendedAt, DecisionOutcome? Outcome, DateTimeOffset? DecidedAt);

public enum StageState
{
    Pending,
    InProgress,
    Completed,
}

public enum CaseState
{
    /// <summary>Not every stage is completed yet.</summary>
    Open,
    /// <summary>Every stage is completed and every authoritative step approved (with or without changes).</summary>
    Approved,
    /// <summary>Every stage is completed and at least one authoritative step rejected.</summary>
    Rejected,
    /// <summary>Every stage is completed without an authoritative approval or rejection (e.g. a dialogue topic).</summary>
    Concluded,
    /// <summary>The case has no route.</summary>
    Unrouted,
}

public sealed record PartyTally(Guid? OrganisationId, string Name, DecisionOutcome? Outcome);

public sealed record StageStatus(int Ordinal, string Name, StageState State, bool Decided, int Steps, int Authoritative,
    int Approved, int Rejected, int Pending, bool Conflicting, string Summary, IReadOnlyList<PartyTally> Blocking, IReadOnlyList<PartyTally> Awaiting);

public sealed record StepRef(Guid StepId, Guid BodyId, string BodyName, string? OrganisationName, StepRole Role, DateOnly? Deadline, DateOnly? MeetingDate);

public sealed record LastAction(Guid StepId, string BodyName, string Action, DecisionOutcome? Outcome, DateTimeOffset At);

public sealed record CaseStatusView(CaseState State, int? CurrentStage, string? CurrentStageName, IReadOnlyList<StepRef> NextSteps,
    LastAction? LastAction, IReadOnlyList<StepRef> Overdue, bool Conflicting, IReadOnlyList<StageStatus> Stages);

/// <summary>
/// A step is finished by what its role asks: a deciding step (decision, approval or authoritative) by a decision
/// (approved, approved with changes or rejected); a step to prepare or recommend by its recommendation; a consultation
/// by its answer (a recommendation) or by being noted; an orientation or discussion by being noted. A referral hands
/// the step on (the body referred to gets its own step) and so finishes it; a postponement never does.
/// </summary>
public static class StepCompletion
{
    private static readonly DecisionOutcome[] Deciding =
        [DecisionOutcome.Approved, DecisionOutcome.ApprovedWithChanges, DecisionOutcome.Rejected, DecisionOutcome.Postponed, DecisionOutcome.Referred];

    public static bool IsDone(StepRole role, bool authoritative, bool recommended, DecisionOutcome? outcome) =>
        outcome == DecisionOutcome.Referred || (RoutingEngine.Decides(role, authoritative)
            ? outcome is DecisionOutcome.Approved or DecisionOutcome.ApprovedWithChanges or DecisionOutcome.Rejected
            : role switch
            {
                StepRole.Recommendation => recommended,
                StepRole.Consultation => recommended || outcome == DecisionOutcome.Noted,
                _ => outcome == DecisionOutcome.Noted,
            });

    public static bool IsDone(StepFacts step) => IsDone(step.Role, step.Authoritative, step.RecommendedAt is not null, step.Outcome);

    /// <summary>
    /// The outcomes a step may record: a deciding step decides (or postpones, or refers), never "noted", and only when its
    /// body's mandate allows it to decide; a step to recommend records its recommendation (it may be postponed or
    /// referred); orientation, discussion and consultation are noted.
    /// </summary>
    public static IReadOnlyList<DecisionOutcome> AllowedOutcomes(StepRole role, bool authoritative, bool bodyCanDecide) =>
        RoutingEngine.Decides(role, authoritative)
            ? bodyCanDecide ? Deciding : [DecisionOutcome.Postponed, DecisionOutcome.Referred]
            : role == StepRole.Recommendation
                ? [DecisionOutcome.Postponed, DecisionOutcome.Referred]
                : [DecisionOutcome.Noted, DecisionOutcome.Postponed, DecisionOutcome.Referred];

    /// <summary>Orientation and discussion are noted; every other role may carry a recommendation (indstilling).</summary>
    public static bool TakesRecommendation(StepRole role) => role is not (StepRole.Orientation or StepRole.Discussion);

    /// <summary>
    /// The first step of an earlier stage that is not finished yet (parallel steps of one stage go in any order), or null
    /// when <paramref name="step"/> may be treated.
    /// </summary>
    public static StepFacts? MustComeFirst(IReadOnlyList<StepFacts> steps, StepFacts step) =>
        steps.Where(s => s.StageOrdinal < step.StageOrdinal && !IsDone(s)).OrderBy(s => s.StageOrdinal).ThenBy(s => s.Ordinal).FirstOrDefault();

    /// <summary>An outcome that ends the step's treatment; recording another needs an explicit correction (a postponement does not).</summary>
    public static bool IsFinal(DecisionOutcome? outcome) => outcome is not null and not DecisionOutcome.Postponed;
}

/// <summary>
/// Derives a case's status from its steps; it is never typed in. A step is done by what its role asks
/// (<see cref="StepCompletion"/>). A stage is completed when all its steps are done, and decided only when every
/// authoritative step in it has decided (so a joint stage waits for every parallel body). Approval next to rejection
/// among the authoritative steps of one stage is a conflict. A decided stage with a rejection stops the stages after
/// it: the case is rejected and they are never current. A referred step counts neither for nor against.
/// </summary>
public static class CaseStatusCalculator
{
    public static bool IsDone(StepFacts step) => StepCompletion.IsDone(step);

    /// <summary>Whether an outcome ends a treatment (anything but a postponement); see <see cref="StepCompletion.IsFinal"/>.</summary>
    public static bool IsDone(DecisionOutcome? outcome) => StepCompletion.IsFinal(outcome);

    private static bool IsApproval(DecisionOutcome? outcome) => outcome is DecisionOutcome.Approved or DecisionOutcome.ApprovedWithChanges;

    /// <param name="say">Says a stage's summary in the caller's language (the API passes its message catalogue).</param>
    public static CaseStatusView Derive(IReadOnlyList<StepFacts> steps, DateOnly today, Func<Text, string>? say = null)
    {
        say ??= t => t.ToString();
        if (steps.Count == 0)
        {
            return new CaseStatusView(CaseState.Unrouted, null, null, [], null, [], false, []);
        }
        var stages = steps.GroupBy(s => s.StageOrdinal).OrderBy(g => g.Key).Select(g => Stage(g.OrderBy(s => s.Ordinal).ToList(), say)).ToList();
        var stop = stages.FirstOrDefault(s => s.Decided && s.Rejected > 0);
        var reachable = stop is null ? stages : stages.Where(s => s.Ordinal <= stop.Ordinal).ToList();
        var current = reachable.FirstOrDefault(s => s.State != StageState.Completed);
        var next = current is null
            ? []
            : steps.Where(s => s.StageOrdinal == current.Ordinal && !IsDone(s)).OrderBy(s => s.Ordinal).Select(Ref).ToList();
        var overdue = steps.Where(s => !IsDone(s) && s.Deadline is { } d && d < today && (stop is null || s.StageOrdinal <= stop.Ordinal))
            .OrderBy(s => s.Deadline).ThenBy(s => s.StageOrdinal).ThenBy(s => s.Ordinal).Select(Ref).ToList();

        var actions = steps.SelectMany(s => new[]
            {
                s.RecommendedAt is { } r ? new LastAction(s.StepId, s.BodyName, "recommendation", null, r) : null,
                s.DecidedAt is { } d ? new LastAction(s.StepId, s.BodyName, "decision", s.Outcome, d) : null,
            })
            .OfType<LastAction>()
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Action, StringComparer.Ordinal)
            .FirstOrDefault();

        var reached = reachable.Select(s => s.Ordinal).ToHashSet();
        var authoritative = steps.Where(s => s.Authoritative && s.Outcome != DecisionOutcome.Referred && reached.Contains(s.StageOrdinal)).ToList();
        var state = current is not null
            ? CaseState.Open
            : stop is not null ? CaseState.Rejected
            : authoritative.Count > 0 && authoritative.All(s => IsApproval(s.Outcome)) ? CaseState.Approved
            : CaseState.Concluded;
        return new CaseStatusView(state, current?.Ordinal, current?.Name, next, actions, overdue, stages.Any(s => s.Conflicting), stages);
    }

    private static StageStatus Stage(List<StepFacts> steps, Func<Text, string> say)
    {
        var done = steps.Count(IsDone);
        var state = done == steps.Count ? StageState.Completed
            : done == 0 && steps.All(s => s.Outcome is null && s.RecommendedAt is null) ? StageState.Pending
            : StageState.InProgress;
        var deciding = steps.Where(s => s.Authoritative && s.Outcome != DecisionOutcome.Referred).ToList();
        var approved = deciding.Count(s => IsApproval(s.Outcome));
        var rejected = deciding.Count(s => s.Outcome == DecisionOutcome.Rejected);
        var pending = deciding.Count(s => !IsDone(s));
        var decided = deciding.Count > 0 ? pending == 0 : state == StageState.Completed;
        var blocking = deciding.Where(s => s.Outcome == DecisionOutcome.Rejected).Select(Tally).ToList();
        var awaiting = steps.Where(s => !IsDone(s)).Select(Tally).ToList();
        var summary = deciding.Count switch
        {
            0 => state == StageState.Completed ? new Text("Stage.Completed") : new Text("Stage.StepsDone", done, steps.Count),
            1 => deciding[0].Outcome is { } o && IsDone(deciding[0]) ? new Text("Stage.OutcomeBy", o, deciding[0].BodyName) : new Text("Stage.Awaiting", deciding[0].BodyName),
            _ => Text.Join("", [
                new Text("Stage.ApprovedBy", approved, deciding.Count),
                .. rejected > 0 ? [new Text("Stage.RejectedBy", rejected)] : Array.Empty<Text>(),
                .. pending > 0 ? [new Text("Stage.Pending", pending)] : Array.Empty<Text>()]),
        };
        return new StageStatus(steps[0].StageOrdinal, steps[0].StageName, state, decided, steps.Count, deciding.Count, approved, rejected, pending,
            approved > 0 && rejected > 0, say(summary), blocking, awaiting);
    }

    private static PartyTally Tally(StepFacts s) => new(s.OrganisationId, s.OrganisationName ?? s.BodyName, s.Outcome);

    private static StepRef Ref(StepFacts s) => new(s.StepId, s.BodyId, s.BodyName, s.OrganisationName, s.Role, s.Deadline, s.MeetingDate);
}
