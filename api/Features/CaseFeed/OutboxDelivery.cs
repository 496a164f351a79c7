using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Klima.Api.Infrastructure;
using Klima.Api.Infrastructure.Data;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.CaseFeed;

/// <summary>Bound from <c>CaseFeed:Webhooks</c>. Tests shorten the intervals; production keeps the defaults.</summary>
internal sealed class WebhookDeliveryOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The first retry waits this long; each further retry doubles it, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);
    /// <summary>After this many failed attempts a message is abandoned (it stays in the delivery log).</summary>
    public int MaxAttempts { get; set; } = 15;
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public int BatchSize { get; set; } = 100;
    /// <summary>
    /// How long a claimed message stays leased beyond <see cref="RequestTimeout"/>: the time to record the outcome. An
    /// instance that dies mid-delivery leaves its lease to expire, and another instance then delivers the message.
    /// </summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan Lease => RequestTimeout + LeaseMargin;

    public TimeSpan Backoff(int attempts)
    {
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromMilliseconds(RetryBaseDelay.TotalMilliseconds * factor);
        return delay > RetryMaxDelay ? RetryMaxDelay : delay;
    }
}

/// <summary>Registers webhook delivery: options, the named HTTP client and the background worker.</summary>
internal sealed class CaseFeedModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookDeliveryOptions>(configuration.GetSection("CaseFeed:Webhooks"));
        services.Configure<WebhookTargetOptions>(configuration.GetSection("CaseFeed:Webhooks"));
        services.AddSingleton<WebhookTargetPolicy>();
        services.AddSingleton<WebhookSecrets>();
        services.AddHostedService<WebhookSecretEncryption>();
        // The outbound policy (SSRF) is enforced where the socket is opened; no redirects, no proxy (it would be the one connected to).
        services.AddHttpClient(OutboxDispatcher.ClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value.RequestTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = provider.GetRequiredService<WebhookTargetPolicy>().ConnectAsync,
            });
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService<OutboxDeliveryWorker>();
    }
}

