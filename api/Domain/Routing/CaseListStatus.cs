namespace Klima.Api.Domain.Routing;

/// <summary>What a list shows of a case's status: its state, the stage in progress, the steps it awaits and how many are overdue.</summary>
public readonly record struct CaseListStatus(CaseState State, string? CurrentStageName, IReadOnlyList<StepRef> Awaiting, int OverdueSteps);

/// <summary>
/// The list's part of <see cref="CaseStatusCalculator.Derive"/> (state, stage in progress, next steps, number of overdue
/// steps) computed while a case's steps are read, one at a time in route order (stage, then ordinal), without building
/// the full status (stage summaries, tallies, last action) that a list throws away (issue 19: the cases page). The rules
/// are Derive's: a stage is completed when all its steps are done; decided when every authoritative step that was not
/// referred is done (or, without such steps, when it is completed); the first decided stage with a rejection stops the
/// stages after it; the stage in progress is the first reachable stage that is not completed; overdue steps are the
/// reachable steps not done whose deadline is before today. A step's texts (stage name, body, organisation, meeting) are
/// asked for only when they can appear in the answer (<see cref="Needs"/>), so the reader leaves the other columns unread.
/// One instance reads many cases: <see cref="Finish"/> returns a case's status and starts the next.
/// </summary>
public sealed class CaseListStatusBuilder(DateOnly today)
{
    /// <summary>What the caller must supply for the step just added.</summary>
    [Flags]
    public enum Needs
    {
        Nothing = 0,
        /// <summary>The step's stage name (<see cref="StageName"/>): it opens a stage that may be the one in progress.</summary>
        StageName = 1,
        /// <summary>The step's reference (<see cref="Awaits"/>): it is not done and its stage may be the one in progress.</summary>
        Reference = 2,
    }

    private bool _any;
    private bool _stopped;
    private bool _currentFound;
    private string? _currentStageName;
    private List<StepRef>? _awaiting;
    private int _overdue;
    private int _authoritative;
    private int _authoritativeNotApproved;

    // The stage being read.
    private int _stage;
    private string? _stageName;
    private int _steps;
    private int _done;
    private int _deciding;
    private int _decidingRejected;
    private int _decidingPending;
    private int _stageOverdue;
    private int _stageAuthoritativeNotApproved;
    private List<StepRef>? _stageWaiting;

    /// <summary>Adds the case's next step, in route order (stage ordinal, then ordinal). Returns what else to supply for it.</summary>
    public Needs Add(int stageOrdinal, StepRole role, bool authoritative, bool recommended, DecisionOutcome? outcome, DateOnly? deadline)
    {
        var needs = Needs.Nothing;
        if (!_any || stageOrdinal != _stage)
        {
            if (_any)
            {
                CloseStage();
            }
            _any = true;
            _stage = stageOrdinal;
            _stageName = null;
            _steps = _done = _deciding = _decidingRejected = _decidingPending = _stageOverdue = _stageAuthoritativeNotApproved = 0;
            _stageWaiting?.Clear();
            if (!_stopped && !_currentFound)
            {
                needs |= Needs.StageName;
            }
        }
        var done = StepCompletion.IsDone(role, authoritative, recommended, outcome);
        _steps++;
        if (done)
        {
            _done++;
        }
        if (authoritative && outcome != DecisionOutcome.Referred)
        {
            _deciding++;
            if (outcome == DecisionOutcome.Rejected)
            {
                _decidingRejected++;
            }
            if (!done)
            {
                _decidingPending++;
            }
            if (outcome is not (DecisionOutcome.Approved or DecisionOutcome.ApprovedWithChanges))
            {
                _stageAuthoritativeNotApproved++;
            }
        }
        if (!done && deadline is { } d && d < today)
        {
            _stageOverdue++;
        }
        if (!done && !_stopped && !_currentFound)
        {
            needs |= Needs.Reference;
        }
        return needs;
    }

    /// <summary>The name of the stage the step just added opened (asked for by <see cref="Needs.StageName"/>).</summary>
    public void StageName(string name) => _stageName = name;

    /// <summary>The reference of the step just added (asked for by <see cref="Needs.Reference"/>).</summary>
    public void Awaits(StepRef step) => (_stageWaiting ??= []).Add(step);

    /// <summary>The status of the case whose steps were added (unrouted without steps); the builder is then empty for the next case.</summary>
    public CaseListStatus Finish()
    {
        if (!_any)
        {
            return new CaseListStatus(CaseState.Unrouted, null, [], 0);
        }
        CloseStage();
        var state = _currentFound ? CaseState.Open
            : _stopped ? CaseState.Rejected
            : _authoritative > 0 && _authoritativeNotApproved == 0 ? CaseState.Approved
            : CaseState.Concluded;
        var status = new CaseListStatus(state, _currentStageName, _awaiting ?? (IReadOnlyList<StepRef>)[], _overdue);
        _any = _stopped = _currentFound = false;
        _currentStageName = null;
        _awaiting = null;
        _overdue = _authoritative = _authoritativeNotApproved = 0;
        _stageWaiting?.Clear();
        return status;
    }

    private void CloseStage()
    {
        if (_stopped)
        {
            return; // a stage after a stop is never reached: it neither counts nor can be in progress
        }
        var completed = _done == _steps;
        var decided = _deciding > 0 ? _decidingPending == 0 : completed;
        _overdue += _stageOverdue;
        _authoritative += _deciding;
        _authoritativeNotApproved += _stageAuthoritativeNotApproved;
        if (!_currentFound && !completed)
        {
            _currentFound = true;
            _currentStageName = _stageName;
            _awaiting = _stageWaiting is { Count: > 0 } waiting ? [.. waiting] : [];
        }
        if (decided && _decidingRejected > 0)
        {
            _stopped = true;
        }
    }
}
