using System.Net;
using Dapper;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.CaseFeed;

/// <summary>
/// Several API instances on one database: each dispatcher is an instance of its own (its own lease owner). The fixture's
/// background worker is off, so the test decides who dispatches when. Across processes: scripts/webhook-lease-load.sh.
/// </summary>
public sealed class WebhookLeaseTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Secret = "lease-secret-0123456789abcdef";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:Enabled"] = "false",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.010",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.010",
        ["CaseFeed:Webhooks:RequestTimeout"] = "00:00:05",
    };

    private OutboxDispatcher NewInstance() => ActivatorUtilities.CreateInstance<OutboxDispatcher>(Factory.Services);

    private async Task<Guid> SubscribeAsync(int port)
    {
        using var created = await PostAsync("/api/webhooks", new { url = $"http://127.0.0.1:{port}/lease/", secret = Secret });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        return (await created.ReadAsync<WebhookResponse>()).Id;
    }

    private async Task<int> PendingAsync(Guid subscription)
    {
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM outbox_message WHERE subscription_id = @Subscription AND delivered_at IS NULL AND abandoned_at IS NULL",
            new { Subscription = subscription });
    }

    [Test]
    public async Task Three_instances_dispatching_at_once_deliver_every_event_exactly_once_and_in_order()
    {
        var ports = new[] { LoopbackReceiver.FreePort(), LoopbackReceiver.FreePort() };
        await using var first = await LoopbackReceiver.StartAsync(ports[0], Secret);
        await using var second = await LoopbackReceiver.StartAsync(ports[1], Secret, failFirst: 3);
        var subscriptions = new[] { await SubscribeAsync(ports[0]), await SubscribeAsync(ports[1]) };
        var cases = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            cases.Add((await Client.CreateCaseAsync(Seed.NewCase("municipal", title: $"Lease {i}"))).Id);
        }

        var instances = Enumerable.Range(0, 3).Select(_ => NewInstance()).ToList();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var attempts = await Task.WhenAll(instances.Select(async instance =>
        {
            var made = 0;
            while (!stop.IsCancellationRequested && (await PendingAsync(subscriptions[0]) > 0 || await PendingAsync(subscriptions[1]) > 0))
            {
                made += await instance.DeliverDueAsync(stop.Token);
                await Task.Delay(5);
            }
            return made;
        }));

        foreach (var (receiver, subscription) in new[] { (first, subscriptions[0]), (second, subscriptions[1]) })
        {
            (await PendingAsync(subscription)).ShouldBe(0);
            var received = receiver.Accepted.Where(r => cases.Contains(r.CaseId)).ToList();
            received.Count.ShouldBeGreaterThanOrEqualTo(cases.Count);
            received.Select(r => r.EventId).Distinct().Count().ShouldBe(received.Count, "an event was delivered twice");
            received.Select(r => r.Sequence).ShouldBeInOrder(SortDirection.Ascending);
            received.ShouldAllBe(r => r.SignatureValid);
        }
        attempts.Sum().ShouldBeGreaterThanOrEqualTo(first.Accepted.Count + second.Accepted.Count);
        await UnsubscribeAsync(subscriptions);
    }

    /// <summary>The next test's events must not go to this test's receivers, which are gone.</summary>
    private async Task UnsubscribeAsync(params Guid[] subscriptions)
    {
        foreach (var subscription in subscriptions)
        {
            using var deleted = await SendAsync(HttpMethod.Delete, $"/api/webhooks/{subscription}");
            deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
    }

    [Test]
    public async Task A_message_leased_by_an_instance_that_died_waits_for_its_lease_to_expire_and_is_then_delivered()
    {
        var port = LoopbackReceiver.FreePort();
        await using var receiver = await LoopbackReceiver.StartAsync(port, Secret);
        var subscription = await SubscribeAsync(port);
        var created = await Client.CreateCaseAsync(Seed.NewCase("regional", title: "Lejet"));
        var connections = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        var now = DateTimeOffset.UtcNow;

        // Another instance claimed the subscription's first message and died: its lease still runs.
        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            var leased = await connection.ExecuteAsync("""
                UPDATE outbox_message SET attempts = attempts + 1, lease_owner = @Owner, lease_expires_at = @Until
                WHERE subscription_id = @Subscription AND event_sequence = (
                    SELECT MIN(event_sequence) FROM outbox_message WHERE subscription_id = @Subscription)
                """, new { Owner = "dead-instance", Until = now.AddMinutes(5), Subscription = subscription });
            leased.ShouldBe(1);
        }
        var instance = NewInstance();
        (await instance.DeliverDueAsync(CancellationToken.None)).ShouldBe(0);
        receiver.Accepted.ShouldBeEmpty("the leased message and, behind it in feed order, the rest wait");

        await using (var connection = await connections.OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("UPDATE outbox_message SET lease_expires_at = @Expired WHERE lease_owner = @Owner",
                new { Expired = now.AddSeconds(-1), Owner = "dead-instance" });
        }
        (await instance.DeliverDueAsync(CancellationToken.None)).ShouldBeGreaterThan(0);

        (await PendingAsync(subscription)).ShouldBe(0);
        var received = receiver.Accepted.Where(r => r.CaseId == created.Id).ToList();
        received.ShouldNotBeEmpty();
        received.Select(r => r.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        var log = await GetAsync<ListWebhookDeliveries.DeliveryLog>($"/api/webhooks/{subscription}/deliveries");
        // The dead instance's claim counted as attempt 1; the take-over is attempt 2, and it succeeded.
        log.Attempts.ShouldContain(a => a.Attempt == 2 && a.Succeeded);
        log.Pending.ShouldBe(0);
        await UnsubscribeAsync(subscription);
    }
}
