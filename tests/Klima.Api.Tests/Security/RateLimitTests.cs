using System.Net;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Security;

public sealed class RateLimitTests(DatabaseLane lane) : ApiTest(lane)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:PermitsPerMinute"] = "5" };

    [Test]
    public async Task A_noisy_client_gets_429_with_Retry_After_while_another_client_is_served()
    {
        using var noisy = Factory.CreateClient();
        noisy.DefaultRequestHeaders.Add("X-Forwarded-For", "ignored");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await noisy.GetAsync("/api/auth/session");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                // Five a minute refill one every 12 seconds: that is the wait, not a whole minute.
                response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(12));
                (await response.ReadJsonAsync())["status"]!.GetValue<int>().ShouldBe(429);
            }
        }
        statuses.ShouldContain(HttpStatusCode.TooManyRequests);

        var key = await (await PostAsync("/api/api-keys", new { name = "quiet", scopes = new[] { "governance:read" } })).ReadJsonAsync();
        using var quiet = Factory.CreateClient();
        quiet.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key["key"]!.GetValue<string>());
        (await quiet.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class LoginRateLimitTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task The_login_limit_says_when_its_next_attempt_is_back()
    {
        using var client = Factory.CreateClient();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 12 && limited is null; i++)
        {
            var response = await client.PostAsync("/api/auth/login", System.Net.Http.Json.JsonContent.Create(new { username = "u" + i, password = "wrong-password" }));
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }
        limited.ShouldNotBeNull();
        // Ten a minute: one attempt comes back every 6 seconds.
        limited.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(6));
        limited.Dispose();
    }
}
