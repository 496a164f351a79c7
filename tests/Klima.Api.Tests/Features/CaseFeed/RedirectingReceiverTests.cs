using System.Net;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Klima.Api.Tests.Features.CaseFeed;

/// <summary>A receiver that answers 307 to another address gets no second POST: redirects are not followed.</summary>
public sealed class RedirectingReceiverTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly string[] CreatedOnly = ["case.created"];

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:PollInterval"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.100",
    };

    [Test]
    public async Task A_307_is_a_failed_attempt_and_the_redirect_target_is_never_called()
    {
        var targetHits = 0;
        var targetPort = LoopbackReceiver.FreePort();
        await using var target = await Start(targetPort, context =>
        {
            Interlocked.Increment(ref targetHits);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        var port = LoopbackReceiver.FreePort();
        await using var redirecting = await Start(port, context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = $"http://127.0.0.1:{targetPort}/stolen";
            return Task.CompletedTask;
        });
        using var created = await PostAsync("/api/webhooks", new { url = $"http://127.0.0.1:{port}/hook", eventTypes = CreatedOnly });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var subscription = await created.ReadAsync<WebhookResponse>();
        await Client.CreateCaseAsync(Seed.NewCase("municipal"));

        ListWebhookDeliveries.DeliveryLog log;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(50);
            log = await GetAsync<ListWebhookDeliveries.DeliveryLog>($"/api/webhooks/{subscription.Id}/deliveries");
        }
        while (log.Attempts.Count < 2 && DateTime.UtcNow < deadline);
        log.Attempts.Count.ShouldBeGreaterThanOrEqualTo(2);
        log.Attempts.ShouldAllBe(a => !a.Succeeded && a.StatusCode == 307);
        targetHits.ShouldBe(0);
    }

    private static async Task<WebApplication> Start(int port, RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return app;
    }
}
