using Klima.Api.Infrastructure.Localization;
using Klima.Api.Domain.Routing;

namespace Klima.Api.Tests.Domain.Routing;

[TestFixture]
public sealed class CaseStatusTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);

    private static StepFacts Step(int stage, int ordinal, string body, bool authoritative = true, DecisionOutcome? outcome = null,
        DateOnly? deadline = null, int minutes = 0, string? organisation = null, StepRole? role = null, bool recommended = false) =>
        new(Guid.NewGuid(), stage, $"Stage {stage}", ordinal, Guid.NewGuid(), body, organisation is null ? null : Guid.NewGuid(), organisation,
            role ?? (authoritative ? StepRole.Decision : StepRole.Recommendation), authoritative, deadline, null, recommended ? Now.AddMinutes(minutes) : null, outcome,
            outcome is null ? null : Now.AddMinutes(minutes));

    [Test]
    public void A_joint_stage_is_decided_only_when_every_parallel_body_has_decided()
    {
        var oneDecided = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", false, recommended: true), Step(2, 1, "BRN", outcome: DecisionOutcome.Approved), Step(2, 2, "KKR")], Today);
        oneDecided.Stages[1].Decided.ShouldBeFalse();
        oneDecided.State.ShouldBe(CaseState.Open);
        oneDecided.CurrentStage.ShouldBe(2);
        oneDecided.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("KKR");

        var bothDecided = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", false, recommended: true), Step(2, 1, "BRN", outcome: DecisionOutcome.Approved), Step(2, 2, "KKR", outcome: DecisionOutcome.Approved, minutes: 5)], Today);
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
        var stage = CaseStatusCalculator.Derive(steps, Today, t => Messages.Say(t, Messages.Danish)).Stages.ShouldHaveSingleItem();

        stage.Summary.ShouldBe("godkendt af 9 af 11, afvist af 1, 1 afventer");
        CaseStatusCalculator.Derive(steps, Today, t => Messages.Say(t, Messages.English)).Stages[0].Summary.ShouldBe("approved by 9 of 11, rejected by 1, 1 pending");
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
    public void A_step_is_not_overdue_on_its_deadline_day_only_after_it()
    {
        CaseStatusCalculator.Derive([Step(1, 1, "KKR", deadline: Today)], Today).Overdue.ShouldBeEmpty();
        CaseStatusCalculator.Derive([Step(1, 1, "KKR", deadline: Today)], Today.AddDays(1)).Overdue.ShouldHaveSingleItem();
    }

    [Test]
    public void A_rejection_alone_is_no_conflict()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 1, "BRN", outcome: DecisionOutcome.Rejected), Step(1, 2, "KKR", outcome: DecisionOutcome.Rejected)], Today);
        status.Conflicting.ShouldBeFalse();
        status.State.ShouldBe(CaseState.Rejected);
    }

    [Test]
    public void A_route_of_only_discussion_concludes_without_approval()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 1, "Dialogforum", false, DecisionOutcome.Noted, role: StepRole.Discussion)], Today, t => Messages.Say(t, Messages.English));
        status.State.ShouldBe(CaseState.Concluded);
        status.Stages[0].Summary.ShouldBe("completed");
    }

    [Test]
    public void A_recommendation_finishes_a_step_to_recommend_and_where_it_is_now_moves_on()
    {
        var before = CaseStatusCalculator.Derive([Step(1, 1, "Sekretariat", false), Step(2, 1, "T11+", false), Step(3, 1, "KKR")], Today);
        before.CurrentStageName.ShouldBe("Stage 1");
        var after = CaseStatusCalculator.Derive([Step(1, 1, "Sekretariat", false, recommended: true), Step(2, 1, "T11+", false, recommended: true), Step(3, 1, "KKR")], Today);
        after.CurrentStage.ShouldBe(3);
        after.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("KKR");
        after.Stages[0].State.ShouldBe(StageState.Completed);
    }

    [TestCase(StepRole.Recommendation, false, false, DecisionOutcome.Noted, false)]
    [TestCase(StepRole.Recommendation, false, true, null, true)]
    [TestCase(StepRole.Consultation, false, false, DecisionOutcome.Noted, true)]
    [TestCase(StepRole.Consultation, false, true, null, true)]
    [TestCase(StepRole.Discussion, false, false, DecisionOutcome.Noted, true)]
    [TestCase(StepRole.Discussion, false, true, null, false)]
    [TestCase(StepRole.Orientation, false, false, DecisionOutcome.Postponed, false)]
    [TestCase(StepRole.Decision, true, false, DecisionOutcome.Noted, false)]
    [TestCase(StepRole.Decision, true, true, null, false)]
    [TestCase(StepRole.Decision, true, false, DecisionOutcome.Rejected, true)]
    [TestCase(StepRole.Decision, true, false, DecisionOutcome.ApprovedWithChanges, true)]
    [TestCase(StepRole.Decision, true, false, DecisionOutcome.Postponed, false)]
    [TestCase(StepRole.Approval, false, false, DecisionOutcome.Noted, false)]
    [TestCase(StepRole.Approval, false, false, DecisionOutcome.Approved, true)]
    [TestCase(StepRole.Recommendation, true, true, null, false)]
    [TestCase(StepRole.Discussion, false, false, DecisionOutcome.Referred, true)]
    public void A_step_is_finished_by_what_its_role_asks(StepRole role, bool authoritative, bool recommended, DecisionOutcome? outcome, bool done) =>
        StepCompletion.IsDone(role, authoritative, recommended, outcome).ShouldBe(done);

    [Test]
    public void A_step_offers_only_the_outcomes_its_role_and_the_bodys_mandate_allow()
    {
        StepCompletion.AllowedOutcomes(StepRole.Decision, true, bodyCanDecide: true).ShouldBe(
            [DecisionOutcome.Approved, DecisionOutcome.ApprovedWithChanges, DecisionOutcome.Rejected, DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        StepCompletion.AllowedOutcomes(StepRole.Decision, true, bodyCanDecide: false).ShouldBe([DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        StepCompletion.AllowedOutcomes(StepRole.Recommendation, false, bodyCanDecide: true).ShouldBe([DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        StepCompletion.AllowedOutcomes(StepRole.Discussion, false, bodyCanDecide: true).ShouldBe([DecisionOutcome.Noted, DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        StepCompletion.AllowedOutcomes(StepRole.Consultation, false, bodyCanDecide: false).ShouldBe([DecisionOutcome.Noted, DecisionOutcome.Postponed, DecisionOutcome.Referred]);
        StepCompletion.AllowedOutcomes(StepRole.Recommendation, true, bodyCanDecide: true).ShouldContain(DecisionOutcome.Rejected);
        StepCompletion.TakesRecommendation(StepRole.Discussion).ShouldBeFalse();
        StepCompletion.TakesRecommendation(StepRole.Orientation).ShouldBeFalse();
        StepCompletion.TakesRecommendation(StepRole.Decision).ShouldBeTrue();
        StepCompletion.TakesRecommendation(StepRole.Consultation).ShouldBeTrue();
    }

    [Test]
    public void An_earlier_stage_must_be_finished_first_but_parallel_steps_go_in_any_order()
    {
        List<StepFacts> steps = [Step(1, 1, "T11+", false), Step(2, 1, "BRN"), Step(2, 2, "KKR")];
        StepCompletion.MustComeFirst(steps, steps[1])!.BodyName.ShouldBe("T11+");
        StepCompletion.MustComeFirst(steps, steps[0]).ShouldBeNull();
        List<StepFacts> prepared = [Step(1, 1, "T11+", false, recommended: true), Step(2, 1, "BRN"), Step(2, 2, "KKR")];
        StepCompletion.MustComeFirst(prepared, prepared[2]).ShouldBeNull();
        StepCompletion.MustComeFirst(prepared, prepared[1]).ShouldBeNull();
    }

    [Test]
    public void What_must_come_first_is_the_earliest_unfinished_step_by_stage_then_ordinal()
    {
        List<StepFacts> steps = [Step(2, 2, "B2", false), Step(2, 1, "B1", false), Step(1, 2, "A2", false), Step(1, 1, "A1", false), Step(3, 1, "KKR")];
        StepCompletion.MustComeFirst(steps, steps[4])!.BodyName.ShouldBe("A1");
        StepCompletion.MustComeFirst(steps, steps[0])!.BodyName.ShouldBe("A1");
    }

    [Test]
    public void Next_steps_are_listed_in_their_order_within_the_stage()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 3, "C"), Step(1, 1, "A"), Step(1, 2, "B")], Today);
        status.NextSteps.Select(s => s.BodyName).ShouldBe(["A", "B", "C"]);
        status.Stages.ShouldHaveSingleItem().Awaiting.Select(a => a.Name).ShouldBe(["A", "B", "C"]);
    }

    [Test]
    public void A_rejection_by_a_deciding_body_stops_the_stages_after_it()
    {
        var status = CaseStatusCalculator.Derive(
            [Step(1, 1, "T11+", outcome: DecisionOutcome.Rejected), Step(2, 1, "BRN", deadline: Today.AddDays(-2)), Step(2, 2, "KKR")], Today);
        status.State.ShouldBe(CaseState.Rejected);
        status.CurrentStage.ShouldBeNull();
        status.NextSteps.ShouldBeEmpty();
        status.Overdue.ShouldBeEmpty();
        status.Conflicting.ShouldBeFalse();
    }

    [Test]
    public void A_rejection_next_to_a_pending_parallel_decision_waits_for_it()
    {
        var status = CaseStatusCalculator.Derive([Step(1, 1, "BRN", outcome: DecisionOutcome.Rejected), Step(1, 2, "KKR"), Step(2, 1, "Råd")], Today);
        status.State.ShouldBe(CaseState.Open);
        status.CurrentStage.ShouldBe(1);
        status.Conflicting.ShouldBeFalse();
    }

    [Test]
    public void A_case_is_approved_only_when_every_authoritative_step_approved()
    {
        CaseStatusCalculator.Derive([Step(1, 1, "BRN", outcome: DecisionOutcome.Approved), Step(1, 2, "KKR")], Today).State.ShouldBe(CaseState.Open);
        CaseStatusCalculator.Derive([Step(1, 1, "BRN", outcome: DecisionOutcome.Approved), Step(1, 2, "KKR", outcome: DecisionOutcome.ApprovedWithChanges)], Today)
            .State.ShouldBe(CaseState.Approved);
        CaseStatusCalculator.Derive([Step(1, 1, "BRN", outcome: DecisionOutcome.Approved), Step(2, 1, "Dialog", false, DecisionOutcome.Noted, role: StepRole.Discussion)], Today)
            .State.ShouldBe(CaseState.Approved);
    }

    [Test]
    public void A_referral_hands_the_step_on_and_the_body_referred_to_decides()
    {
        var referred = Step(1, 1, "KKR", outcome: DecisionOutcome.Referred);
        var open = CaseStatusCalculator.Derive([referred, Step(1, 2, "Regionsrådet")], Today);
        open.State.ShouldBe(CaseState.Open);
        open.NextSteps.ShouldHaveSingleItem().BodyName.ShouldBe("Regionsrådet");
        open.Stages[0].Authoritative.ShouldBe(1);
        CaseStatusCalculator.Derive([referred, Step(1, 2, "Regionsrådet", outcome: DecisionOutcome.Approved)], Today).State.ShouldBe(CaseState.Approved);
        CaseStatusCalculator.Derive([referred], Today).State.ShouldBe(CaseState.Concluded);
    }

    [Test]
    public void A_case_without_steps_is_unrouted()
    {
        CaseStatusCalculator.Derive([], Today).State.ShouldBe(CaseState.Unrouted);
    }
}
