using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klima.Api.Features.Accounts;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klima.Api.Tests.Features.Interests;

/// <summary>
/// Issue 14: a second, different partnership (Midtjylland) set up only through the API, routing its own cases by its own
/// rules and budgeting with its own payers, while North Jutland's reads stay exactly as they were.
/// </summary>
public sealed class SecondPartnershipTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly Guid NorthJutland = Seed.Model;
    private static readonly Guid BrnPayer = Guid.Parse("40000000-0000-0000-0000-000000000001");
    private const string AllDimensions = "programme,period,payer,costType";

    private Midtjylland _mid = null!;
    private string _northJutlandRollupBefore = "";
    private string _northJutlandBudgetVsActualBefore = "";
    private List<string> _northJutlandRulesBefore = [];
    private List<string> _northJutlandInterestsBefore = [];

    private sealed record Midtjylland(Guid Model, Guid Aarhus, Guid Randers, Guid Region, Guid Kkr, Guid RegionalCouncil, Guid Secretariat,
        Guid RegionPayer, Guid MunicipalitiesPayer, Guid KlPayer, Guid Programme, Guid Budget);

    [OneTimeSetUp]
    public async Task BuildMidtjyllandThroughTheApi()
    {
        _northJutlandRollupBefore = await NorthJutlandRollupAsync();
        _northJutlandBudgetVsActualBefore = (await GetJsonAsync($"/api/financing/budget-vs-actual?governanceModelId={NorthJutland}&byPeriod=true")).ToJsonString();
        _northJutlandRulesBefore = await RuleCodesAsync(NorthJutland);
        _northJutlandInterestsBefore = (await GetJsonAsync($"/api/governance-models/{NorthJutland}/interests")).AsArray().Select(i => i!["code"]!.GetValue<string>()).ToList();

        var model = await CreatedIdAsync("/api/governance-models", new { code = "midtjylland", name = "Klimaalliancen Midtjylland", description = "Anden geografisk organisering" });
        var aarhus = await CreatedIdAsync("/api/organisations", new { kind = "municipality", name = "Aarhus Kommune", municipalityCode = "751" });
        var randers = await CreatedIdAsync("/api/organisations", new { kind = "municipality", name = "Randers Kommune", municipalityCode = "730" });
        var region = await CreatedIdAsync("/api/organisations", new { kind = "region", name = "Region Midtjylland", regionCode = "1082" });
        foreach (var (organisation, role) in new[] { (aarhus, "member"), (randers, "member"), (region, "member"), (Seed.Kl, "nationalPartner") })
        {
            using var model1 = await Client.GetAsync($"/api/governance-models/{model}");
            using var party = await SendAsync(HttpMethod.Put, $"/api/governance-models/{model}/parties/{organisation}", new { role }, model1.ETag());
            await party.ShouldHaveStatus(HttpStatusCode.OK);
        }
        var kkr = await CreatedIdAsync("/api/bodies", new { governanceModelId = model, code = "kkr-midt", name = "KKR Midtjylland", kind = "politicalForum", canDecide = true });
        var council = await CreatedIdAsync("/api/bodies", new { governanceModelId = model, code = "regionsraad-midt", name = "Regionsrådet i Region Midtjylland", kind = "council", canDecide = true, hostOrganisationId = region });
        var secretariat = await CreatedIdAsync("/api/bodies", new { governanceModelId = model, code = "sekretariat-midt", name = "Klimasekretariatet Midtjylland", kind = "secretariat", canDecide = false });
        foreach (var municipality in new[] { aarhus, randers })
        {
            await CreatedIdAsync($"/api/bodies/{kkr}/seats", new { label = "Borgmester", role = "member", voting = true, representsOrganisationId = municipality, appointedByOrganisationId = municipality });
        }
        foreach (var (code, name, nameEn) in new[] { ("joint", "Fælles interesse", "Joint interest"), ("municipal", "Kommunal interesse", "Municipal interest"), ("regional", "Regional interesse", "Regional interest") })
        {
            using var interest = await PostAsync($"/api/governance-models/{model}/interests", new { code, name, nameEn, description = $"{name} i Midtjylland" });
            await interest.ShouldHaveStatus(HttpStatusCode.Created);
        }
        await CreatedIdAsync("/api/routing/rules", Rule(model, "midt-joint", "joint", 10, secretariat, [kkr, council]));
        await CreatedIdAsync("/api/routing/rules", Rule(model, "midt-municipal", "municipal", 20, secretariat, [kkr]));
        await CreatedIdAsync("/api/routing/rules", Rule(model, "midt-regional", "regional", 30, secretariat, [council]));
        var regionPayer = await CreatedIdAsync("/api/financing/payers", new { governanceModelId = model, code = "region-midt", name = "Region Midtjylland", organisationId = region });
        var municipalities = await CreatedIdAsync("/api/financing/payers", new
        {
            governanceModelId = model, code = "kommuner-midt", name = "De midtjyske kommuner i fællesskab", memberOrganisationIds = new[] { aarhus, randers },
        });
        // KL takes part in both partnerships and stays one organisation: each partnership has its own payer for it.
        var klPayer = await CreatedIdAsync("/api/financing/payers", new { governanceModelId = model, code = "kl", name = "KL", organisationId = Seed.Kl });
        var programme = await CreatedIdAsync("/api/financing/programmes", new
        {
            governanceModelId = model, code = "klimasekretariat-midt", name = "Klimasekretariatet Midtjylland", validFrom = "2024-01-01", validTo = "2027-01-01",
        });
        var budget = await CreatedIdAsync("/api/financing/budgets", new
        {
            programmeId = programme, code = "klimasekretariat-midt-2024", name = "Sekretariatet 2024",
            lines = new object[]
            {
                new { period = "2024", costType = "salaries", payerId = regionPayer, amount = new { amount = 1_000_000.00m, currency = "DKK" }, isAdjustment = false },
                new { period = "2024", costType = "salaries", payerId = municipalities, amount = new { amount = 999_999.99m, currency = "DKK" }, isAdjustment = false },
                new { period = "2024", costType = "operations", payerId = klPayer, amount = new { amount = 0.01m, currency = "DKK" }, isAdjustment = false },
            },
        });
        using var version = await Client.GetAsync($"/api/financing/budgets/{budget}/versions/1");
        await version.ShouldHaveStatus(HttpStatusCode.OK);
        using var approved = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budget}/versions/1/approve",
            new { decisionRef = "KKR Midtjylland 2024-01-10", approvedOn = "2024-01-10", effectiveFrom = "2024-01-01" }, version.ETag());
        await approved.ShouldHaveStatus(HttpStatusCode.OK);
        _mid = new Midtjylland(model, aarhus, randers, region, kkr, council, secretariat, regionPayer, municipalities, klPayer, programme, budget);
    }

    [Test]
    public async Task Midtjylland_routes_a_case_of_each_of_its_kinds_through_its_own_rules()
    {
        foreach (var (interest, rule, deciders) in new[]
                 {
                     ("joint", "midt-joint", new[] { _mid.Kkr, _mid.RegionalCouncil }), ("municipal", "midt-municipal", new[] { _mid.Kkr }),
                     ("regional", "midt-regional", new[] { _mid.RegionalCouncil }),
                 })
        {
            using var response = await PostAsync("/api/cases", new { title = $"Midtjysk sag ({interest})", interest, councilDecisionRequired = false, governanceModelId = _mid.Model });
            await response.ShouldHaveStatus(HttpStatusCode.Created);
            var route = (await response.ReadJsonAsync())["route"]!;
            route["ruleCode"]!.GetValue<string>().ShouldBe(rule);
            var steps = route["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).ToList();
            steps.Where(s => s!["authoritative"]!.GetValue<bool>()).Select(s => s!["bodyId"]!.GetValue<Guid>()).ShouldBe(deciders, ignoreOrder: true);
            steps.ShouldAllBe(s => s!["bodyId"]!.GetValue<Guid>() == _mid.Secretariat || deciders.Contains(s!["bodyId"]!.GetValue<Guid>()));
        }
        // North Jutland's interest "financing" is not Midtjylland's.
        using var foreign = await PostAsync("/api/cases", new { title = "Finansiering", interest = "financing", councilDecisionRequired = false, governanceModelId = _mid.Model });
        await foreign.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task North_Jutlands_rollups_budget_vs_actual_rules_and_interests_are_unchanged_to_the_ore()
    {
        (await NorthJutlandRollupAsync()).ShouldBe(_northJutlandRollupBefore);
        (await GetJsonAsync($"/api/financing/budget-vs-actual?governanceModelId={NorthJutland}&byPeriod=true")).ToJsonString().ShouldBe(_northJutlandBudgetVsActualBefore);
        (await RuleCodesAsync(NorthJutland)).ShouldBe(_northJutlandRulesBefore);
        (await GetJsonAsync($"/api/governance-models/{NorthJutland}/interests")).AsArray().Select(i => i!["code"]!.GetValue<string>()).ShouldBe(_northJutlandInterestsBefore);
        var payers = (await GetJsonAsync($"/api/financing/payers?governanceModelId={NorthJutland}")).AsArray();
        payers.ShouldAllBe(p => p!["governanceModelId"]!.GetValue<Guid>() == NorthJutland);
        payers.Select(p => p!["id"]!.GetValue<Guid>()).ShouldNotContain(_mid.KlPayer);
    }

    [Test]
    public async Task Midtjyllands_rollup_holds_its_own_budget_exactly_and_nothing_of_North_Jutland()
    {
        var rollup = await GetJsonAsync($"/api/financing/rollups?governanceModelId={_mid.Model}&groupBy=payer");
        rollup["governanceModelId"]!.GetValue<Guid>().ShouldBe(_mid.Model);
        rollup["totals"]!["budget"]!["amount"]!.GetValue<decimal>().ShouldBe(2_000_000.00m);
        rollup["items"]!.AsArray().Select(r => r!["payerId"]!.GetValue<Guid>()).ShouldBe([_mid.KlPayer, _mid.MunicipalitiesPayer, _mid.RegionPayer], ignoreOrder: true);
        rollup["items"]!.AsArray().Single(r => r!["payerId"]!.GetValue<Guid>() == _mid.KlPayer)!["budget"]!["amount"]!.GetValue<decimal>().ShouldBe(0.01m);
        var byProgramme = await GetJsonAsync($"/api/financing/budget-vs-actual?programmeId={_mid.Programme}");
        byProgramme["governanceModelId"]!.GetValue<Guid>().ShouldBe(_mid.Model);
        byProgramme["totals"]!["budget"]!["amount"]!.GetValue<decimal>().ShouldBe(2_000_000.00m);
    }

    [Test]
    public async Task With_two_partnerships_a_rollup_without_a_model_is_refused_rather_than_summing_both()
    {
        foreach (var url in new[] { "/api/financing/rollups", "/api/financing/budget-vs-actual" })
        {
            using var response = await Client.GetAsync(url);
            await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
            var problem = await response.ReadJsonAsync();
            problem["errors"]!["governanceModelId"].ShouldNotBeNull();
        }
        using var mixed = await Client.GetAsync($"/api/financing/rollups?governanceModelId={NorthJutland}&programmeId={_mid.Programme}");
        await mixed.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await mixed.ReadJsonAsync())["errors"]!["programmeId"].ShouldNotBeNull();
    }

    [Test]
    public async Task Writes_that_reach_into_another_partnership_are_refused_with_422_naming_the_field()
    {
        using var brnInMidt = await PostAsync("/api/financing/budgets", new
        {
            programmeId = _mid.Programme, code = "midt-with-brn", name = "BRN betaler i Midtjylland",
            lines = new object[]
            {
                new { period = "2024", costType = "salaries", payerId = _mid.RegionPayer, amount = new { amount = 10m, currency = "DKK" }, isAdjustment = false },
                new { period = "2024", costType = "salaries", payerId = BrnPayer, amount = new { amount = 10m, currency = "DKK" }, isAdjustment = false },
            },
        });
        await brnInMidt.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await brnInMidt.ReadJsonAsync();
        problem["rule"]!.GetValue<string>().ShouldBe("same-governance-model");
        problem["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["lines[1].payerId"]);

        using var aalborgPays = await PostAsync("/api/financing/payers", new { governanceModelId = _mid.Model, code = "aalborg", name = "Aalborg", organisationId = Seed.Aalborg });
        await aalborgPays.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await aalborgPays.ReadJsonAsync())["errors"]!["organisationId"].ShouldNotBeNull();

        using var njBodyInMidRule = await PostAsync("/api/routing/rules", Rule(_mid.Model, "midt-brn", "joint", 5, _mid.Secretariat, [Seed.BrnBoard]));
        await njBodyInMidRule.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await njBodyInMidRule.ReadJsonAsync())["errors"]!["steps[1].bodyId"].ShouldNotBeNull();

        using var grant = await PostAsync("/api/financing/grants", new
        {
            programmeId = _mid.Programme, payerId = BrnPayer, title = "BRN i Midtjylland", amount = new { amount = 5m, currency = "DKK" }, reservedOn = "2024-02-01", reservedByDecisionRef = "Test",
        });
        await grant.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await grant.ReadJsonAsync())["errors"]!["payerId"].ShouldNotBeNull();

        using var actual = await PostAsync("/api/financing/actuals", new
        {
            budgetId = _mid.Budget, period = "2024", costType = "salaries", payerId = BrnPayer, amount = new { amount = 5m, currency = "DKK" }, isAdjustment = false, bookedOn = "2024-03-01",
        });
        await actual.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await actual.ReadJsonAsync())["errors"]!["payerId"].ShouldNotBeNull();
    }

    [Test]
    public async Task An_api_key_limited_to_Midtjylland_reads_only_Midtjylland()
    {
        using var issued = await PostAsync("/api/api-keys", new
        {
            name = "midt-integration", scopes = new[] { "governance:read", "cases:read", "budgets:read" }, governanceModelIds = new[] { _mid.Model },
        });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        var body = await issued.ReadJsonAsync();
        body["apiKey"]!["governanceModelIds"]!.AsArray().Select(m => m!.GetValue<Guid>()).ShouldBe([_mid.Model]);
        using var key = Factory.CreateClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", body["key"]!.GetValue<string>());

        // Its only model needs no naming.
        var rollup = await (await key.GetAsync("/api/financing/rollups")).ReadJsonAsync();
        rollup["governanceModelId"]!.GetValue<Guid>().ShouldBe(_mid.Model);
        (await key.GetFromJsonAsync<JsonArray>("/api/financing/payers"))!.ShouldAllBe(p => p!["governanceModelId"]!.GetValue<Guid>() == _mid.Model);
        (await key.GetFromJsonAsync<JsonArray>("/api/routing/rules"))!.Select(r => r!["code"]!.GetValue<string>()).ShouldContain("midt-joint");
        (await key.GetFromJsonAsync<JsonObject>("/api/financing/programmes?limit=200"))!["items"]!.AsArray()
            .ShouldAllBe(p => p!["governanceModelId"]!.GetValue<Guid>() == _mid.Model);

        foreach (var url in new[]
                 {
                     $"/api/financing/rollups?governanceModelId={NorthJutland}", $"/api/routing/rules?governanceModelId={NorthJutland}",
                     $"/api/governance-models/{NorthJutland}/interests", $"/api/governance-models/{NorthJutland}/graph", $"/api/financing/payers/{BrnPayer}",
                 })
        {
            using var refused = await key.GetAsync(url);
            await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
        }
    }

    [Test]
    public async Task A_key_limited_to_Midtjylland_sees_none_of_North_Jutlands_cases_meetings_bodies_reports_oparl_bodies_or_keys()
    {
        // Something of each kind in both partnerships.
        using var midCaseCreated = await PostAsync("/api/cases", new { title = "Midtjysk synlighed", interest = "joint", councilDecisionRequired = false, governanceModelId = _mid.Model });
        await midCaseCreated.ShouldHaveStatus(HttpStatusCode.Created);
        var midCase = (await midCaseCreated.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var njCaseCreated = await PostAsync("/api/cases", new { title = "Nordjysk synlighed", interest = "joint", councilDecisionRequired = false, governanceModelId = NorthJutland });
        await njCaseCreated.ShouldHaveStatus(HttpStatusCode.Created);
        var njCase = (await njCaseCreated.ReadJsonAsync())["id"]!.GetValue<Guid>();
        var midMeeting = await CreatedIdAsync("/api/meetings", new { bodyId = _mid.Kkr, date = "2024-05-02", title = "KKR Midtjylland" });
        var midKey = await CreatedIdAsync("/api/financing/allocation-keys", new
        {
            governanceModelId = _mid.Model, code = "midt-lige", name = "Lige deling", method = "equalSplit", shares = new[] { new { payerId = _mid.RegionPayer }, new { payerId = _mid.KlPayer } },
        });
        var njKey = await CreatedIdAsync("/api/financing/allocation-keys", new
        {
            governanceModelId = NorthJutland, code = "nord-brn", name = "BRN alene", method = "equalSplit", shares = new[] { new { payerId = BrnPayer } },
        });
        var njReport = await CreatedIdAsync("/api/reports", new { governanceModelId = NorthJutland, from = "2024-01-01", to = "2025-01-01", title = "Nordjylland 2024" });

        using var issued = await PostAsync("/api/api-keys", new
        {
            name = "midt-reader", scopes = new[] { "governance:read", "cases:read", "budgets:read" }, governanceModelIds = new[] { _mid.Model },
        });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        using var key = Factory.CreateClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", (await issued.ReadJsonAsync())["key"]!.GetValue<string>());

        // Cases: its list holds Midtjylland's case and none of North Jutland's (seeded or new).
        var midCases = (await GetJsonAsync($"/api/cases?governanceModelId={_mid.Model}&limit=200"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).ToHashSet();
        var njCases = (await GetJsonAsync($"/api/cases?governanceModelId={NorthJutland}&limit=200"))["items"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).ToHashSet();
        njCases.ShouldContain(njCase);
        njCases.ShouldContain(Seed.SeedCase);
        njCases.ShouldNotContain(midCase);
        midCases.ShouldContain(midCase);
        midCases.ShouldNotContain(njCase);
        var keyCases = (await (await key.GetAsync("/api/cases?limit=200")).ReadJsonAsync())["items"]!.AsArray().Select(c => c!["id"]!.GetValue<Guid>()).ToList();
        keyCases.ShouldContain(midCase);
        keyCases.ShouldAllBe(c => midCases.Contains(c));

        // Meetings: only those of Midtjylland's bodies; North Jutland's with the filter hold none of Midtjylland's.
        var keyMeetings = (await (await key.GetAsync("/api/meetings?limit=200")).ReadJsonAsync())["items"]!.AsArray();
        keyMeetings.Select(m => m!["id"]!.GetValue<Guid>()).ShouldContain(midMeeting);
        keyMeetings.ShouldAllBe(m => m!["bodyId"]!.GetValue<Guid>() == _mid.Kkr || m!["bodyId"]!.GetValue<Guid>() == _mid.RegionalCouncil || m!["bodyId"]!.GetValue<Guid>() == _mid.Secretariat);
        var njMeetings = (await GetJsonAsync($"/api/meetings?governanceModelId={NorthJutland}&limit=200"))["items"]!.AsArray().Select(m => m!["id"]!.GetValue<Guid>()).ToList();
        njMeetings.ShouldContain(Seed.KkrMeeting);
        njMeetings.ShouldNotContain(midMeeting);

        // Bodies.
        (await (await key.GetAsync("/api/bodies?limit=200")).ReadJsonAsync())["items"]!.AsArray()
            .Select(b => b!["governanceModelId"]!.GetValue<Guid>()).Distinct().ShouldBe([_mid.Model]);
        (await GetJsonAsync($"/api/bodies?governanceModelId={NorthJutland}&limit=200"))["items"]!.AsArray()
            .ShouldAllBe(b => b!["governanceModelId"]!.GetValue<Guid>() == NorthJutland);

        // Allocation keys: without a filter only Midtjylland's.
        var keyKeys = (await (await key.GetAsync("/api/financing/allocation-keys?limit=200")).ReadJsonAsync())["items"]!.AsArray();
        keyKeys.Select(k => k!["id"]!.GetValue<Guid>()).ShouldContain(midKey);
        keyKeys.ShouldAllBe(k => k!["governanceModelId"]!.GetValue<Guid>() == _mid.Model);
        var njKeys = (await GetJsonAsync($"/api/financing/allocation-keys?governanceModelId={NorthJutland}&limit=200"))["items"]!.AsArray();
        njKeys.Select(k => k!["id"]!.GetValue<Guid>()).ShouldBe([njKey]);

        // Reports: its own model's status report; issued reports of North Jutland are not listed.
        var midReport = await (await key.GetAsync($"/api/reports/status?governanceModelId={_mid.Model}&from=2024-01-01&to=2025-01-01")).ReadJsonAsync();
        midReport["governanceModel"]!["id"]!.GetValue<Guid>().ShouldBe(_mid.Model);
        (await (await key.GetAsync("/api/reports?limit=200")).ReadJsonAsync())["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ShouldNotContain(njReport);
        (await GetJsonAsync("/api/reports?limit=200"))["items"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ShouldContain(njReport);

        // The case feed follows Midtjylland's cases only.
        var feed = (await (await key.GetAsync("/api/case-feed?limit=200")).ReadJsonAsync())["items"]!.AsArray();
        feed.Select(e => e!["caseId"]!.GetValue<Guid>()).ShouldContain(midCase);
        feed.ShouldAllBe(e => midCases.Contains(e!["caseId"]!.GetValue<Guid>()));

        // Every read of North Jutland, single or filtered, is refused.
        foreach (var url in new[]
                 {
                     $"/api/cases?governanceModelId={NorthJutland}", $"/api/cases/{njCase}", $"/api/cases/{Seed.SeedCase}/timeline",
                     $"/api/meetings?governanceModelId={NorthJutland}", $"/api/meetings/{Seed.KkrMeeting}",
                     $"/api/bodies?governanceModelId={NorthJutland}", $"/api/bodies/{Seed.BrnBoard}",
                     $"/api/financing/allocation-keys?governanceModelId={NorthJutland}", $"/api/financing/allocation-keys/{njKey}",
                     $"/api/reports/status?governanceModelId={NorthJutland}&from=2024-01-01&to=2025-01-01", $"/api/reports/{njReport}",
                     $"/api/reports?governanceModelId={NorthJutland}",
                 })
        {
            using var refused = await key.GetAsync(url);
            await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
        }

        // OParl: each partnership is its own Body; the limited key's System lists only Midtjylland, and North Jutland's Body is not found.
        var keyBodies = (await (await key.GetAsync("/oparl/v1/bodies")).ReadJsonAsync())["data"]!.AsArray().Select(b => b!["id"]!.GetValue<string>()).ToList();
        keyBodies.ShouldHaveSingleItem().ShouldEndWith($"/body/{_mid.Model:D}");
        using (var anonymous = Factory.CreateClient())
        {
            (await (await anonymous.GetAsync("/oparl/v1/bodies")).ReadJsonAsync())["data"]!.AsArray().Count.ShouldBe(2);
            var njOrganizations = (await (await anonymous.GetAsync($"/oparl/v1/body/{NorthJutland:D}/organizations?limit=500")).ReadJsonAsync())["data"]!.AsArray()
                .Select(o => o!["id"]!.GetValue<string>()).ToList();
            njOrganizations.ShouldContain(o => o.EndsWith($"/organization/{Seed.BrnBoard:D}", StringComparison.Ordinal));
            njOrganizations.ShouldNotContain(o => o.EndsWith($"/organization/{_mid.Kkr:D}", StringComparison.Ordinal));
            using var crossed = await anonymous.GetAsync($"/oparl/v1/body/{NorthJutland:D}/organization/{_mid.Kkr:D}");
            await crossed.ShouldHaveStatus(HttpStatusCode.NotFound);
        }
        foreach (var url in new[] { $"/oparl/v1/body/{NorthJutland:D}", $"/oparl/v1/body/{NorthJutland:D}/organizations", $"/oparl/v1/body/{NorthJutland:D}/organization/{Seed.BrnBoard:D}" })
        {
            using var hidden = await key.GetAsync(url);
            await hidden.ShouldHaveStatus(HttpStatusCode.NotFound);
        }
        using var ownOrganizations = await key.GetAsync($"/oparl/v1/body/{_mid.Model:D}/organizations?limit=500");
        (await ownOrganizations.ReadJsonAsync())["data"]!.AsArray().Select(o => o!["id"]!.GetValue<string>())
            .ShouldContain(o => o.EndsWith($"/organization/{_mid.Kkr:D}", StringComparison.Ordinal));
    }

    [Test]
    public async Task Midtjylland_follows_an_election_term_of_its_own_while_North_Jutland_keeps_the_national_terms()
    {
        var national = (await GetJsonAsync("/api/election-terms"))["items"]!.AsArray()
            .Where(t => t!["governanceModelId"] is null).Select(t => t!["code"]!.GetValue<string>()).ToList();
        national.ShouldBe(["2018-2022", "2022-2026", "2026-2030"]);
        // Before it has terms of its own, Midtjylland follows the national ones.
        (await GetJsonAsync($"/api/election-terms?governanceModelId={_mid.Model}"))["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).ShouldBe(national);

        using var created = await PostAsync($"/api/governance-models/{_mid.Model}/election-terms",
            new { code = "midt-2024-2028", name = "Midtjysk valgperiode 2024-2028", startsOn = "2024-01-01", endsOn = "2028-01-01" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        (await created.ReadJsonAsync())["governanceModelId"]!.GetValue<Guid>().ShouldBe(_mid.Model);

        using var overlapping = await PostAsync($"/api/governance-models/{_mid.Model}/election-terms",
            new { code = "midt-2027-2031", name = "Overlapper", startsOn = "2027-01-01", endsOn = "2031-01-01" });
        await overlapping.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await overlapping.ReadJsonAsync())["errors"]!["startsOn"].ShouldNotBeNull();
        using var taken = await PostAsync($"/api/governance-models/{_mid.Model}/election-terms",
            new { code = "2022-2026", name = "Samme kode", startsOn = "2030-01-01", endsOn = "2034-01-01" });
        await taken.ShouldHaveStatus(HttpStatusCode.Conflict);
        using var backwards = await PostAsync($"/api/governance-models/{_mid.Model}/election-terms",
            new { code = "midt-baglaens", name = "Baglæns", startsOn = "2034-01-01", endsOn = "2030-01-01" });
        await backwards.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await backwards.ReadJsonAsync())["errors"]!["endsOn"].ShouldNotBeNull();

        (await GetJsonAsync($"/api/election-terms?governanceModelId={_mid.Model}"))["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).ShouldBe(["midt-2024-2028"]);
        (await GetJsonAsync($"/api/election-terms?governanceModelId={NorthJutland}"))["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).ShouldBe(national);

        // A membership tied to the term ends with Midtjylland's term, not the national one.
        using var person = await PostAsync("/api/people", new { name = "Midtjysk borgmester (test)" });
        await person.ShouldHaveStatus(HttpStatusCode.Created);
        using var appointed = await PostAsync($"/api/bodies/{_mid.Kkr}/memberships", new
        {
            personId = (await person.ReadJsonAsync())["id"]!.GetValue<Guid>(), representsOrganisationId = _mid.Aarhus, validFrom = "2024-03-01", tiedToElectionTerm = true,
        });
        await appointed.ShouldHaveStatus(HttpStatusCode.Created);
        (await appointed.ReadJsonAsync())["validTo"]!.GetValue<string>().ShouldBe("2028-01-01");

        // OParl: each Body lists the terms it follows.
        using var anonymous = Factory.CreateClient();
        (await (await anonymous.GetAsync($"/oparl/v1/body/{_mid.Model:D}/legislative-terms")).ReadJsonAsync())["data"]!.AsArray()
            .Select(t => t!["klima:code"]!.GetValue<string>()).ShouldBe(["midt-2024-2028"]);
        (await (await anonymous.GetAsync($"/oparl/v1/body/{NorthJutland:D}/legislative-terms")).ReadJsonAsync())["data"]!.AsArray()
            .Select(t => t!["klima:code"]!.GetValue<string>()).ShouldBe(national, ignoreOrder: true);

        // A key limited to Midtjylland gives North Jutland no term.
        using var issued = await PostAsync("/api/api-keys", new { name = "midt-terms", scopes = new[] { "governance:read", "governance:write" }, governanceModelIds = new[] { _mid.Model } });
        using var key = Factory.CreateClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", (await issued.ReadJsonAsync())["key"]!.GetValue<string>());
        using var refused = await key.PostAsJsonAsync($"/api/governance-models/{NorthJutland}/election-terms", new { code = "nord-x", name = "Nej", startsOn = "2040-01-01", endsOn = "2044-01-01" });
        await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
        (await key.GetFromJsonAsync<JsonObject>("/api/election-terms"))!["items"]!.AsArray()
            .ShouldAllBe(t => t!["governanceModelId"] == null || t!["governanceModelId"]!.GetValue<Guid>() == _mid.Model);
    }

    [Test]
    public async Task A_key_limited_to_Midtjylland_may_not_export_import_or_key_North_Jutlands_model()
    {
        using var issued = await PostAsync("/api/api-keys", new
        {
            name = "midt-model-editor", scopes = new[] { "governance:read", "governance:write", "budgets:read", "budgets:write" },
            governanceModelIds = new[] { _mid.Model },
        });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        using var key = Factory.CreateClient();
        key.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", (await issued.ReadJsonAsync())["key"]!.GetValue<string>());

        using var export = await key.GetAsync($"/api/governance-models/{NorthJutland}/document");
        await export.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var ownExport = await key.GetAsync($"/api/governance-models/{_mid.Model}/document");
        await ownExport.ShouldHaveStatus(HttpStatusCode.OK);

        var northJutlandDocument = await Client.GetStringAsync($"/api/governance-models/{NorthJutland}/document");
        using var import = await key.PostAsync("/api/model-documents?dryRun=true", new StringContent(northJutlandDocument, System.Text.Encoding.UTF8, "application/json"));
        await import.ShouldHaveStatus(HttpStatusCode.Forbidden);

        using var allocationKey = await key.PostAsJsonAsync("/api/financing/allocation-keys", new
        {
            governanceModelId = NorthJutland, code = "midt-i-nord", name = "Forkert", method = "equalSplit", shares = new[] { new { payerId = BrnPayer } },
        });
        await allocationKey.ShouldHaveStatus(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_staff_account_limited_to_Midtjylland_may_not_write_into_North_Jutland()
    {
        using var created = await PostAsync("/api/users", new
        {
            username = "midt-sekretariat", displayName = "Midtjysk sekretariat", password = "a-long-password-for-midt", role = "secretariat",
            governanceModelIds = new[] { _mid.Model },
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        (await created.ReadJsonAsync())["governanceModelIds"]!.AsArray().Select(m => m!.GetValue<Guid>()).ShouldBe([_mid.Model]);

        using var browser = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var login = await browser.PostAsJsonAsync("/api/auth/login", new { username = "midt-sekretariat", password = "a-long-password-for-midt" });
        await login.ShouldHaveStatus(HttpStatusCode.OK);
        var session = await login.ReadAsync<SessionResponse>();
        session.GovernanceModelIds.ShouldBe([_mid.Model]);

        using var intoNorthJutland = new HttpRequestMessage(HttpMethod.Post, "/api/financing/payers")
        {
            Content = JsonContent.Create(new { governanceModelId = NorthJutland, code = "midt-i-nord", name = "Forkert", organisationId = Seed.Aalborg }),
        };
        intoNorthJutland.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
        using var refused = await browser.SendAsync(intoNorthJutland);
        await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);

        using var intoMidtjylland = new HttpRequestMessage(HttpMethod.Post, $"/api/governance-models/{_mid.Model}/interests")
        {
            Content = JsonContent.Create(new { code = "dialog", name = "Dialog", nameEn = "Dialogue" }),
        };
        intoMidtjylland.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
        using var allowed = await browser.SendAsync(intoMidtjylland);
        await allowed.ShouldHaveStatus(HttpStatusCode.Created);
    }

    [Test]
    public async Task An_interest_is_changed_with_If_Match_and_retired_only_once_no_live_rule_matches_on_it()
    {
        var url = $"/api/governance-models/{_mid.Model}/interests";
        using var created = await PostAsync(url, new { code = "klimatilpasning", name = "Klimatilpasning", nameEn = "Climate adaptation" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        using var read = await Client.GetAsync($"{url}/klimatilpasning");
        read.ETag().ShouldBe("\"1\"");

        using var stale = await SendAsync(HttpMethod.Put, $"{url}/klimatilpasning", new { name = "Klimatilpasning og kyst", nameEn = "Adaptation", ordinal = 9 }, "\"7\"");
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var changed = await SendAsync(HttpMethod.Put, $"{url}/klimatilpasning", new { name = "Klimatilpasning og kyst", nameEn = "Adaptation", ordinal = 9 }, read.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        (await changed.ReadJsonAsync())["name"]!.GetValue<string>().ShouldBe("Klimatilpasning og kyst");

        var ruleId = await CreatedIdAsync("/api/routing/rules", Rule(_mid.Model, "midt-adaptation", "klimatilpasning", 40, _mid.Secretariat, [_mid.Kkr]));
        using var inUse = await SendAsync(HttpMethod.Delete, $"{url}/klimatilpasning", ifMatch: changed.ETag());
        await inUse.ShouldHaveStatus(HttpStatusCode.Conflict);
        (await inUse.ReadJsonAsync())["routingRules"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["midt-adaptation"]);

        using var rule = await Client.GetAsync($"/api/routing/rules/{ruleId}");
        using var retiredRule = await SendAsync(HttpMethod.Post, $"/api/routing/rules/{ruleId}/retirement", ifMatch: rule.ETag());
        await retiredRule.ShouldHaveStatus(HttpStatusCode.OK);
        using var retired = await SendAsync(HttpMethod.Delete, $"{url}/klimatilpasning", ifMatch: changed.ETag());
        await retired.ShouldHaveStatus(HttpStatusCode.NoContent);

        (await GetJsonAsync(url)).AsArray().Select(i => i!["code"]!.GetValue<string>()).ShouldNotContain("klimatilpasning");
        (await GetJsonAsync($"{url}?includeRetired=true")).AsArray().Single(i => i!["code"]!.GetValue<string>() == "klimatilpasning")!["retiredAt"].ShouldNotBeNull();
        using var caseOnRetired = await PostAsync("/api/cases", new { title = "Kystsikring", interest = "klimatilpasning", councilDecisionRequired = false, governanceModelId = _mid.Model });
        await caseOnRetired.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
    }

    [Test]
    public async Task A_changed_rule_routes_new_cases_and_a_retired_rule_stays_named_by_the_cases_it_routed()
    {
        await CreatedIdAsync($"/api/governance-models/{_mid.Model}/interests", new { code = "energi", name = "Energi", nameEn = "Energy" }, expectId: false);
        var ruleId = await CreatedIdAsync("/api/routing/rules", Rule(_mid.Model, "midt-energy", "energi", 50, _mid.Secretariat, [_mid.Kkr]));
        using var first = await PostAsync("/api/cases", new { title = "Energiplan", interest = "energi", councilDecisionRequired = false, governanceModelId = _mid.Model });
        await first.ShouldHaveStatus(HttpStatusCode.Created);
        var firstCase = (await first.ReadJsonAsync())["id"]!.GetValue<Guid>();

        using var rule = await Client.GetAsync($"/api/routing/rules/{ruleId}");
        using var withoutIfMatch = await SendAsync(HttpMethod.Put, $"/api/routing/rules/{ruleId}", ChangedRule(_mid.Model, _mid.Secretariat, _mid.RegionalCouncil));
        await withoutIfMatch.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);
        using var changed = await SendAsync(HttpMethod.Put, $"/api/routing/rules/{ruleId}", ChangedRule(_mid.Model, _mid.Secretariat, _mid.RegionalCouncil), rule.ETag());
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        changed.ETag().ShouldBe("\"2\"");

        using var second = await PostAsync("/api/cases", new { title = "Energiplan 2", interest = "energi", councilDecisionRequired = false, governanceModelId = _mid.Model });
        var secondRoute = (await second.ReadJsonAsync())["route"]!;
        secondRoute["stages"]!.AsArray().SelectMany(s => s!["steps"]!.AsArray()).Where(s => s!["authoritative"]!.GetValue<bool>())
            .Select(s => s!["bodyId"]!.GetValue<Guid>()).ShouldBe([_mid.RegionalCouncil]);

        using var retired = await SendAsync(HttpMethod.Post, $"/api/routing/rules/{ruleId}/retirement", ifMatch: changed.ETag());
        await retired.ShouldHaveStatus(HttpStatusCode.OK);
        (await retired.ReadJsonAsync())["retiredAt"].ShouldNotBeNull();
        (await RuleCodesAsync(_mid.Model)).ShouldNotContain("midt-energy");
        (await GetJsonAsync($"/api/routing/rules?governanceModelId={_mid.Model}&includeRetired=true")).AsArray()
            .Select(r => r!["code"]!.GetValue<string>()).ShouldContain("midt-energy");

        var routed = await GetJsonAsync($"/api/cases/{firstCase}");
        routed["route"]!["ruleCode"]!.GetValue<string>().ShouldBe("midt-energy");
        routed["route"]!["explanation"]!.GetValue<string>().ShouldContain("midt-energy");
        using var noRule = await PostAsync("/api/cases", new { title = "Energiplan 3", interest = "energi", councilDecisionRequired = false, governanceModelId = _mid.Model });
        await noRule.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
    }

    private static object ChangedRule(Guid model, Guid secretariat, Guid decider) => new
    {
        name = "Energi: Regionsrådet beslutter", interest = "energi", priority = 50,
        steps = new object[]
        {
            new { stageOrdinal = 1, stageName = "Forberedelse", bodyId = secretariat, role = "orientation", authoritative = false },
            new { stageOrdinal = 2, stageName = "Beslutning", bodyId = decider, role = "decision", authoritative = true, deadlineDays = 30 },
        },
    };

    private static object Rule(Guid model, string code, string interest, int priority, Guid secretariat, Guid[] deciders) => new
    {
        governanceModelId = model, code, name = $"Regel {code}", interest, priority, sourceReference = "Midtjyllands styringsmodel (test)",
        steps = new object[] { new { stageOrdinal = 1, stageName = "Forberedelse", bodyId = secretariat, role = "orientation", authoritative = false } }
            .Concat(deciders.Select(d => (object)new { stageOrdinal = 2, stageName = "Politisk behandling", bodyId = d, role = "decision", authoritative = true, deadlineDays = 60 }))
            .ToArray(),
    };

    private async Task<string> NorthJutlandRollupAsync() =>
        (await GetJsonAsync($"/api/financing/rollups?governanceModelId={NorthJutland}&groupBy={AllDimensions}&limit=200")).ToJsonString();

    private async Task<List<string>> RuleCodesAsync(Guid model) =>
        (await GetJsonAsync($"/api/routing/rules?governanceModelId={model}")).AsArray().Select(r => r!["code"]!.GetValue<string>()).ToList();

    private async Task<Guid> CreatedIdAsync(string url, object body, bool expectId = true)
    {
        using var response = await PostAsync(url, body);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        var json = await response.ReadJsonAsync();
        return expectId ? json["id"]!.GetValue<Guid>() : Guid.Empty;
    }
}
