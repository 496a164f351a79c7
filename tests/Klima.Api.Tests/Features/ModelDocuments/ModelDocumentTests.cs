using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;
using Shouldly;

namespace Klima.Api.Tests.Features.ModelDocuments;

public sealed class ModelDocumentTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly string SeedDocumentPath = Path.Combine(RepositoryRoot.Path, "db", "seed", "north-jutland", "0001_north_jutland.model.json");

    private static async Task<string> ExportAsync(HttpClient client, object modelId)
    {
        using var response = await client.GetAsync($"/api/governance-models/{modelId}/document");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> ImportAsync(HttpClient client, string document, bool dryRun = false) =>
        client.PostAsync($"/api/model-documents{(dryRun ? "?dryRun=true" : "")}", new StringContent(document, Encoding.UTF8, "application/json"));

    private static JsonObject Errors(JsonNode problem) => problem["errors"]!.AsObject();

    [Test]
    public async Task The_seeded_model_exports_as_the_committed_seed_document()
    {
        var exported = await ExportAsync(Client, NorthJutland.Model);
        exported.ReplaceLineEndings("\n").TrimEnd().ShouldBe((await File.ReadAllTextAsync(SeedDocumentPath)).ReplaceLineEndings("\n").TrimEnd());
    }

    [Test]
    public async Task The_seed_holds_the_facts_that_were_missing_and_marks_the_assumed_budget()
    {
        // The KKR meeting of 18 November 2022, where the renewed partnership was discussed.
        var meetings = (await GetJsonAsync($"/api/meetings?bodyId={NorthJutland.Kkr}&from=2022-11-01&to=2022-12-01"))["items"]!.AsArray();
        meetings.Select(m => m!["date"]!.GetValue<string>()).ShouldBe(["2022-11-18"]);
        meetings[0]!["title"]!.GetValue<string>().ShouldContain("fornyet DK2020-klimapartnerskab");

        // Klimaalliancen's five geographic organisations, North Jutland's among them.
        var bodies = (await GetJsonAsync($"/api/bodies?governanceModelId={NorthJutland.Model}&limit=200"))["items"]!.AsArray()
            .Select(b => b!["code"]!.GetValue<string>()).Where(c => c.StartsWith("geographic-organisation-", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        bodies.ShouldBe(["geographic-organisation-hovedstaden", "geographic-organisation-midtjylland", "geographic-organisation-nordjylland",
            "geographic-organisation-sjaelland", "geographic-organisation-syddanmark"]);

        // KL's two extra staff for the geographic organisations are staff positions, employed by KL.
        var kl = (await GetJsonAsync($"/api/staff-positions?employerOrganisationId=10000000-0000-0000-0000-000000000002&limit=200"))["items"]!.AsArray();
        kl.Count.ShouldBe(2);
        kl.ShouldAllBe(p => p!["title"]!.GetValue<string>().Contains("geografiske organiseringer", StringComparison.Ordinal));

        // The secretariat budget the sources do not give is an assumption, not an approved figure.
        var budget = await GetJsonAsync("/api/financing/budgets/44000000-0000-0000-0000-000000000002");
        budget["versions"]![0]!["isAssumption"]!.GetValue<bool>().ShouldBeTrue();
        (await GetJsonAsync("/api/financing/budgets/44000000-0000-0000-0000-000000000001"))["versions"]![0]!["isAssumption"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Test]
    public async Task Export_import_into_an_empty_database_and_export_again_gives_the_same_document()
    {
        var first = await ExportAsync(Client, NorthJutland.Model);
        using var empty = TestDatabases.Create(Lane);
        await using var factory = new KlimaApiFactory(empty, new Dictionary<string, string?> { ["Database:Seed"] = "none" });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        (await client.GetFromJsonNodeAsync("/api/governance-models"))["items"]!.AsArray().Count.ShouldBe(0);

        using var imported = await ImportAsync(client, first);
        await imported.ShouldHaveStatus(HttpStatusCode.OK);
        var result = await imported.ReadJsonAsync();
        result["changed"]!.GetValue<int>().ShouldBe(0);
        result["created"]!.GetValue<int>().ShouldBeGreaterThan(200);
        var modelId = Guid.Parse(result["governanceModelId"]!.GetValue<string>());
        modelId.ShouldNotBe(Guid.Parse(NorthJutland.Model), "database ids are not part of the document");

        var second = await ExportAsync(client, modelId);
        second.ShouldBe(first);
        // English names travel: the interests' (and bodies') nameEn is in the document and reaches the new database.
        var exportedInterests = JsonNode.Parse(first)!["interests"]!.AsArray();
        exportedInterests.Single(x => x!["code"]!.GetValue<string>() == "joint")!["nameEn"]!.GetValue<string>().ShouldBe("Joint municipal and regional interest");
        exportedInterests.ShouldAllBe(x => x!["nameEn"] != null);
        (await client.GetFromJsonNodeAsync($"/api/governance-models/{modelId}/interests/regional"))["nameEn"]!.GetValue<string>().ShouldBe("Special regional interest");

        // Importing the same document again changes nothing.
        using var again = await ImportAsync(client, second);
        await again.ShouldHaveStatus(HttpStatusCode.OK);
        var replay = await again.ReadJsonAsync();
        replay["created"]!.GetValue<int>().ShouldBe(0);
        replay["changed"]!.GetValue<int>().ShouldBe(0);
        replay["unchanged"]!.GetValue<int>().ShouldBe(result["created"]!.GetValue<int>());
    }

    [Test]
    public async Task A_dry_run_lists_what_would_be_created_or_changed_and_writes_nothing()
    {
        var document = JsonNode.Parse(await ExportAsync(Client, NorthJutland.Model))!;
        var bodies = document["bodies"]!.AsArray();
        var kkrIndex = bodies.Select((b, i) => (b, i)).Single(x => x.b!["code"]!.GetValue<string>() == "kkr").i;
        bodies[kkrIndex]!["nameEn"] = "KKR North Jutland (renamed in a dry run)";
        var interests = document["interests"]!.AsArray();
        var dialogueIndex = interests.Select((x, i) => (x, i)).Single(x => x.x!["code"]!.GetValue<string>() == "dialogue").i;
        interests[dialogueIndex]!["nameEn"] = "Dialogue topic (renamed in a dry run)";
        interests.Add(new JsonObject { ["code"] = "dry-run-interest", ["name"] = "Kun i tørløb", ["nameEn"] = "Dry run only", ["ordinal"] = 99 });

        using var response = await ImportAsync(Client, document.ToJsonString(), dryRun: true);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var result = await response.ReadJsonAsync();
        result["dryRun"]!.GetValue<bool>().ShouldBeTrue();
        result["created"]!.GetValue<int>().ShouldBe(1);
        result["changed"]!.GetValue<int>().ShouldBe(2);
        var changes = result["changes"]!.AsArray();
        var change = changes.Single(c => c!["action"]!.GetValue<string>() == "change" && c["element"]!.GetValue<string>() == "body")!;
        change["path"]!.GetValue<string>().ShouldBe($"$.bodies[{kkrIndex}]");
        change["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["nameEn"]);
        var interestChange = changes.Single(c => c!["action"]!.GetValue<string>() == "change" && c["element"]!.GetValue<string>() == "interest")!;
        interestChange["path"]!.GetValue<string>().ShouldBe($"$.interests[{dialogueIndex}]");
        interestChange["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["nameEn"]);
        var create = changes.Single(c => c!["action"]!.GetValue<string>() == "create")!;
        create["path"]!.GetValue<string>().ShouldBe($"$.interests[{document["interests"]!.AsArray().Count - 1}]");
        create["element"]!.GetValue<string>().ShouldBe("interest");

        // Nothing was written.
        (await GetJsonAsync($"/api/bodies/{NorthJutland.Kkr}"))["nameEn"]!.GetValue<string>().ShouldBe("KKR North Jutland");
        (await ExportAsync(Client, NorthJutland.Model)).ShouldNotContain("dry-run-interest");
        (await ExportAsync(Client, NorthJutland.Model)).ShouldContain("\"nameEn\": \"Topic for dialogue\"");
    }

    [Test]
    public async Task A_dry_run_reports_every_error_by_json_path_and_writes_nothing()
    {
        var document = JsonNode.Parse(SecondPartnership.Document)!;
        document["model"]!["code"] = "dry-run-errors";
        document["bodies"]![0]!["seats"]![0]!["organisation"] = "nowhere";
        document["bodies"]![1]!["kind"] = "parliament";
        document["routingRules"]![0]!["steps"]![1]!["body"] = "no-such-body";
        document["allocationKeys"]![0]!["shares"]![1]!["weight"] = null;

        using var response = await ImportAsync(Client, document.ToJsonString(), dryRun: true);
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = Errors(await response.ReadJsonAsync());
        errors.Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(
        [
            "$.allocationKeys[0].shares[1].weight",
            "$.bodies[0].seats[0].organisation",
            "$.bodies[1].kind",
            "$.routingRules[0].steps[1].body",
        ]);
        errors["$.bodies[0].seats[0].organisation"]![0]!.GetValue<string>().ShouldBe("No organisation 'nowhere' in the document.");
        // The allowed values by their names, each with the code the document must hold; Danish when asked in Danish.
        errors["$.bodies[1].kind"]![0]!.GetValue<string>().ShouldStartWith(
            "One of: political board (\"politicalBoard\"), political forum (\"politicalForum\"), council (\"council\")");
        using var danish = CreateClient(Roles.Administrator, language: "da");
        using var inDanish = await ImportAsync(danish, document.ToJsonString(), dryRun: true);
        var danishKind = Errors(await inDanish.ReadJsonAsync())["$.bodies[1].kind"]![0]!.GetValue<string>();
        danishKind.ShouldStartWith("En af: politisk bestyrelse (\"politicalBoard\"), politisk forum (\"politicalForum\"), råd (\"council\")");
        danishKind.ShouldContain("arbejdsgruppe (\"workingGroup\")");
        (await GetJsonAsync("/api/governance-models?limit=100"))["items"]!.AsArray()
            .ShouldNotContain(m => m!["code"]!.GetValue<string>() == "dry-run-errors");
    }

    [Test]
    public async Task A_malformed_document_is_refused_with_400_naming_the_json_path()
    {
        var document = JsonNode.Parse(SecondPartnership.Document)!;
        document["bodies"]![1]!["canDecide"] = "yes";
        using var wrongType = await ImportAsync(Client, document.ToJsonString());
        await wrongType.ShouldHaveStatus(HttpStatusCode.BadRequest);
        Errors(await wrongType.ReadJsonAsync()).Select(e => e.Key).ShouldBe(["$.bodies[1].canDecide"]);

        var unknown = JsonNode.Parse(SecondPartnership.Document)!;
        unknown["bodies"]![0]!["seats"]![2]!["colour"] = "green";
        using var unknownProperty = await ImportAsync(Client, unknown.ToJsonString());
        await unknownProperty.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var errors = Errors(await unknownProperty.ReadJsonAsync());
        errors.Select(e => e.Key).Single().ShouldStartWith("$.bodies[0].seats[2]");

        using var notJson = await ImportAsync(Client, "{ \"formatVersion\": 1, ");
        await notJson.ShouldHaveStatus(HttpStatusCode.BadRequest);

        using var missing = await ImportAsync(Client, "{ \"formatVersion\": 2 }");
        await missing.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        Errors(await missing.ReadJsonAsync()).Select(e => e.Key).Order(StringComparer.Ordinal).ShouldBe(["$.formatVersion", "$.model"]);
    }

    [Test]
    public async Task Importing_needs_governance_write()
    {
        using var reader = CreateClient(Roles.Reader);
        using var response = await ImportAsync(reader, SecondPartnership.Document, dryRun: true);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_json_schema_is_published_and_matches_the_committed_file()
    {
        using var anonymous = CreateClient(null);
        using var response = await anonymous.GetAsync("/api/model-documents/schema");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/schema+json");
        var schema = await response.Content.ReadAsStringAsync();
        schema.ShouldBe(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "docs", "model-document.schema.json")));
        // Every top-level property of an exported document is described by the schema, and nothing else is allowed.
        var properties = JsonNode.Parse(schema)!["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
        var exported = JsonNode.Parse(await ExportAsync(Client, NorthJutland.Model))!.AsObject();
        exported.Select(p => p.Key).ShouldAllBe(k => properties.Contains(k));
    }

    [Test]
    public async Task A_models_own_election_terms_travel_in_its_document_and_a_code_held_elsewhere_is_refused_by_path()
    {
        var document = JsonNode.Parse(SecondPartnership.Document)!;
        document["model"]!["code"] = "midt-valgperioder";
        document["electionTerms"] = new JsonArray(
            new JsonObject { ["code"] = "mt-2024-2028", ["name"] = "Midtjysk valgperiode 2024-2028", ["startsOn"] = "2024-01-01", ["endsOn"] = "2028-01-01" });
        using var imported = await ImportAsync(Client, document.ToJsonString());
        await imported.ShouldHaveStatus(HttpStatusCode.OK);
        var body = await imported.ReadJsonAsync();
        body["changes"]!.AsArray().ShouldContain(c => c!["path"]!.GetValue<string>() == "$.electionTerms[0]" && c["action"]!.GetValue<string>() == "create");
        var model = Guid.Parse(body["governanceModelId"]!.GetValue<string>());

        (await GetJsonAsync($"/api/election-terms?governanceModelId={model}"))["items"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()).ShouldBe(["mt-2024-2028"]);
        var exported = JsonNode.Parse(await ExportAsync(Client, model))!;
        exported["electionTerms"]!.ToJsonString().ShouldBe("""[{"code":"mt-2024-2028","name":"Midtjysk valgperiode 2024-2028","startsOn":"2024-01-01","endsOn":"2028-01-01"}]""");
        // North Jutland follows the national terms: its document has none.
        JsonNode.Parse(await ExportAsync(Client, NorthJutland.Model))!.AsObject().ContainsKey("electionTerms").ShouldBeFalse();

        using var again = await ImportAsync(Client, document.ToJsonString());
        (await again.ReadJsonAsync())["changed"]!.GetValue<int>().ShouldBe(0);
        document["electionTerms"]![0]!["name"] = "Midtjysk valgperiode 2024-28";
        using var renamed = await ImportAsync(Client, document.ToJsonString());
        (await renamed.ReadJsonAsync())["changes"]!.AsArray().Single()!["fields"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["name"]);

        var national = JsonNode.Parse(SecondPartnership.Document)!;
        national["model"]!["code"] = "midt-national-kode";
        national["electionTerms"] = new JsonArray(
            new JsonObject { ["code"] = "2022-2026", ["name"] = "Lånt kode", ["startsOn"] = "2030-01-01", ["endsOn"] = "2034-01-01" },
            new JsonObject { ["code"] = "mt-x", ["name"] = "Overlapper", ["startsOn"] = "2033-01-01", ["endsOn"] = "2035-01-01" });
        using var overlapping = await ImportAsync(Client, national.ToJsonString(), dryRun: true);
        await overlapping.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        Errors(await overlapping.ReadJsonAsync()).Select(e => e.Key).ShouldBe(["$.electionTerms[1].startsOn"]);
        national["electionTerms"]!.AsArray().RemoveAt(1);
        using var taken = await ImportAsync(Client, national.ToJsonString(), dryRun: true);
        await taken.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        Errors(await taken.ReadJsonAsync()).Select(e => e.Key).ShouldBe(["$.electionTerms[0].code"]);
    }

    [Test]
    public async Task A_second_partnership_imported_from_a_document_routes_its_cases_and_budgets_by_population_to_the_ore()
    {
        using var imported = await ImportAsync(Client, SecondPartnership.Document);
        await imported.ShouldHaveStatus(HttpStatusCode.OK);
        var model = Guid.Parse((await imported.ReadJsonAsync())["governanceModelId"]!.GetValue<string>());

        // KL takes part in both models and stays one organisation.
        var organisations = (await GetJsonAsync("/api/organisations?limit=200"))["items"]!.AsArray();
        organisations.Count(o => o!["name"]!.GetValue<string>() == "KL (Kommunernes Landsforening)").ShouldBe(1);

        // A joint case goes to the secretariat, then to the board and KKR Midtjylland in parallel: the new model's own rule.
        using var created = await PostAsync("/api/cases", new
        {
            title = "Fælles klimaindsats i Midtjylland", interest = "joint", councilDecisionRequired = false, governanceModelId = model,
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var route = (await created.ReadJsonAsync())["route"]!;
        route["ruleCode"]!.GetValue<string>().ShouldBe("joint");
        route["stages"]!.AsArray().Select(s => s!["steps"]!.AsArray().Select(x => x!["bodyName"]!.GetValue<string>()).ToList()).ShouldBe(
            [["Klimasekretariatet Midt"], ["Klimastyregruppen Midt", "KKR Midtjylland"]]);

        // A budget split by the stored population key: one line per municipality, adding up to the øre.
        var programmes = (await GetJsonAsync("/api/financing/programmes?limit=200"))["items"]!.AsArray();
        var programme = programmes.Single(p => p!["code"]!.GetValue<string>() == "mj-secretariat" && p["governanceModelId"]!.GetValue<string>() == model.ToString())!;
        var keys = (await GetJsonAsync($"/api/financing/allocation-keys?governanceModelId={model}"))["items"]!.AsArray();
        var key = keys.Single()!;
        key["totalWeight"]!.GetValue<long>().ShouldBe(SecondPartnership.Aarhus + SecondPartnership.Randers + SecondPartnership.Silkeborg);

        using var budget = await PostAsync("/api/financing/budgets", new
        {
            programmeId = programme["id"]!.GetValue<string>(), code = "mj-secretariat-2024", name = "Klimasekretariatet Midt 2024", lines = Array.Empty<object>(),
        });
        await budget.ShouldHaveStatus(HttpStatusCode.Created);
        var budgetId = (await budget.ReadJsonAsync())["id"]!.GetValue<string>();
        using var split = await PostAsync($"/api/financing/budgets/{budgetId}/versions/split-by-key", new
        {
            allocationKeyId = key["id"]!.GetValue<string>(),
            lines = new[] { new { period = "2024", costType = "salaries", amount = new { amount = 1_000_000.01m, currency = "DKK" } } },
        });
        await split.ShouldHaveStatus(HttpStatusCode.Created);
        var version = await split.ReadJsonAsync();
        var lines = version["lines"]!.AsArray();
        lines.Select(l => (l!["payerCode"]!.GetValue<string>(), l["amount"]!["amount"]!.GetValue<decimal>())).ShouldBe(
        [
            // 100,000,001 øre x 367,095 / 568,193 etc., rounded down; the one øre left goes to the largest remainder (Silkeborg).
            ("aarhus", 646_074.49m), ("randers", 174_699.44m), ("silkeborg", 179_226.08m),
        ]);
        lines.Sum(l => l!["amount"]!["amount"]!.GetValue<decimal>()).ShouldBe(1_000_000.01m);

        using var approve = await SendAsync(HttpMethod.Post, $"/api/financing/budgets/{budgetId}/versions/{version["number"]}/approve",
            new { decisionRef = "Test", approvedOn = "2024-01-01", effectiveFrom = "2024-01-01" }, split.ETag());
        await approve.ShouldHaveStatus(HttpStatusCode.OK);
        var rollup = await GetJsonAsync($"/api/financing/rollups?programmeId={programme["id"]}&groupBy=payer&asOf=2024-06-30&limit=200");
        rollup["totals"]!["budget"]!["amount"]!.GetValue<decimal>().ShouldBe(1_000_000.01m);
        rollup["items"]!.AsArray().Select(i => (i!["payerCode"]!.GetValue<string>(), i["budget"]!["amount"]!.GetValue<decimal>())).Order().ShouldBe(
            [("aarhus", 646_074.49m), ("randers", 174_699.44m), ("silkeborg", 179_226.08m)]);
    }
}

internal static class JsonClientExtensions
{
    public static async Task<JsonNode> GetFromJsonNodeAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }
}
