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
                response.Headers.RetryAfter.ShouldNotBeNull();
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
