using System.Net;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.CaseFeed;

/// <summary>
/// Webhooks end to end: a receiver on loopback that is first unreachable, then failing, then healthy, gets every
/// event, in order, each with a valid signature. Delivery intervals are shortened to milliseconds for the test.
/// </summary>
public sealed class WebhookDeliveryTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Secret = "test-secret-0123456789abcdef";
    private static readonly string[] CreatedOnly = ["case.created"];
    private static readonly string[] UnknownType = ["no.such"];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:PollInterval"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.200",
        // Short back-off means many attempts while the receiver is down; never abandon within a test run.
        ["CaseFeed:Webhooks:MaxAttempts"] = "100000",
        ["CaseFeed:Webhooks:RequestTimeout"] = "00:00:05",
    };

    [Test]
    public async Task A_receiver_that_was_down_gets_every_event_in_order_with_a_valid_signature()
    {
        var port = LoopbackReceiver.FreePort();
        var url = $"http://127.0.0.1:{port}/hooks/klima/";
        using var created = await PostAsync("/api/webhooks", new { url, secret = Secret, description = "Testmodtager" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var subscription = await created.ReadAsync<WebhookResponse>();
        subscription.Secret.ShouldBe(Secret);
        (await GetAsync<List<WebhookResponse>>("/api/webhooks")).ShouldContain(w => w.Id == subscription.Id && w.Secret == null);

        // The receiver is down (nothing listens on the port) while the case system creates and routes a case.
        var found = await Client.CreateCaseAsync(Seed.NewCase("municipal"));
        found = await Client.RecommendAsync(found, found.Steps().First().Id);
        await Eventually(async () => (await Deliveries(subscription.Id)).Attempts.Count(a => !a.Succeeded) >= 2);

        // It comes back, but fails its first two requests with 503 before it recovers.
        await using var receiver = await LoopbackReceiver.StartAsync(port, Secret, failFirst: 2);
        var expected = (await GetAsync<GetCaseFeed.FeedPage>("/api/case-feed?limit=200")).Items.Where(e => e.CaseId == found.Id).ToList();
        expected.Count.ShouldBe(4);
        await Eventually(() => Task.FromResult(receiver.Accepted.Select(r => r.EventId).Distinct().Count() >= expected.Count));

        var accepted = receiver.Accepted.ToList();
        accepted.ShouldAllBe(r => r.SignatureValid);
        accepted.Select(r => r.EventId).Distinct().ShouldBe(expected.Select(e => e.Id));
        accepted.Select(r => r.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        accepted.ShouldAllBe(r => r.Timestamp > 0 && r.TypeHeader == r.Type);
        receiver.Rejected.ShouldBe(2);

        // The receiver may see a delivery a moment before the worker records it.
        await Eventually(async () => (await Deliveries(subscription.Id)).Pending == 0);
        var log = await Deliveries(subscription.Id);
        log.Delivered.ShouldBe(expected.Count);
        log.Attempts.Count(a => a.Succeeded).ShouldBe(expected.Count);
        log.Attempts.ShouldContain(a => !a.Succeeded && a.StatusCode == 503);
        log.Attempts.ShouldContain(a => !a.Succeeded && a.StatusCode == null);

        // Later changes flow straight through, and a deleted subscription receives nothing more.
        var more = await Client.RecommendAsync(found, found.Steps().Skip(1).First().Id);
        var all = (await GetAsync<GetCaseFeed.FeedPage>("/api/case-feed?limit=200")).Items.Count(e => e.CaseId == found.Id);
        all.ShouldBeGreaterThan(expected.Count);
        await Eventually(() => Task.FromResult(receiver.Accepted.Select(r => r.EventId).Distinct().Count() == all));
        await Eventually(async () => (await Deliveries(subscription.Id)).Pending == 0);
        (await SendAsync(HttpMethod.Delete, $"/api/webhooks/{subscription.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var count = receiver.Accepted.Count;
        await Client.DecideAsync(more, more.Steps().Last().Id, Klima.Api.Domain.Routing.DecisionOutcome.Approved);
        await Task.Delay(300);
        receiver.Accepted.Count.ShouldBe(count);
    }

    [Test]
    public async Task A_subscription_bound_to_an_organisation_receives_only_its_own_cases_events()
    {
        using var aalborg = CreateClient(Klima.Api.Infrastructure.Auth.Roles.Secretariat, Seed.Aalborg);
        var port = LoopbackReceiver.FreePort();
        var url = $"http://127.0.0.1:{port}/aalborg/";
        await using var receiver = await LoopbackReceiver.StartAsync(port, Secret);
        using var created = await aalborg.PostAsync("/api/webhooks", System.Net.Http.Json.JsonContent.Create(new { url, secret = Secret, eventTypes = CreatedOnly }));
        await created.ShouldHaveStatus(HttpStatusCode.Created);

        await Client.CreateCaseAsync(Seed.NewCase("municipal", title: "Ikke Aalborgs"));
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal", title: "Aalborgs"));
        await Eventually(() => Task.FromResult(!receiver.Accepted.IsEmpty));
        await Task.Delay(200);

        var only = receiver.Accepted.ShouldHaveSingleItem();
        only.CaseId.ShouldBe(own.Id);
        only.Type.ShouldBe("case.created");
        only.SignatureValid.ShouldBeTrue();
    }

    [Test]
    public async Task A_webhook_url_must_be_absolute_http()
    {
        using var response = await PostAsync("/api/webhooks", new { url = "ftp://example.org/x", eventTypes = UnknownType });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["url", "eventTypes[0]"], ignoreOrder: true);
    }

    private async Task<ListWebhookDeliveries.DeliveryLog> Deliveries(Guid id) =>
        await GetAsync<ListWebhookDeliveries.DeliveryLog>($"/api/webhooks/{id}/deliveries?limit=1000");

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition was not met within 20 seconds.");
            }
            await Task.Delay(25);
        }
    }
}
