using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Cases;

public sealed class IdempotencyTests(DatabaseLane lane) : ApiTest(lane)
{
    private Task<HttpResponseMessage> PostWithKeyAsync(string key, object body, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add("Idempotency-Key", key);
        return (client ?? Client).SendAsync(request);
    }

    [Test]
    public async Task A_retry_with_the_same_key_and_body_returns_the_original_response()
    {
        var body = Seed.NewCase();
        using var first = await PostWithKeyAsync("key-1", body);
        await first.ShouldHaveStatus(HttpStatusCode.Created);
        using var retry = await PostWithKeyAsync("key-1", body);
        await retry.ShouldHaveStatus(HttpStatusCode.Created);

        retry.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        var original = await first.ReadAsync<CaseResponse>();
        var replayed = await retry.ReadAsync<CaseResponse>();
        replayed.Id.ShouldBe(original.Id);
        replayed.CaseNumber.ShouldBe(original.CaseNumber);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task The_same_key_with_a_different_body_is_refused_with_422()
    {
        using var first = await PostWithKeyAsync("key-2", Seed.NewCase(externalReference: "REF-A"));
        await first.ShouldHaveStatus(HttpStatusCode.Created);
        using var other = await PostWithKeyAsync("key-2", Seed.NewCase(externalReference: "REF-B"));
        await other.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await other.ReadJsonAsync())["detail"]!.GetValue<string>().ShouldContain("different request body");
    }

    [Test]
    public async Task Concurrent_duplicates_create_one_case()
    {
        var body = Seed.NewCase(externalReference: "CONCURRENT-1");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostWithKeyAsync("key-concurrent", body)));
        foreach (var response in responses)
        {
            await response.ShouldHaveStatus(HttpStatusCode.Created);
        }
        var ids = await Task.WhenAll(responses.Select(async r => (await r.ReadAsync<CaseResponse>()).Id));
        ids.Distinct().ShouldHaveSingleItem();
        responses.Count(r => r.Headers.Contains("Idempotent-Replayed")).ShouldBe(7);
        var page = await GetAsync<Page<ListCases.CaseSummary>>("/api/cases?sourceSystem=sbsys-test&externalReference=CONCURRENT-1");
        page.Items.ShouldHaveSingleItem();
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Keys_belong_to_their_caller()
    {
        using var aalborg = CreateClient(Klima.Api.Infrastructure.Auth.Roles.Secretariat, Seed.Aalborg);
        using var mine = await PostWithKeyAsync("shared-key", Seed.NewCase(externalReference: "OWN-1"));
        await mine.ShouldHaveStatus(HttpStatusCode.Created);
        using var theirs = await PostWithKeyAsync("shared-key", Seed.NewCase(externalReference: "OWN-2"), aalborg);
        await theirs.ShouldHaveStatus(HttpStatusCode.Created);
        theirs.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
    }
}
