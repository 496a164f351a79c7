using Klima.Api.Infrastructure.Localization;
using Klima.Api.Domain.Routing;

namespace Klima.Api.Tests.Domain.Routing;

[TestFixture]
public sealed class RoutingEngineTests
{
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly RoutingBody Secretariat = new(Guid.NewGuid(), "secretariat", "Sekretariatet", "secretariat", false, null);
    private static readonly RoutingBody T11 = new(Guid.NewGuid(), "t11", "T11+", "administrativeSteeringGroup", true, null);
    private static readonly RoutingBody Board = new(Guid.NewGuid(), "brn-board", "BRN-bestyrelsen", "politicalBoard", true, null);
    private static readonly RoutingBody Kkr = new(Guid.NewGuid(), "kkr", "KKR", "politicalForum", true, null);
    private static readonly RoutingBody Forum = new(Guid.NewGuid(), "dialogue-forum", "Dialogforum", "dialogueForum", false, null);
    private static readonly RoutingParty[] Parties =
    [
        new(Guid.NewGuid(), "Aalborg Kommune", "municipality"),
        new(Guid.NewGuid(), "Læsø Kommune", "municipality"),
        new(Guid.NewGuid(), "Region Nordjylland", "region"),
    ];
    private static readonly RoutingBody[] Councils = Parties.Where(p => p.Kind == "municipality")
        .Select(p => new RoutingBody(Guid.NewGuid(), "council", "Kommunalbestyrelsen i " + p.Name, "council", true, p.OrganisationId)).ToArray();
    private static readonly RoutingBody[] Bodies = [Secretariat, T11, Board, Kkr, Forum, .. Councils];

    private static RoutingRule Joint(int priority = 20) => new(Guid.NewGuid(), "joint", "Fælles", null, "joint", null, priority, "doc",
    [
        new RuleStep(1, "Forberedelse", Secretariat.Id, null, null, StepRole.Recommendation, false, 14, null),
        new RuleStep(2, "Administrativ", T11.Id, null, null, StepRole.Recommendation, false, 21, null),
        new RuleStep(3, "Politisk", Board.Id, null, null, StepRole.Decision, true, 30, null),
        new RuleStep(3, "Politisk", Kkr.Id, null, null, StepRole.Decision, true, 30, null),
    ]);

    private static RoutingRule JointWithCouncils() => Joint(10) with
    {
        Code = "joint-with-councils",
        RequiresCouncilDecision = true,
        Steps = [.. Joint().Steps, new RuleStep(4, "Kommunalbestyrelser", null, RoutingEngine.FanOutMemberCouncils, "municipality", StepRole.Decision, true, 60, null)],
    };

    [Test]
    public void Joint_interest_routes_through_T11_to_the_board_and_KKR_in_one_parallel_stage()
    {
        var plan = RoutingEngine.Route(new RoutingInput("joint", false, Today), [JointWithCouncils(), Joint()], Bodies, Parties);

        plan.Rule!.Code.ShouldBe("joint");
        plan.Stages.Select(s => s.Steps.Count).ShouldBe([1, 1, 2]);
        plan.Stages[2].Steps.Select(s => s.BodyName).ShouldBe(["BRN-bestyrelsen", "KKR"]);
        // Said by the rules' names, in either language.
        var english = Messages.Say(plan.Explanation, Messages.English);
        english.ShouldStartWith("Rule 'Fælles' (priority 20) matched: the case's interest 'joint' is the rule's interest;");
        english.ShouldContain("Rules tried first: 'Fælles' (requires council decisions; the case does not).");
        Messages.Say(plan.Explanation, Messages.Danish).ShouldContain("Regler prøvet først: 'Fælles' (kræver byrådsbeslutninger; det gør sagen ikke).");
        plan.Violations.ShouldBeEmpty();
    }

