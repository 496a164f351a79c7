using Klima.Api.Domain.Routing;

namespace Klima.Api.Tests.Domain.Routing;

[TestFixture]
public sealed class CaseStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static StepFacts Step(int stage, int ordinal, string body, bool authoritative = true, DecisionOutcome? outcome = null,
        DateOnly? deadline = null, int minutes = 0, string? organisation = null) =>
        new(Guid.NewGuid(), stage, $"Stage {stage}", ordinal, Guid.NewGuid(), body, organisation is null ? null : Guid.NewGuid(), organisation,
            authoritative ? StepRole.Decision : StepRole.Recommendation, authoritative, deadline, null, null, outcome,
            outcome is null ? null : Now.AddMinutes(minutes));

    [Test]
    public void A_joint_stage_is_decided_only_when_every_parallel_body_has_decided()
    {
        var oneDecided = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", false, DecisionOutcome.Approved), Step(2, 1, "BRN", outcome: DecisionOutcome.Approved), Step(2, 2, "KKR")], Today);
        oneDecided.Stages[1].Decided.ShouldBeFalse();
        oneDecided.State.ShouldBe(CaseState.Open);
        oneDecided.CurrentStage.ShouldBe(2);
        oneDecided.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("KKR");

        var bothDecided = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", false, DecisionOutcome.Approved), Step(2, 1, "BRN", outcome: DecisionOutcome.Approved), Step(2, 2, "KKR", outcome: DecisionOutcome.Approved, minutes: 5)], Today);
        bothDecided.Stages[1].Decided.ShouldBeTrue();
        bothDecided.State.ShouldBe(CaseState.Approved);
        bothDecided.CurrentStage.ShouldBeNull();
        bothDecided.LastAction!.BodyName.ShouldBe("KKR");
    }

    [Test]
    public void A_postponement_keeps_the_step_open()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 1, "KKR", outcome: DecisionOutcome.Postponed)], Today);
        status.State.ShouldBe(CaseState.Open);
        status.Stages[0].Decided.ShouldBeFalse();
        status.NextSteps.ShouldHaveSingleItem();
    }

    [Test]
    public void Approval_next_to_rejection_in_one_stage_is_flagged_as_a_conflict()
    {
        var status = CaseStatusCalculator.Derive(
            [Step(1, 1, "BRN", outcome: DecisionOutcome.Approved), Step(1, 2, "KKR", outcome: DecisionOutcome.Rejected)], Today);
        status.Conflicting.ShouldBeTrue();
        status.Stages[0].Conflicting.ShouldBeTrue();
        status.State.ShouldBe(CaseState.Rejected);
    }

    [Test]
    public void A_fan_out_stage_counts_n_of_11_and_names_the_members_that_block()
    {
        var steps = Enumerable.Range(1, 11).Select(i => Step(1, i, $"Council {i}", organisation: $"Kommune {i}",
            outcome: i <= 9 ? DecisionOutcome.Approved : i == 10 ? DecisionOutcome.Rejected : null)).ToList();
        var stage = CaseStatusCalculator.Derive(steps, Today).Stages.ShouldHaveSingleItem();

        stage.Summary.ShouldBe("approved by 9 of 11, rejected by 1, 1 pending");
        stage.Approved.ShouldBe(9);
        stage.Blocking.ShouldHaveSingleItem().Name.ShouldBe("Kommune 10");
        stage.Awaiting.ShouldHaveSingleItem().Name.ShouldBe("Kommune 11");
        stage.Decided.ShouldBeFalse();
    }

    [Test]
    public void Open_steps_past_their_deadline_are_overdue()
    {
        var status = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", false, deadline: Today.AddDays(-1)), Step(2, 1, "KKR", deadline: Today.AddDays(10)), Step(2, 2, "BRN", outcome: DecisionOutcome.Approved, deadline: Today.AddDays(-3))], Today);
        status.Overdue.ShouldHaveSingleItem().BodyName.ShouldBe("T11+");
    }

    [Test]
    public void A_route_of_only_discussion_concludes_without_approval()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 1, "Dialogforum", false, DecisionOutcome.Noted)], Today);
        status.State.ShouldBe(CaseState.Concluded);
        status.Stages[0].Summary.ShouldBe("completed");
    }

    [Test]
    public void A_case_without_steps_is_unrouted()
    {
        CaseStatusCalculator.Derive([], Today).State.ShouldBe(CaseState.Unrouted);
    }
}
