using System.Security.Cryptography;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Domain;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Infrastructure.Localization;
using MediatR;

namespace Klima.Api.Features.CaseFeed;

public sealed record WebhookResponse
{
    public required Guid Id { get; init; }
    public required string Url { get; init; }
    public IReadOnlyList<string>? EventTypes { get; init; }
    public string? Description { get; init; }
    public Guid? OwnerOrganisationId { get; init; }
    /// <summary>Shown only in the response that creates the subscription; keep it to verify X-Klima-Signature.</summary>
    public string? Secret { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class WebhookRow
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string? EventTypes { get; init; }
    public string? Description { get; init; }
    public Guid? OwnerOrganisationId { get; init; }
    public int Version { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public WebhookResponse ToResponse(string? secret = null) => new()
    {
        Id = Id, Url = Url, EventTypes = EventTypes?.Split(','), Description = Description, OwnerOrganisationId = OwnerOrganisationId,
        Secret = secret, Version = Version, CreatedAt = CreatedAt,
    };
}

/// <summary>
/// Subscribes a URL to case events. Each delivery is a POST of the event JSON signed with the subscription's
/// secret: <c>X-Klima-Signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>, plus <c>X-Klima-Event-Id</c>,
/// <c>X-Klima-Event-Type</c> and <c>X-Klima-Timestamp</c>. A subscription bound to an organisation receives only the
/// events of the cases that organisation owns.
/// </summary>
public static class CreateWebhook
{
    public sealed record Command(string Url, string? Secret, IReadOnlyList<string>? EventTypes, string? Description) : IRequest<WebhookResponse>;

    internal sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Url).NotEmpty().MaximumLength(2000)
                .Must(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
                .WithMessage(_ => Messages.Get("Webhook.UrlFormat"));
            RuleFor(c => c.Secret).MinimumLength(16).MaximumLength(200).When(c => c.Secret is not null);
            RuleForEach(c => c.EventTypes).Must(t => CaseEventTypes.All.Contains(t, StringComparer.Ordinal))
                .WithMessage(_ => Messages.Get("Webhook.EventTypes", string.Join(", ", CaseEventTypes.All)));
            RuleFor(c => c.Description).MaximumLength(400);
        }
    }

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user, WebhookTargetPolicy policy, WebhookSecrets secrets)
        : IRequestHandler<Command, WebhookResponse>
    {
        public async Task<WebhookResponse> Handle(Command command, CancellationToken cancellationToken)
        {
            if (await policy.CheckUrlAsync(command.Url, cancellationToken) is { } refused)
            {
                throw new RuleViolationException("webhook.targetRefused", new Text("Webhook.RefusedByPolicy", refused), "url");
            }
            var now = clock.GetUtcNow();
            var id = Guid.CreateVersion7(now);
            var secret = command.Secret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            var types = command.EventTypes is { Count: > 0 } t ? string.Join(',', t.Distinct(StringComparer.Ordinal)) : null;
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO webhook_subscription (id, owner_organisation_id, governance_model_scope, url, secret, event_types, description, created_by, version, created_at, modified_at)
                VALUES (@Id, @Owner, @Models, @Url, @Secret, @Types, @Description, @By, 1, @Now, @Now)
                """, new
                {
                    Id = id, Owner = user.OrganisationScope, Models = GovernanceModelScope.ToColumn(user.ModelScope), command.Url, Secret = secrets.Protect(secret),
                    Types = types, command.Description, By = user.Name, Now = now,
                },
                transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new WebhookRow
            {
                Id = id, Url = command.Url, EventTypes = types, Description = command.Description, OwnerOrganisationId = user.OrganisationScope, Version = 1, CreatedAt = now,
            }.ToResponse(secret);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapPost("/api/webhooks", async (Command command, IMediator mediator, HttpContext http) =>
                {
                    var created = await mediator.Send(command, http.RequestAborted);
                    return TypedResults.Created($"/api/webhooks/{created.Id}", created);
                })
                .WithName("createWebhook")
                .WithSummary("Abonnér på sagshændelser (webhook) / Subscribe to case events (webhook)")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Leverancer er POST af hændelsens " +
                                 "JSON med X-Klima-Signature: sha256=<hex HMAC-SHA256 af rå body med hemmeligheden>, X-Klima-Event-Id (stabil: dedupliker " +
                                 "på den), X-Klima-Event-Type og X-Klima-Timestamp. Fejlede leverancer prøves igen med eksponentiel back-off, i " +
                                 "rækkefølge. Mål skal være https og offentlige: loopback-, private, link-local-, CGNAT-, multicast- og " +
                                 "cloud-metadata-adresser og URL'er med user:password afvises med 422 på url (medmindre driften har tilladt dem); " +
                                 "redirects følges ikke. Hemmeligheden vises kun i dette svar." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Deliveries are POSTs of the event JSON " +
                                 "with X-Klima-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>, X-Klima-Event-Id (stable: " +
                                 "deduplicate on it), X-Klima-Event-Type and X-Klima-Timestamp. Failed deliveries are retried with exponential back-off, " +
                                 "in order. Targets must be https and public: loopback, private, link-local, CGNAT, multicast and cloud-metadata hosts and " +
                                 "URLs with user:password are refused with 422 on url (unless allow-listed by the operator); redirects are not followed. " +
                                 "The secret is shown only in this answer.")
                .WithTags("CaseFeed")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesValidationProblem()
                .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }
}

/// <summary>Lists the caller's webhook subscriptions (secrets are never shown again).</summary>
public static class ListWebhooks
{
    public sealed record Query : IRequest<IReadOnlyList<WebhookResponse>>;

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, IReadOnlyList<WebhookResponse>>
    {
        public async Task<IReadOnlyList<WebhookResponse>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            return (await connection.QueryAsync<WebhookRow>(new CommandDefinition(CaseFeedStore.Select + CaseFeedStore.Scoped(user) + " ORDER BY id",
                new { Scope = user.OrganisationScope }, cancellationToken: cancellationToken))).Select(r => r.ToResponse()).ToList();
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/webhooks", async (IMediator mediator, HttpContext http) => TypedResults.Ok(await mediator.Send(new Query(), http.RequestAborted)))
                .WithName("listWebhooks")
                .WithSummary("Vis webhook-abonnementer / List webhook subscriptions")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Abonnementerne med mål og organisation; aldrig deres hemmeligheder." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). The subscriptions with their target and organisation; never their secrets.")
                .WithTags("CaseFeed")
                .RequirePermission(Permissions.CasesRead);
    }
}

/// <summary>Ends a subscription; its undelivered messages are abandoned.</summary>
public static class DeleteWebhook
{
    public sealed record Command(Guid Id) : IRequest<Unit>;

    internal sealed class Handler(IDbConnectionFactory db, TimeProvider clock, ICurrentUser user) : IRequestHandler<Command, Unit>
    {
        public async Task<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            await using var connection = await db.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginWriteAsync(cancellationToken);
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE webhook_subscription SET deleted_at = @Now, modified_at = @Now, version = version + 1 WHERE id = @Id AND deleted_at IS NULL" + CaseFeedStore.Scoped(user),
                new { command.Id, Now = now, Scope = user.OrganisationScope }, transaction, cancellationToken: cancellationToken));
            if (changed == 0)
            {
                throw new NotFoundException("Webhook", command.Id);
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_message SET abandoned_at = @Now, last_error = 'Subscription deleted.' WHERE subscription_id = @Id AND delivered_at IS NULL AND abandoned_at IS NULL",
                new { command.Id, Now = now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return Unit.Value;
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapDelete("/api/webhooks/{id:guid}", async (Guid id, IMediator mediator, HttpContext http) =>
                {
                    await mediator.Send(new Command(id), http.RequestAborted);
                    return TypedResults.NoContent();
                })
                .WithName("deleteWebhook")
                .WithSummary("Slet et webhook-abonnement / Delete a webhook subscription")
                .WithDescription("Kræver cases:write (sekretariat og administrator; eller en API-nøgle med det scope). Stopper leverancer til målet. 404 " +
                                 "for et ukendt abonnement." +
                                 "\n\nNeeds cases:write (secretariat and administrator; or an API key with that scope). Stops deliveries to the target. 404 " +
                                 "for an unknown subscription.")
                .WithTags("CaseFeed")
                .RequirePermission(Permissions.CasesWrite)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>The delivery log of a subscription: every attempt, newest first, and what is still pending.</summary>
public static class ListWebhookDeliveries
{
    public sealed record Query(Guid Id, int? Limit) : IRequest<DeliveryLog>;

    public sealed record DeliveryResponse
    {
        public required Guid Id { get; init; }
        public required Guid EventId { get; init; }
        public required int Attempt { get; init; }
        public required DateTimeOffset AttemptedAt { get; init; }
        public int? StatusCode { get; init; }
        public required bool Succeeded { get; init; }
        public string? Error { get; init; }
        public required int DurationMs { get; init; }
    }

    public sealed record DeliveryLog(Guid SubscriptionId, int Pending, int Delivered, int Abandoned, IReadOnlyList<DeliveryResponse> Attempts);

    private sealed class Counts
    {
        public int Pending { get; init; }
        public int Delivered { get; init; }
        public int Abandoned { get; init; }
    }

    internal sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.Limit).InclusiveBetween(1, 1000).When(q => q.Limit is not null);
    }

    internal sealed class Handler(IDbConnectionFactory db, ICurrentUser user) : IRequestHandler<Query, DeliveryLog>
    {
        public async Task<DeliveryLog> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var connection = await db.OpenAsync(cancellationToken);
            _ = await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(CaseFeedStore.Select + " AND id = @Id" + CaseFeedStore.Scoped(user),
                    new { query.Id, Scope = user.OrganisationScope }, cancellationToken: cancellationToken))
                ?? throw new NotFoundException("Webhook", query.Id);
            var counts = await connection.QuerySingleAsync<Counts>(new CommandDefinition("""
                SELECT COALESCE(SUM(CASE WHEN delivered_at IS NULL AND abandoned_at IS NULL THEN 1 ELSE 0 END), 0) AS pending,
                       COALESCE(SUM(CASE WHEN delivered_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS delivered,
                       COALESCE(SUM(CASE WHEN abandoned_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS abandoned
                FROM outbox_message WHERE subscription_id = @Id
                """, new { query.Id }, cancellationToken: cancellationToken));
            var attempts = (await connection.QueryAsync<DeliveryResponse>(new CommandDefinition(
                "SELECT id, event_id, attempt, attempted_at, status_code, succeeded, error, duration_ms FROM webhook_delivery WHERE subscription_id = @Id ORDER BY attempted_at DESC, id DESC"
                + db.Dialect.Limit("@Take"), new { query.Id, Take = query.Limit ?? 100 }, cancellationToken: cancellationToken))).ToList();
            return new DeliveryLog(query.Id, counts.Pending, counts.Delivered, counts.Abandoned, attempts);
        }
    }

    internal sealed class Endpoint : IEndpoint
    {
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/webhooks/{id:guid}/deliveries", async (Guid id, int? limit, IMediator mediator, HttpContext http) =>
                    TypedResults.Ok(await mediator.Send(new Query(id, limit), http.RequestAborted)))
                .WithName("listWebhookDeliveries")
                .WithSummary("Vis leverancer for et webhook / List a webhook's deliveries")
                .WithDescription("Kræver cases:read (alle roller; eller en API-nøgle med det scope). Antal ventende, leverede og opgivne hændelser og " +
                                 "hvert forsøg med svarkode, fejl og varighed, til fejlsøgning hos modtageren." +
                                 "\n\nNeeds cases:read (every role; or an API key with that scope). How many events are pending, delivered and abandoned, and " +
                                 "each attempt with its response status, error and duration, for troubleshooting at the receiver.")
                .WithTags("CaseFeed")
                .RequirePermission(Permissions.CasesRead)
                .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

/// <summary>How receivers verify a delivery: HMAC-SHA256 of the raw body with the subscription's secret, hex, prefixed "sha256=".</summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Klima-Signature";
    public const string EventIdHeader = "X-Klima-Event-Id";
    public const string EventTypeHeader = "X-Klima-Event-Type";
    public const string TimestampHeader = "X-Klima-Timestamp";

    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, body)), Encoding.ASCII.GetBytes(header));
}