    [Test]
    public void Deadlines_accumulate_stage_by_stage()
    {
        var plan = RoutingEngine.Route(new RoutingInput("joint", false, Today), [Joint()], Bodies, Parties);
        plan.Stages.Select(s => s.Steps[0].Deadline).ShouldBe([Today.AddDays(14), Today.AddDays(35), Today.AddDays(65)]);
    }

    [Test]
    public void A_fan_out_step_becomes_one_step_per_member_municipality_council()
    {
        var plan = RoutingEngine.Route(new RoutingInput("joint", true, Today), [Joint(), JointWithCouncils()], Bodies, Parties);

        plan.Rule!.Code.ShouldBe("joint-with-councils");
        var councils = plan.Stages[^1].Steps;
        councils.Count.ShouldBe(2);
        councils.Select(s => s.OrganisationId).ShouldBe(Parties.Take(2).Select(p => (Guid?)p.OrganisationId), ignoreOrder: true);
        councils.ShouldAllBe(s => s.Authoritative && s.Role == StepRole.Decision);
    }

    [Test]
    public void No_matching_rule_gives_no_route_and_says_why()
    {
        var plan = RoutingEngine.Route(new RoutingInput("regional", false, Today) { InterestName = "Regional interesse" }, [Joint()], Bodies, Parties);
        plan.Matched.ShouldBeFalse();
        Messages.Say(plan.Explanation, Messages.English).ShouldBe("No rule matched interest 'Regional interesse': 'Fælles' (interest 'joint', not 'Regional interesse').");
        Messages.Say(plan.Explanation, Messages.Danish).ShouldBe("Ingen regel passede til interessen 'Regional interesse': 'Fælles' (interessen 'joint', ikke 'Regional interesse').");
    }

    [Test]
    public void A_rule_asking_the_dialogue_forum_to_decide_is_a_mandate_violation_naming_the_rule()
    {
        var rule = new RoutingRule(Guid.NewGuid(), "dialogue-decides", "Forkert", null, "dialogue", null, 1, null,
            [new RuleStep(1, "Dialog", Forum.Id, null, null, StepRole.Decision, true, null, null)]);
        var plan = RoutingEngine.Route(new RoutingInput("dialogue", false, Today), [rule], Bodies, Parties);

        var violation = plan.Violations.ShouldHaveSingleItem();
        violation.Rule.ShouldBe(RoutingEngine.MandateRule);
        Messages.Say(violation.Detail, Messages.English).ShouldStartWith("Routing rule 'Forkert' asks ");
        Messages.Say(violation.Detail, Messages.Danish).ShouldContain("men organets mandat tillader det ikke at træffe beslutninger.");
        Messages.Say(violation.Detail, Messages.English).ShouldContain("Dialogforum");
    }

    [Test]
    public void A_discussion_in_a_body_that_cannot_decide_is_allowed()
    {
        var rule = new RoutingRule(Guid.NewGuid(), "dialogue", "Dialog", null, "dialogue", null, 1, null,
            [new RuleStep(1, "Dialog", Forum.Id, null, null, StepRole.Discussion, false, null, null)]);
        RoutingEngine.Route(new RoutingInput("dialogue", false, Today), [rule], Bodies, Parties).Violations.ShouldBeEmpty();
    }

    [Test]
    public void Rules_of_lower_priority_number_are_tried_first()
    {
        var anyInterest = new RoutingRule(Guid.NewGuid(), "catch-all", "Alt", null, null, null, 99, null,
            [new RuleStep(1, "Forberedelse", Secretariat.Id, null, null, StepRole.Recommendation, false, null, null)]);
        RoutingEngine.Route(new RoutingInput("joint", false, Today), [anyInterest, Joint()], Bodies, Parties).Rule!.Code.ShouldBe("joint");
        RoutingEngine.Route(new RoutingInput("other", false, Today), [anyInterest, Joint()], Bodies, Parties).Rule!.Code.ShouldBe("catch-all");
    }
}
