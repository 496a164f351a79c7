using System.Net;
using Klima.Api.Features.ApiKeys;
using System.Net.Http.Json;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Security;

public sealed class ApiKeyTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<IssuedApiKey> Issue(params string[] scopes)
    {
        using var response = await PostAsync("/api/api-keys", new { name = "Test system " + Guid.NewGuid().ToString("N")[..6], scopes });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<IssuedApiKey>();
    }

    private HttpClient WithKey(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        return client;
    }

    [Test]
    public async Task A_key_authenticates_within_its_scopes_only()
    {
        var issued = await Issue("budgets:read");
        issued.Key.ShouldStartWith("klima_");
        using var client = WithKey(issued.Key);
        using var governance = await client.GetAsync("/api/organisations");
        await governance.ShouldHaveStatus(HttpStatusCode.Forbidden);

        var reader = await Issue("governance:read");
        using var readerClient = WithKey(reader.Key);
        using var allowed = await readerClient.GetAsync("/api/organisations");
        await allowed.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_revoked_key_is_refused_at_once_and_a_rotated_key_replaces_it()
    {
        var issued = await Issue("governance:read");
        using var client = WithKey(issued.Key);
        (await client.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var rotated = await PostAsync($"/api/api-keys/{issued.ApiKey.Id}/rotate", new { });
        await rotated.ShouldHaveStatus(HttpStatusCode.Created);
        var replacement = await rotated.ReadAsync<IssuedApiKey>();
        (await client.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var replacementClient = WithKey(replacement.Key);
        (await replacementClient.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var revoked = await PostAsync($"/api/api-keys/{replacement.ApiKey.Id}/revoke", new { });
        await revoked.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await replacementClient.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_forged_or_malformed_key_is_refused()
    {
        var issued = await Issue("governance:read");
        using var forged = WithKey(issued.Key[..^4] + "AAAA");
        (await forged.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var malformed = WithKey("not-a-key");
        (await malformed.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Keys_are_listed_without_their_secrets()
    {
        var issued = await Issue("budgets:read");
        var body = await (await Client.GetAsync("/api/api-keys?limit=200")).Content.ReadAsStringAsync();
        body.ShouldContain(issued.ApiKey.Prefix);
        body.ShouldNotContain(issued.Key.Split('_')[2]);
    }

    [Test]
    public async Task A_municipalitys_case_system_key_cannot_read_or_change_another_municipalitys_case()
    {
        async Task<HttpClient> CaseSystem(string organisation)
        {
            using var response = await PostAsync("/api/api-keys", new { name = "ESDH " + organisation[^3..], scopes = new[] { "cases:read", "cases:write" }, organisationId = organisation });
            await response.ShouldHaveStatus(HttpStatusCode.Created);
            return WithKey((await response.ReadAsync<IssuedApiKey>()).Key);
        }
        using var aalborg = await CaseSystem(Seed.Aalborg.ToString());
        using var frederikshavn = await CaseSystem(Seed.Frederikshavn.ToString());

        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        own.OwnerOrganisationId.ShouldBe(Seed.Aalborg);
        (await aalborg.GetAsync($"/api/cases/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await frederikshavn.GetAsync($"/api/cases/{own.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var decision = await frederikshavn.PostAsJsonAsync($"/api/cases/{own.Id}/steps/{own.Steps().First().Id}/decision", new { outcome = "approved" }, Json);
        decision.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await frederikshavn.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
