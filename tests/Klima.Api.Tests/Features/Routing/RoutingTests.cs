using System.Net;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Routing;

public sealed class RoutingTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_model_seeds_five_interests_and_the_rules_of_the_governance_model_in_priority_order()
    {
        var interests = await GetAsync<List<InterestResponse>>($"/api/routing/interests?governanceModelId={Seed.Model}");
        interests.Select(i => i.Code).ShouldBe(["joint", "municipal", "regional", "dialogue", "financing"]);

        var rules = await GetAsync<List<RoutingRuleResponse>>($"/api/routing/rules?governanceModelId={Seed.Model}");
        // Other tests in this fixture may add rules; the seeded ones cite the governance model.
        rules = rules.Where(r => r.SourceReference?.StartsWith("Governancemodel", StringComparison.Ordinal) == true).ToList();
        rules.Select(r => r.Code).ShouldBe(["joint-with-councils", "municipal-with-councils", "joint", "municipal", "regional", "dialogue"]);
        rules.Single(r => r.Code == "joint").Steps.Where(s => s.Authoritative).Select(s => s.BodyId).ShouldBe([Seed.BrnBoard, Seed.Kkr]);
        rules.Single(r => r.Code == "dialogue").Steps.ShouldAllBe(s => !s.Authoritative);
        // Financing: KKR recommends, then the BRN board takes the final decision (sequential, per the case to KKR and BRN).
        var financing = (await GetAsync<List<RoutingRuleResponse>>($"/api/routing/rules?governanceModelId={Seed.Model}")).Single(r => r.Code == "joint-financing");
        financing.Steps.Where(s => s.Authoritative).Select(s => (s.BodyId, s.StageOrdinal)).ShouldBe([(Seed.Kkr, 4), (Seed.BrnBoard, 5)]);
    }

    [Test]
    public async Task A_dry_run_previews_the_route_with_its_explanation_and_creates_nothing()
    {
        var before = await GetAsync<GetCaseFeed.FeedPage>("/api/case-feed?limit=200");
        using var response = await PostAsync("/api/routing/dry-run", new { governanceModelId = Seed.Model, interest = "joint", councilDecisionRequired = true });
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var preview = await response.ReadAsync<DryRunRoute.Preview>();

        preview.RuleCode.ShouldBe("joint-with-councils");
        preview.Explanation.ShouldContain("requires a decision in every member council");
        preview.Stages[^1].Steps.Count.ShouldBe(11);
        preview.Stages[^1].Steps.Select(s => s.BodyId).ShouldContain(Seed.CouncilOf("825"));
        var after = await GetAsync<GetCaseFeed.FeedPage>($"/api/case-feed?after={before.Cursor}");
        after.Items.ShouldBeEmpty();
    }

    [Test]
    public async Task A_rule_asking_the_dialogue_forum_to_decide_is_refused_with_a_problem_naming_the_rule()
    {
        using var response = await PostAsync("/api/routing/rules", new
        {
            governanceModelId = Seed.Model, code = "dialogue-decides", name = "Dialogforum beslutter", interest = "dialogue", priority = 5,
            steps = new[] { new { stageOrdinal = 1, stageName = "Dialog", bodyId = Seed.DialogueForum, role = "decision", authoritative = true } },
        });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await response.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("body-mandate");
        problem["routingRule"]!.GetValue<string>().ShouldBe("dialogue-decides");
        problem["detail"]!.GetValue<string>().ShouldContain("Routing rule 'Dialogforum beslutter' asks Klimapolitisk Dialogforum to decide");

        (await GetAsync<List<RoutingRuleResponse>>($"/api/routing/rules?governanceModelId={Seed.Model}")).ShouldNotContain(r => r.Code == "dialogue-decides");
    }

    [Test]
    public async Task A_new_rule_is_data_and_takes_effect_for_new_cases()
    {
        using var created = await PostAsync("/api/routing/rules", new
        {
            governanceModelId = Seed.Model, code = "regional-orientation", name = "Regional interesse, orientering af KKR", interest = "regional", priority = 35,
            sourceReference = "Testregel",
            steps = new object[]
            {
                new { stageOrdinal = 1, stageName = "Politisk behandling", bodyId = Seed.RegionalCouncil, role = "decision", authoritative = true, deadlineDays = 30 },
                new { stageOrdinal = 2, stageName = "Orientering", bodyId = Seed.Kkr, role = "orientation", authoritative = false },
            },
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var found = await Client.CreateCaseAsync(Seed.NewCase("regional"));
        found.Route.RuleCode.ShouldBe("regional-orientation");
        found.Route.Explanation!.ShouldContain("Source: Testregel");
        found.Route.Stages.Count.ShouldBe(2);

        using var duplicate = await PostAsync("/api/routing/rules", new
        {
            governanceModelId = Seed.Model, code = "regional-orientation", name = "Igen", priority = 36,
            steps = new[] { new { stageOrdinal = 1, stageName = "X", bodyId = Seed.Kkr, role = "orientation", authoritative = false } },
        });
        await duplicate.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Members_may_preview_routes_but_not_write_rules()
    {
        using var member = CreateClient(Roles.Member);
        using var preview = await member.PostAsync("/api/routing/dry-run", System.Net.Http.Json.JsonContent.Create(new { governanceModelId = Seed.Model, interest = "municipal", councilDecisionRequired = false }));
        preview.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var write = await member.PostAsync("/api/routing/rules", System.Net.Http.Json.JsonContent.Create(new { code = "x" }));
        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
