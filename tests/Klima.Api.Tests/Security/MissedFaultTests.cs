using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.ApiKeys;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Security;

/// <summary>
/// Issue 13 lists hand-made faults that passed every test; each test here fails under one of them (API key expiry removed,
/// the caller of an Idempotency-Key taken by name only).
/// </summary>
public sealed class MissedFaultTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<string> IssueAsync(DateTimeOffset? expiresAt)
    {
        using var response = await PostAsync("/api/api-keys", new { name = $"Udløb {Guid.NewGuid():N}", scopes = new[] { "governance:read" }, expiresAt });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return (await response.ReadAsync<IssuedApiKey>()).Key;
    }

    private HttpClient WithKey(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        return client;
    }

    [Test]
    public async Task An_expired_api_key_is_refused_and_one_not_yet_expired_is_accepted()
    {
        using var expired = WithKey(await IssueAsync(DateTimeOffset.UtcNow.AddMinutes(-1)));
        (await expired.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var valid = WithKey(await IssueAsync(DateTimeOffset.UtcNow.AddDays(1)));
        (await valid.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_idempotency_key_belongs_to_the_caller_by_organisation_and_name_not_by_name_alone()
    {
        // Both callers are named "test-secretariat"; only their organisations differ.
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        var body = Seed.NewCase("municipal", externalReference: $"SAME-NAME-{Guid.NewGuid():N}");
        async Task<HttpResponseMessage> Post(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body, options: Json) };
            request.Headers.Add("Idempotency-Key", "same-name-key");
            return await client.SendAsync(request);
        }
        using var first = await Post(aalborg);
        await first.ShouldHaveStatus(HttpStatusCode.Created);
        using var other = await Post(frederikshavn);
        other.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        // Not Aalborg's case handed to Frederikshavn: a case of its own (source references are unique per owning
        // organisation, so the answer does not even tell Frederikshavn that Aalborg's exists).
        await other.ShouldHaveStatus(HttpStatusCode.Created);
        (await other.ReadAsync<CaseIdOnly>()).Id.ShouldNotBe((await first.ReadAsync<CaseIdOnly>()).Id);
    }

    private sealed record CaseIdOnly
    {
        public Guid Id { get; init; }
    }
}
