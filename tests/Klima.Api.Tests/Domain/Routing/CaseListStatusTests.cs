using Klima.Api.Domain.Routing;

namespace Klima.Api.Tests.Domain.Routing;

/// <summary>
/// The cases list derives its part of the status while it reads the steps (<see cref="CaseListStatusBuilder"/>); it must say
/// exactly what <see cref="CaseStatusCalculator.Derive"/> says of the same steps: state, stage in progress, the steps
/// awaited (in order) and the number of overdue steps.
/// </summary>
[TestFixture]
public sealed class CaseListStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static CaseListStatus Build(CaseListStatusBuilder builder, IEnumerable<StepFacts> steps)
    {
        foreach (var s in steps)
        {
            var needs = builder.Add(s.StageOrdinal, s.Role, s.Authoritative, s.RecommendedAt is not null, s.Outcome, s.Deadline);
            if ((needs & CaseListStatusBuilder.Needs.StageName) != 0)
            {
                builder.StageName(s.StageName);
            }
            if ((needs & CaseListStatusBuilder.Needs.Reference) != 0)
            {
                builder.Awaits(new StepRef(s.StepId, s.BodyId, s.BodyName, s.OrganisationName, s.Role, s.Deadline, s.MeetingDate));
            }
        }
        return builder.Finish();
    }

    private static void ShouldMatchDerive(CaseListStatus list, IReadOnlyList<StepFacts> steps, string because)
    {
        var full = CaseStatusCalculator.Derive(steps, Today);
        list.State.ShouldBe(full.State, because);
        list.CurrentStageName.ShouldBe(full.CurrentStageName, because);
        list.Awaiting.ShouldBe(full.NextSteps, because);
        list.OverdueSteps.ShouldBe(full.Overdue.Count, because);
    }

    private static StepFacts Step(int stage, int ordinal, StepRole role, bool authoritative, DecisionOutcome? outcome = null, bool recommended = false,
        DateOnly? deadline = null) =>
        new(Guid.NewGuid(), stage, $"Stage {stage}", ordinal, Guid.NewGuid(), $"Body {stage}.{ordinal}", null, null, role, authoritative, deadline,
            null, recommended ? Now : null, outcome, outcome is null ? null : Now);

    [Test]
    public void A_case_without_steps_is_unrouted()
    {
        var status = new CaseListStatusBuilder(Today).Finish();
        status.State.ShouldBe(CaseState.Unrouted);
        status.CurrentStageName.ShouldBeNull();
        status.Awaiting.ShouldBeEmpty();
        status.OverdueSteps.ShouldBe(0);
    }

    [Test]
    public void A_rejection_in_a_decided_stage_stops_the_later_stages_and_their_overdue_steps()
    {
        List<StepFacts> steps =
        [
            Step(1, 1, StepRole.Decision, true, DecisionOutcome.Rejected),
            Step(2, 1, StepRole.Decision, true, deadline: Today.AddDays(-3)),
        ];
        var status = Build(new CaseListStatusBuilder(Today), steps);
        status.State.ShouldBe(CaseState.Rejected);
        status.OverdueSteps.ShouldBe(0);
        status.Awaiting.ShouldBeEmpty();
        ShouldMatchDerive(status, steps, "rejected in stage 1");
    }

    [Test]
    public void The_stage_in_progress_lists_its_steps_not_done_in_order_and_counts_overdue_steps_of_every_reachable_stage()
    {
        List<StepFacts> steps =
        [
            Step(1, 1, StepRole.Recommendation, false, recommended: true),
            Step(2, 1, StepRole.Decision, true, DecisionOutcome.Approved),
            Step(2, 2, StepRole.Decision, true, DecisionOutcome.Postponed, deadline: Today.AddDays(-1)),
            Step(2, 3, StepRole.Consultation, false, deadline: Today),
            Step(3, 1, StepRole.Decision, true, deadline: Today.AddDays(-10)),
        ];
        var status = Build(new CaseListStatusBuilder(Today), steps);
        status.State.ShouldBe(CaseState.Open);
        status.CurrentStageName.ShouldBe("Stage 2");
        status.Awaiting.Select(a => a.BodyName).ShouldBe(["Body 2.2", "Body 2.3"]);
        status.OverdueSteps.ShouldBe(2);
        ShouldMatchDerive(status, steps, "open in stage 2");
    }

    [Test]
    public void Says_what_the_full_derivation_says_for_thousands_of_random_routes_read_by_one_builder()
    {
        var random = new Random(19);
        var roles = Enum.GetValues<StepRole>();
        DecisionOutcome?[] outcomes = [null, null, DecisionOutcome.Approved, DecisionOutcome.ApprovedWithChanges, DecisionOutcome.Rejected,
            DecisionOutcome.Postponed, DecisionOutcome.Referred, DecisionOutcome.Noted];
        var builder = new CaseListStatusBuilder(Today); // reused, as the list reuses it for every case of a page
        var seen = new HashSet<CaseState>();
        for (var n = 0; n < 5000; n++)
        {
            var steps = new List<StepFacts>();
            var stages = random.Next(0, 5);
            for (var stage = 1; stage <= stages; stage++)
            {
                var count = random.Next(1, 5);
                for (var ordinal = 1; ordinal <= count; ordinal++)
                {
                    steps.Add(Step(stage * 10, ordinal, roles[random.Next(roles.Length)], random.Next(3) == 0, outcomes[random.Next(outcomes.Length)],
                        random.Next(2) == 0, random.Next(3) == 0 ? null : Today.AddDays(random.Next(-5, 5))));
                }
            }
            var status = Build(builder, steps);
            seen.Add(status.State);
            ShouldMatchDerive(status, steps, $"route {n}: " + string.Join("; ", steps.Select(s =>
                $"{s.StageOrdinal}.{s.Ordinal} {s.Role} a={s.Authoritative} {s.Outcome} r={s.RecommendedAt is not null} d={s.Deadline}")));
        }
        seen.Count.ShouldBe(Enum.GetValues<CaseState>().Length, "the random routes reach every state");
    }
}