/// <summary>Polls the outbox and delivers due messages; one failing pass never stops the worker.</summary>
internal sealed class OutboxDeliveryWorker(OutboxDispatcher dispatcher, IOptions<WebhookDeliveryOptions> options, TimeProvider clock, ILogger<OutboxDeliveryWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await dispatcher.DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The worker must survive any failure of one pass (database restarting, a bug in one message).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Webhook delivery pass failed; retrying after the poll interval.");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

/// <summary>
/// Delivers outbox messages, per subscription in feed order: a subscription's next message waits until the one
/// before it is delivered (or abandoned), so a receiver that was down gets every event, in order, once it is back.
/// Several API instances share one database: an instance sends a message only under a lease it took in one UPDATE
/// (owner and expiry on the row, see <see cref="ClaimAsync"/>), so no two instances send the same message; an instance
/// that dies mid-delivery loses its lease when it expires and another delivers. Receivers deduplicate on X-Klima-Event-Id
/// (a lease that expires during a slow delivery is the one way to a second copy).
/// </summary>
internal sealed class OutboxDispatcher(IDbConnectionFactory db, IHttpClientFactory http, IOptions<WebhookDeliveryOptions> options, TimeProvider clock,
    ILogger<OutboxDispatcher> logger, WebhookTargetPolicy policy, WebhookSecrets secrets)
{
    public const string ClientName = "klima-webhooks";

    /// <summary>This instance in lease_owner: host, process and a random part (two hosts may share a process id).</summary>
    private readonly string _owner = LeaseOwner();

    private static string LeaseOwner()
    {
        var owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return owner.Length > 100 ? owner[^100..] : owner;
    }

    private sealed class Pending
    {
        public Guid Id { get; init; }
        public int Attempts { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public Guid SubscriptionId { get; init; }
        public string Url { get; init; } = "";
        public string Secret { get; init; } = "";
        public long Seq { get; init; }
        public Guid EventId { get; init; }
        public string Type { get; init; } = "";
        public Guid CaseId { get; init; }
        public Guid? StepId { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string Payload { get; init; } = "{}";
    }

    /// <summary>Delivers what is due now; returns the number of attempts made.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        List<Guid> subscriptions;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            subscriptions = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT DISTINCT subscription_id FROM outbox_message WHERE delivered_at IS NULL AND abandoned_at IS NULL",
                cancellationToken: cancellationToken))).ToList();
        }
        var attempts = 0;
        foreach (var subscription in subscriptions)
        {
            attempts += await DeliverSubscriptionAsync(subscription, settings, cancellationToken);
        }
        return attempts;
    }

    private async Task<int> DeliverSubscriptionAsync(Guid subscriptionId, WebhookDeliveryOptions settings, CancellationToken cancellationToken)
    {
        List<Pending> pending;
        await using (var connection = await db.OpenAsync(cancellationToken))
        {
            pending = (await connection.QueryAsync<Pending>(new CommandDefinition("""
                SELECT o.id, o.attempts, o.next_attempt_at, o.subscription_id, s.url, s.secret, e.seq, e.id AS event_id, e.type, e.case_id, e.step_id,
                       e.occurred_at, e.actor, e.payload
                FROM outbox_message o
                JOIN webhook_subscription s ON s.id = o.subscription_id
                JOIN case_event e ON e.seq = o.event_sequence
                WHERE o.subscription_id = @SubscriptionId AND o.delivered_at IS NULL AND o.abandoned_at IS NULL
                ORDER BY o.event_sequence
                """ + db.Dialect.Limit("@Take"), new { SubscriptionId = subscriptionId, Take = settings.BatchSize }, cancellationToken: cancellationToken))).ToList();
        }
        var made = 0;
        foreach (var message in pending)
        {
            if (message.NextAttemptAt > clock.GetUtcNow() || await ClaimAsync(message, settings, cancellationToken) is not { } attempt)
            {
                break;
            }
            made++;
            if (!await SendAsync(message, attempt, settings, cancellationToken))
            {
                break;
            }
        }
        return made;
    }

    /// <summary>
    /// Leases one message to this instance, in one UPDATE that holds every condition: not delivered nor abandoned, due,
    /// not under a live lease of any instance, and no earlier message of its subscription still pending (feed order).
    /// Returns the attempt number, or null when another instance has it or it is not this one's turn. The same portable
    /// SQL runs on SQLite (the write transaction serialises claims) and SQL Server, where the conditions on the row are
    /// evaluated under the UPDATE's lock on its latest committed version (also under READ_COMMITTED_SNAPSHOT, Azure
    /// SQL's default); the NOT EXISTS may read a snapshot a moment old, which only ever makes a claim wait a poll.
    /// </summary>
    private async Task<int?> ClaimAsync(Pending message, WebhookDeliveryOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginWriteAsync(cancellationToken);
        var claimed = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_message SET attempts = attempts + 1, lease_owner = @Owner, lease_expires_at = @LeaseUntil
            WHERE id = @Id AND delivered_at IS NULL AND abandoned_at IS NULL AND next_attempt_at <= @Now
              AND (lease_expires_at IS NULL OR lease_expires_at <= @Now)
              AND NOT EXISTS (
                  SELECT 1 FROM outbox_message earlier
                  WHERE earlier.subscription_id = @SubscriptionId AND earlier.event_sequence < @Sequence
                    AND earlier.delivered_at IS NULL AND earlier.abandoned_at IS NULL)
            """, new { message.Id, message.SubscriptionId, Sequence = message.Seq, Owner = _owner, Now = now, LeaseUntil = now + settings.Lease },
            transaction, cancellationToken: cancellationToken));
        int? attempt = claimed == 1
            ? await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT attempts FROM outbox_message WHERE id = @Id AND lease_owner = @Owner", new { message.Id, Owner = _owner }, transaction,
                cancellationToken: cancellationToken))
            : null;
        await transaction.CommitAsync(cancellationToken);
        return attempt;
    }

    private async Task<bool> SendAsync(Pending message, int attempt, WebhookDeliveryOptions settings, CancellationToken cancellationToken)
    {
        using var document = JsonDocument.Parse(message.Payload);
        var body = JsonSerializer.SerializeToUtf8Bytes(new CaseEventResponse
        {
            Id = message.EventId, Sequence = message.Seq, Type = message.Type, CaseId = message.CaseId, StepId = message.StepId,
            OccurredAt = message.OccurredAt, Actor = message.Actor, Data = document.RootElement.Clone(),
        }, CaseFeedStore.PayloadJson);
        var started = Stopwatch.GetTimestamp();
        int? status = null;
        string? error = null;
        try
        {
            // Checked again before each delivery (the settings may have changed since the subscription was made).
            if (policy.CheckUrl(message.Url) is { } refused)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, null, new WebhookPolicyException(refused));
            }
            using var request = new HttpRequestMessage(HttpMethod.Post, message.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secrets.Reveal(message.Secret), body));
            request.Headers.TryAddWithoutValidation(WebhookSignature.EventIdHeader, message.EventId.ToString());
            request.Headers.TryAddWithoutValidation(WebhookSignature.EventTypeHeader, message.Type);
            request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader,
                clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            using var response = await http.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            status = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode)
            {
                error = $"The receiver answered {status}.";
            }
        }
        catch (HttpRequestException ex)
        {
            error = Truncate(WebhookTargetPolicy.Describe(ex));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            error = "The receiver did not answer in time.";
        }
        var succeeded = error is null;
        var duration = (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var now = clock.GetUtcNow();
        var abandon = !succeeded && attempt >= settings.MaxAttempts;
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginWriteAsync(CancellationToken.None);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO webhook_delivery (id, subscription_id, outbox_message_id, event_id, attempt, attempted_at, status_code, succeeded, error, duration_ms, instance)
            VALUES (@Id, @SubscriptionId, @MessageId, @EventId, @Attempt, @Now, @Status, @Succeeded, @Error, @Duration, @Instance)
            """, new
        {
            Id = Guid.CreateVersion7(now), message.SubscriptionId, MessageId = message.Id, message.EventId, Attempt = attempt, Now = now, Status = status,
            Succeeded = succeeded, Error = error, Duration = duration, Instance = _owner,
        }, transaction));
        // Only under this instance's lease of this attempt: a lease that expired and was taken over is the other instance's now.
        var recorded = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE outbox_message SET delivered_at = @Delivered, abandoned_at = @Abandoned, next_attempt_at = @Next, last_error = @Error,
                lease_owner = NULL, lease_expires_at = NULL
            WHERE id = @Id AND lease_owner = @Owner AND attempts = @Attempt
            """, new
        {
            message.Id, Delivered = succeeded ? now : (DateTimeOffset?)null, Abandoned = abandon ? now : (DateTimeOffset?)null,
            Next = succeeded ? now : now + settings.Backoff(attempt), Error = error, Owner = _owner, Attempt = attempt,
        }, transaction));
        await transaction.CommitAsync(CancellationToken.None);
        if (recorded == 0)
        {
            logger.LogWarning("The lease on webhook message {MessageId} (event {EventId}) expired during attempt {Attempt}; another instance has taken it over.",
                message.Id, message.EventId, attempt);
        }
        if (!succeeded)
        {
            logger.LogInformation("Webhook delivery of event {EventId} to subscription {SubscriptionId} failed (attempt {Attempt}): {Error}",
                message.EventId, message.SubscriptionId, attempt, error);
        }
        return succeeded;
    }

    private static string Truncate(string value) => value.Length <= 1000 ? value : value[..1000];
}
