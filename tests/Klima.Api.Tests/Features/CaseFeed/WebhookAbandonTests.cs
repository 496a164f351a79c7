using System.Net;
using System.Text;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.CaseFeed;

/// <summary>A receiver that never comes back: after MaxAttempts a message is abandoned and stays in the delivery log.</summary>
public sealed class WebhookAbandonTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly string[] CreatedOnly = ["case.created"];
    private static readonly int[] ThreeAttempts = [1, 2, 3];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:PollInterval"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.020",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.050",
        ["CaseFeed:Webhooks:MaxAttempts"] = "3",
    };

    [Test]
    public async Task Messages_to_a_receiver_that_never_answers_are_abandoned_after_the_last_attempt()
    {
        // A port that was free a moment ago: nothing listens, every attempt is refused.
        using var created = await PostAsync("/api/webhooks", new { url = $"http://127.0.0.1:{LoopbackReceiver.FreePort()}/never/", eventTypes = CreatedOnly });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var subscription = await created.ReadAsync<WebhookResponse>();
        subscription.Secret!.Length.ShouldBe(64);
        await Client.CreateCaseAsync(Seed.NewCase("regional"));
        await Client.CreateCaseAsync(Seed.NewCase("regional"));

        var deadline = DateTime.UtcNow.AddSeconds(20);
        ListWebhookDeliveries.DeliveryLog log;
        do
        {
            await Task.Delay(25);
            log = await GetAsync<ListWebhookDeliveries.DeliveryLog>($"/api/webhooks/{subscription.Id}/deliveries");
        }
        while (log.Abandoned < 2 && DateTime.UtcNow < deadline);

        log.Abandoned.ShouldBe(2);
        log.Pending.ShouldBe(0);
        log.Attempts.Count.ShouldBe(6);
        log.Attempts.ShouldAllBe(a => !a.Succeeded && a.Error != null);
        log.Attempts.GroupBy(a => a.EventId).ShouldAllBe(g => g.Select(a => a.Attempt).OrderBy(n => n).SequenceEqual(ThreeAttempts));
    }

    [Test]
    public void Back_off_doubles_from_the_base_delay_up_to_the_maximum()
    {
        var options = new WebhookDeliveryOptions { RetryBaseDelay = TimeSpan.FromSeconds(10), RetryMaxDelay = TimeSpan.FromMinutes(1) };
        Enumerable.Range(1, 5).Select(options.Backoff).ShouldBe(
            [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(40), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1)]);
    }

    [Test]
    public void A_signature_is_the_hex_HMAC_SHA256_of_the_raw_body_and_any_other_body_fails()
    {
        var body = Encoding.UTF8.GetBytes("{\"id\":\"x\"}");
        // Reference value: printf '{"id":"x"}' | openssl dgst -sha256 -hmac secret
        var signature = WebhookSignature.Sign("secret", body);
        signature.ShouldBe("sha256=ebf5302b9c8bc5e255e0d2135c1a75138c004e631d57c70e6081aa366c1de3b9");
        WebhookSignature.Verify("secret", body, signature).ShouldBeTrue();
        WebhookSignature.Verify("secret", Encoding.UTF8.GetBytes("{\"id\":\"y\"}"), signature).ShouldBeFalse();
        WebhookSignature.Verify("other", body, signature).ShouldBeFalse();
        WebhookSignature.Verify("secret", body, null).ShouldBeFalse();
    }
}

