using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klima.Api.Infrastructure.Auth;
using Microsoft.Extensions.DependencyInjection;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Localization;

/// <summary>
/// Every message a person reads comes back in Danish unless the caller asks for English (Accept-Language: en), and the
/// answer says which (Content-Language). Codes and field names never change with the language.
/// </summary>
public sealed class LanguageTests(DatabaseLane lane) : ApiTest(lane)
{
    private HttpClient _danish = null!;
    private HttpClient _english = null!;
    private HttpClient _danishByHeader = null!;

    [OneTimeSetUp]
    public void Clients()
    {
        _danish = CreateClient(Roles.Administrator, language: null);
        _english = CreateClient(Roles.Administrator, language: "en");
        _danishByHeader = CreateClient(Roles.Administrator, language: "da-DK");
    }

    [OneTimeTearDown]
    public void DisposeClients()
    {
        _danish.Dispose();
        _english.Dispose();
        _danishByHeader.Dispose();
    }

    [Test]
    public async Task A_validation_error_is_in_Danish_by_default_and_in_English_when_asked_with_the_same_field_names()
    {
        var body = new { kind = "foundation", name = "" };
        using var danish = await _danish.PostAsJsonAsync("/api/organisations", body, Json);
        await danish.ShouldHaveStatus(HttpStatusCode.BadRequest);
        danish.Content.Headers.ContentLanguage.ShouldBe(["da"]);
        var da = await danish.ReadJsonAsync();
        da["title"]!.GetValue<string>().ShouldBe("Et eller flere felter er ugyldige");
        da["errors"]!["name"]![0]!.GetValue<string>().ShouldBe("'Navn' må ikke være tom.");

        using var english = await _english.PostAsJsonAsync("/api/organisations", body, Json);
        await english.ShouldHaveStatus(HttpStatusCode.BadRequest);
        english.Content.Headers.ContentLanguage.ShouldBe(["en"]);
        var en = await english.ReadJsonAsync();
        en["title"]!.GetValue<string>().ShouldBe("One or more fields are invalid");
        en["errors"]!["name"]![0]!.GetValue<string>().ShouldBe("'Name' must not be empty.");
    }

    [Test]
    public async Task A_custom_validation_message_comes_from_the_catalogue_in_both_languages()
    {
        var body = new { kind = "municipality", name = "Testkommune", municipalityCode = "12" };
        var da = await (await _danishByHeader.PostAsJsonAsync("/api/organisations", body, Json)).ReadJsonAsync();
        da["errors"]!["municipalityCode"]![0]!.GetValue<string>().ShouldBe("En kommunekode har 3 cifre (fx 851).");
        var en = await (await _english.PostAsJsonAsync("/api/organisations", body, Json)).ReadJsonAsync();
        en["errors"]!["municipalityCode"]![0]!.GetValue<string>().ShouldBe("A municipality code has 3 digits (e.g. 851).");
    }

    [Test]
    public async Task A_404_names_the_missing_thing_in_the_callers_language()
    {
        var id = Guid.NewGuid();
        using var danish = await _danish.GetAsync($"/api/cases/{id}");
        await danish.ShouldHaveStatus(HttpStatusCode.NotFound);
        var da = await danish.ReadJsonAsync();
        da["title"]!.GetValue<string>().ShouldBe("Findes ikke");
        da["detail"]!.GetValue<string>().ShouldBe($"Sagen '{id}' findes ikke.");

        using var english = await _english.GetAsync($"/api/cases/{id}");
        var en = await english.ReadJsonAsync();
        en["title"]!.GetValue<string>().ShouldBe("Not found");
        en["detail"]!.GetValue<string>().ShouldBe($"Case '{id}' does not exist.");
    }

