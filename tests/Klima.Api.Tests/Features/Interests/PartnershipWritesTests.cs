using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Interests;

/// <summary>
/// Issue 14, partnerships kept apart on the write side: a caller limited to a second partnership (Midtjylland) may not
/// change any of North Jutland's governance objects (bodies, seats, composition rules, relations, memberships, staff
/// positions, the model itself), while an unlimited administrator still may and the limited caller keeps its own.
/// </summary>
public sealed class PartnershipWritesTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly Guid NorthJutland = Seed.Model;

    private Guid _midModel;
    private HttpClient _midKey = null!;

    [OneTimeSetUp]
    public async Task SetUpMidtjyllandAndALimitedKey()
    {
        _midModel = await CreatedIdAsync("/api/governance-models", new { code = "midtjylland", name = "Klimaalliancen Midtjylland", description = "Anden partnerskab" });
        using var issued = await PostAsync("/api/api-keys", new
        {
            name = "midt-writer", scopes = new[] { "governance:read", "governance:write", "budgets:read", "budgets:write", "cases:read", "cases:write" }, governanceModelIds = new[] { _midModel },
        });
        await issued.ShouldHaveStatus(HttpStatusCode.Created);
        _midKey = Factory.CreateClient();
        _midKey.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", (await issued.ReadJsonAsync())["key"]!.GetValue<string>());
    }

    [OneTimeTearDown]
    public void DisposeKey() => _midKey?.Dispose();

    [Test]
    public async Task A_key_limited_to_Midtjylland_gets_403_on_every_kind_of_North_Jutland_governance_write()
    {
        // North Jutland objects of each kind, made by the (unlimited) administrator.
        var seat = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/seats", new { label = "Ekstra plads", role = "member", voting = true });
        var rule = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/composition-rules", new { code = "max-tre", kind = "maxSeatsPerOrganisation", severity = "soft", value = 3, description = "Højst tre" });
        var relation = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/relations", new { toBodyId = Seed.DialogueForum, kind = "reportsTo" });
        var person = await CreatedIdAsync("/api/people", new { name = "Fiktiv Nordjysk Person" });
        var membership = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/memberships", new { personId = person, seatId = seat, validFrom = "2024-01-01" });
        var position = await CreatedIdAsync("/api/staff-positions", new { bodyId = Seed.ClimateSecretariat, title = "Konsulent", employerOrganisationId = Seed.Region, fte = 1m });

        var body = await GetJsonAsync($"/api/bodies/{Seed.Kkr}");
        var bodyChange = new { code = body["code"]!.GetValue<string>(), name = "KKR Nordjylland (ændret af Midt)", kind = body["kind"]!.GetValue<string>(), canDecide = true };
        var seatChange = new { ordinal = 99, label = "Ændret", role = "member", voting = true };
        var ruleChange = new { code = "max-tre", kind = "maxSeatsPerOrganisation", severity = "soft", value = 2, description = "Højst to" };
        var positionChange = new { title = "Ændret", employerOrganisationId = Seed.Region, fte = 0.5m };

        var refused = new (HttpMethod Method, string Url, object? Body)[]
        {
            (HttpMethod.Post, "/api/bodies", new { governanceModelId = NorthJutland, code = "midt-i-nord", name = "Forkert", kind = "workingGroup", canDecide = false }),
            (HttpMethod.Put, $"/api/bodies/{Seed.Kkr}", bodyChange),
            (HttpMethod.Post, $"/api/bodies/{Seed.Kkr}/seats", new { label = "Forkert", role = "member", voting = true }),
            (HttpMethod.Put, $"/api/bodies/{Seed.Kkr}/seats/{seat}", seatChange),
            (HttpMethod.Delete, $"/api/bodies/{Seed.Kkr}/seats/{seat}", null),
            (HttpMethod.Post, $"/api/bodies/{Seed.Kkr}/composition-rules", new { code = "forkert", kind = "maxSeatsPerOrganisation", severity = "soft", value = 1, description = "Forkert" }),
            (HttpMethod.Put, $"/api/bodies/{Seed.Kkr}/composition-rules/{rule}", ruleChange),
            (HttpMethod.Delete, $"/api/bodies/{Seed.Kkr}/composition-rules/{rule}", null),
            (HttpMethod.Post, $"/api/bodies/{Seed.Kkr}/relations", new { toBodyId = Seed.T11, kind = "reportsTo" }),
            (HttpMethod.Delete, $"/api/bodies/{Seed.Kkr}/relations/{relation}", null),
            (HttpMethod.Post, $"/api/bodies/{Seed.Kkr}/memberships", new { personId = person, seatId = seat, validFrom = "2025-01-01" }),
            (HttpMethod.Post, $"/api/memberships/{membership}/end", new { validTo = "2025-06-01", reason = "Forkert" }),
            (HttpMethod.Post, "/api/staff-positions", new { bodyId = Seed.ClimateSecretariat, title = "Forkert", employerOrganisationId = Seed.Region, fte = 1m }),
            (HttpMethod.Put, $"/api/staff-positions/{position}", positionChange),
            (HttpMethod.Put, $"/api/governance-models/{NorthJutland}", new { code = "nord", name = "Forkert", description = "Forkert" }),
        };
        foreach (var (method, url, content) in refused)
        {
            using var request = new HttpRequestMessage(method, url);
            if (content is not null)
            {
                request.Content = JsonContent.Create(content, options: Json);
            }
            // Current versions: the refusal must be for the partnership, not a stale version.
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var response = await _midKey.SendAsync(request);
            await response.ShouldHaveStatus(HttpStatusCode.Forbidden);
            var problem = await response.ReadJsonAsync();
            problem["governanceModelId"]!.GetValue<Guid>().ShouldBe(NorthJutland, $"{method} {url}");
        }

        // Nothing changed, and the unlimited administrator still may change North Jutland.
        (await GetJsonAsync($"/api/bodies/{Seed.Kkr}"))["name"]!.GetValue<string>().ShouldBe(body["name"]!.GetValue<string>());
        (await GetJsonAsync($"/api/memberships/{membership}"))["validTo"].ShouldBeNull();
        using var byAdmin = await SendAsync(HttpMethod.Put, $"/api/bodies/{Seed.Kkr}", bodyChange, $"\"{body["version"]!.GetValue<int>()}\"");
        await byAdmin.ShouldHaveStatus(HttpStatusCode.OK);
        using var seatByAdmin = await SendAsync(HttpMethod.Put, $"/api/bodies/{Seed.Kkr}/seats/{seat}", seatChange, "\"1\"");
        await seatByAdmin.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_key_limited_to_Midtjylland_still_writes_Midtjyllands_own_governance()
    {
        using var created = await _midKey.PostAsJsonAsync("/api/bodies", new { governanceModelId = _midModel, code = "kkr-midt", name = "KKR Midtjylland", kind = "politicalForum", canDecide = true }, Json);
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var body = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var seat = await _midKey.PostAsJsonAsync($"/api/bodies/{body}/seats", new { label = "Formand", role = "chair", voting = true }, Json);
        await seat.ShouldHaveStatus(HttpStatusCode.Created);
        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/bodies/{body}")
        {
            Content = JsonContent.Create(new { code = "kkr-midt", name = "KKR Midtjylland (ændret)", kind = "politicalForum", canDecide = true }, options: Json),
        };
        change.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var changed = await _midKey.SendAsync(change);
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_key_limited_to_Midtjylland_reads_no_North_Jutland_seat_rule_relation_membership_or_staff_position_by_id()
    {
        var seat = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/seats", new { label = "Læst plads", role = "member", voting = true });
        var rule = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/composition-rules", new { code = "max-fire", kind = "maxSeatsPerOrganisation", severity = "soft", value = 4, description = "Højst fire" });
        var relation = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/relations", new { toBodyId = Seed.T11, kind = "coordinatesWith" });
        var person = await CreatedIdAsync("/api/people", new { name = "Læst Nordjysk Person" });
        var membership = await CreatedIdAsync($"/api/bodies/{Seed.Kkr}/memberships", new { personId = person, seatId = seat, validFrom = "2024-01-01" });
        var position = await CreatedIdAsync("/api/staff-positions", new { bodyId = Seed.ClimateSecretariat, title = "Læst konsulent", employerOrganisationId = Seed.Region, fte = 1m });

        foreach (var url in new[]
                 {
                     $"/api/bodies/{Seed.Kkr}/seats/{seat}", $"/api/bodies/{Seed.Kkr}/composition-rules/{rule}",
                     $"/api/bodies/{Seed.Kkr}/relations/{relation}", $"/api/memberships/{membership}", $"/api/staff-positions/{position}",
                 })
        {
            using var refused = await _midKey.GetAsync(url);
            await refused.ShouldHaveStatus(HttpStatusCode.Forbidden);
            (await GetJsonAsync(url))["id"]!.GetValue<Guid>().ShouldNotBe(Guid.Empty);
        }
    }

    [Test]
    public async Task A_key_limited_to_Midtjylland_lists_no_North_Jutland_seats_relations_rules_staff_or_memberships()
    {
        // North Jutland has seats, memberships and staff positions in the seed; the admin sees them.
        (await GetJsonAsync("/api/memberships"))["items"]!.AsArray().ShouldNotBeEmpty();
        (await GetJsonAsync("/api/staff-positions"))["items"]!.AsArray().ShouldNotBeEmpty();

        using var created = await _midKey.PostAsJsonAsync("/api/bodies", new { governanceModelId = _midModel, code = "sekretariat-midt", name = "Sekretariat Midt", kind = "secretariat", canDecide = false }, Json);
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var midBody = (await created.ReadJsonAsync())["id"]!.GetValue<Guid>();
        using var midPosition = await _midKey.PostAsJsonAsync("/api/staff-positions", new { bodyId = midBody, title = "Konsulent Midt", employerOrganisationId = Seed.Region, fte = 1m }, Json);
        await midPosition.ShouldHaveStatus(HttpStatusCode.Created);

        // Without a filter only Midtjylland's rows.
        (await _midKey.GetFromJsonAsync<JsonObject>("/api/memberships"))!["items"]!.AsArray().ShouldBeEmpty();
        (await _midKey.GetFromJsonAsync<JsonObject>("/api/staff-positions"))!["items"]!.AsArray()
            .Select(p => p!["bodyId"]!.GetValue<Guid>()).ShouldBe([midBody]);

        // Naming a North Jutland body is refused.
        foreach (var url in new[]
                 {
                     $"/api/bodies/{Seed.Kkr}/seats", $"/api/bodies/{Seed.Kkr}/relations", $"/api/bodies/{Seed.Kkr}/composition-rules",
                     $"/api/bodies/{Seed.Kkr}/memberships", $"/api/memberships?bodyId={Seed.Kkr}", $"/api/staff-positions?bodyId={Seed.ClimateSecretariat}",
                 })
        {
            using var response = await _midKey.GetAsync(url);
            await response.ShouldHaveStatus(HttpStatusCode.Forbidden);
        }
        using var own = await _midKey.GetAsync($"/api/bodies/{midBody}/seats");
        await own.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_webhook_of_a_key_limited_to_Midtjylland_receives_no_North_Jutland_case_event()
    {
        using var limited = await _midKey.PostAsJsonAsync("/api/webhooks", new { url = "http://127.0.0.1:9/midt", secret = "midt-secret-0123456789abcdef" }, Json);
        await limited.ShouldHaveStatus(HttpStatusCode.Created);
        var limitedId = (await limited.ReadJsonAsync())["id"]!.GetValue<Guid>();
        var everyId = await CreatedIdAsync("/api/webhooks", new { url = "http://127.0.0.1:9/alle", secret = "admin-secret-0123456789abcdef" });

        await CreatedIdAsync("/api/cases", new { title = "Nordjysk sag efter abonnement", interest = "joint", councilDecisionRequired = false, governanceModelId = NorthJutland });

        static int Total(JsonNode log) => log["pending"]!.GetValue<int>() + log["delivered"]!.GetValue<int>() + log["abandoned"]!.GetValue<int>();
        Total(await GetJsonAsync($"/api/webhooks/{everyId}/deliveries")).ShouldBeGreaterThan(0);
        Total(await GetJsonAsync($"/api/webhooks/{limitedId}/deliveries")).ShouldBe(0);
    }

    private async Task<Guid> CreatedIdAsync(string url, object body)
    {
        using var response = await PostAsync(url, body);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return (await response.ReadJsonAsync())["id"]!.GetValue<Guid>();
    }
}