    [Test]
    public async Task An_unknown_path_gets_a_404_titled_in_the_callers_language()
    {
        using var danish = await _danish.GetAsync("/api/no-such-thing");
        danish.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await danish.ReadJsonAsync())["title"]!.GetValue<string>().ShouldBe("Findes ikke");
        using var english = await _english.GetAsync("/api/no-such-thing");
        (await english.ReadJsonAsync())["title"]!.GetValue<string>().ShouldBe("Not Found");
    }

    [Test]
    public async Task A_409_is_in_Danish_by_default_and_in_English_when_asked()
    {
        var code = $"sprog-{Guid.NewGuid():N}"[..30];
        using var first = await _danish.PostAsJsonAsync("/api/governance-models", new { code, name = "Sprogmodel" }, Json);
        await first.ShouldHaveStatus(HttpStatusCode.Created);

        using var danish = await _danish.PostAsJsonAsync("/api/governance-models", new { code, name = "Sprogmodel igen" }, Json);
        await danish.ShouldHaveStatus(HttpStatusCode.Conflict);
        var da = await danish.ReadJsonAsync();
        da["title"]!.GetValue<string>().ShouldBe("Konflikt");
        da["detail"]!.GetValue<string>().ShouldBe($"Der findes allerede en styringsmodel med koden '{code}'.");

        using var english = await _english.PostAsJsonAsync("/api/governance-models", new { code, name = "Sprogmodel igen" }, Json);
        var en = await english.ReadJsonAsync();
        en["title"]!.GetValue<string>().ShouldBe("Conflict");
        en["detail"]!.GetValue<string>().ShouldBe($"A governance model with code '{code}' already exists.");
    }

    [Test]
    public async Task A_route_explanation_names_the_rule_and_the_interest_in_the_callers_language()
    {
        var request = new { governanceModelId = Seed.Model, interest = "joint", councilDecisionRequired = false };
        using var danish = await _danish.PostAsJsonAsync("/api/routing/dry-run", request, Json);
        await danish.ShouldHaveStatus(HttpStatusCode.OK);
        var da = (await danish.ReadJsonAsync())["explanation"]!.GetValue<string>();
        da.ShouldStartWith("Reglen '");
        da.ShouldContain("passede: sagens interesse '");
        da.ShouldContain("Regler prøvet først:");
        da.ShouldNotContain("'joint'");

        using var english = await _english.PostAsJsonAsync("/api/routing/dry-run", request, Json);
        var en = (await english.ReadJsonAsync())["explanation"]!.GetValue<string>();
        en.ShouldStartWith("Rule '");
        en.ShouldContain("matched: the case's interest '");
        en.ShouldContain("Rules tried first:");
    }

    [Test]
    public async Task A_mandate_refusal_is_in_Danish_by_default_and_in_English_when_asked()
    {
        object Rule(string code) => new
        {
            governanceModelId = Seed.Model, code, name = "Dialogforum beslutter", interest = "dialogue", priority = 5,
            steps = new[] { new { stageOrdinal = 1, stageName = "Dialog", bodyId = Seed.DialogueForum, role = "decision", authoritative = true } },
        };
        using var danish = await _danish.PostAsJsonAsync("/api/routing/rules", Rule("sprog-dialog-da"), Json);
        await danish.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var da = await danish.ReadJsonAsync();
        da["rule"]!.GetValue<string>().ShouldBe("body-mandate");
        da["title"]!.GetValue<string>().ShouldBe("Reglen er ikke overholdt");
        da["detail"]!.GetValue<string>().ShouldBe(
            "Routingreglen 'Dialogforum beslutter' beder Klimapolitisk Dialogforum om at træffe beslutning i fase 1 ('Dialog'), men organets mandat tillader det ikke at træffe beslutninger.");
        da["errors"]!["steps"]![0]!.GetValue<string>().ShouldBe(da["detail"]!.GetValue<string>());

        using var english = await _english.PostAsJsonAsync("/api/routing/rules", Rule("sprog-dialog-en"), Json);
        var en = await english.ReadJsonAsync();
        en["detail"]!.GetValue<string>().ShouldBe(
            "Routing rule 'Dialogforum beslutter' asks Klimapolitisk Dialogforum to decide in stage 1 ('Dialog'), but its mandate does not allow it to decide.");
    }

    [Test]
    public async Task Composition_warnings_and_stage_summaries_are_said_in_the_callers_language()
    {
        var da = await (await _danish.GetAsync($"/api/bodies/{Seed.T11}?asOf=2026-12-05")).ReadJsonAsync();
        var en = await (await _english.GetAsync($"/api/bodies/{Seed.T11}?asOf=2026-12-05")).ReadJsonAsync();
        var daVacant = Warning(da, "vacant-seats");
        var enVacant = Warning(en, "vacant-seats");
        daVacant.ShouldMatch(@"^\d+ af \d+ pladser er ledige den 5\. dec\. 2026\.$");
        enVacant.ShouldMatch(@"^\d+ of \d+ seats are vacant on 5 Dec 2026\.$");

        var created = await Client.CreateCaseAsync(Seed.NewCase("dialogue"));
        var daCase = await (await _danish.GetAsync($"/api/cases/{created.Id}")).ReadJsonAsync();
        var enCase = await (await _english.GetAsync($"/api/cases/{created.Id}")).ReadJsonAsync();
        daCase["status"]!["stages"]![0]!["summary"]!.GetValue<string>().ShouldMatch(@"^0 af \d+ trin afsluttet$");
        enCase["status"]!["stages"]![0]!["summary"]!.GetValue<string>().ShouldMatch(@"^0 of \d+ steps done$");
    }

    [Test]
    public async Task A_route_explanation_is_said_in_the_readers_language_whoever_created_the_case_and_old_cases_keep_their_sentence()
    {
        // Created by a Danish caller, read by an English one (and the other way round): the explanation follows the reader.
        using var createdInDanish = await _danish.PostAsJsonAsync("/api/cases", Seed.NewCase("joint"), Json);
        await createdInDanish.ShouldHaveStatus(HttpStatusCode.Created);
        var id = (await createdInDanish.ReadJsonAsync())["id"]!.GetValue<string>();
        var da = await (await _danishByHeader.GetAsync($"/api/cases/{id}")).ReadJsonAsync();
        var en = await (await _english.GetAsync($"/api/cases/{id}")).ReadJsonAsync();
        da["route"]!["explanation"]!.GetValue<string>().ShouldStartWith("Reglen '");
        da["route"]!["explanation"]!.GetValue<string>().ShouldContain("passede");
        en["route"]!["explanation"]!.GetValue<string>().ShouldStartWith("Rule '");
        en["route"]!["explanation"]!.GetValue<string>().ShouldContain("matched");
        en["route"]!["ruleName"]!.GetValue<string>().ShouldNotBe(en["route"]!["ruleCode"]!.GetValue<string>());

        // A case routed before explanations were kept as keys has only its sentence: it is shown as it was written.
        var db = Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE case_file SET route_explanation_text = NULL, route_explanation = @Text WHERE id = @Id",
                new { Text = "Rule 'joint' (priority 10) matched.", Id = Guid.Parse(id) });
        }
        var old = await (await _danishByHeader.GetAsync($"/api/cases/{id}")).ReadJsonAsync();
        old["route"]!["explanation"]!.GetValue<string>().ShouldBe("Rule 'joint' (priority 10) matched.");
    }

    private static string Warning(JsonNode body, string code) =>
        body["warnings"]!.AsArray().Single(w => w!["code"]!.GetValue<string>() == code)!["message"]!.GetValue<string>();
}
