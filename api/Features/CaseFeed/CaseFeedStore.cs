using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.CaseFeed;

/// <summary>The SQL the CaseFeed use cases share: webhooks and the case events written by other areas.</summary>
internal static class CaseFeedStore
{
    public const string Select = "SELECT id, url, event_types, description, owner_organisation_id, version, created_at FROM webhook_subscription WHERE deleted_at IS NULL";

    /// <summary>A caller bound to an organisation sees and changes only its own subscriptions.</summary>
    public static string Scoped(ICurrentUser user) => user.OrganisationScope is null ? "" : " AND owner_organisation_id = @Scope";

    /// <summary>
    /// Appends events inside the transaction of the change they describe, and in the same transaction writes one
    /// outbox row per matching webhook subscription: an event exists, and is delivered, only if its change committed.
    /// </summary>
    public static readonly JsonSerializerOptions PayloadJson = CreateOptions();

    public const string EventColumns = "seq, id, type, case_id, step_id, occurred_at, actor, payload";

    /// <summary>The events of one case in the order they happened (the case's timeline).</summary>
    [AreaApi]
    public static async Task<IReadOnlyList<CaseEventRow>> EventsOfCaseAsync(DbConnection connection, Guid caseId, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<CaseEventRow>(new CommandDefinition(
            $"SELECT {EventColumns} FROM case_event WHERE case_id = @Id ORDER BY seq", new { Id = caseId }, cancellationToken: cancellationToken))).ToList();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    private sealed class Subscription
    {
        public Guid Id { get; init; }
        public Guid? OwnerOrganisationId { get; init; }
        public string? EventTypes { get; init; }
    }

    [AreaApi]
    public static async Task AppendAsync(DbConnection connection, DbTransaction transaction, Guid? caseOwner, string actor,
        DateTimeOffset now, IReadOnlyList<NewCaseEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }
        // The row lock on feed_sequence is held until commit: sequence order is commit order.
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feed_sequence SET last_value = last_value + @Count WHERE name = 'case-feed'",
            new { events.Count }, transaction, cancellationToken: cancellationToken));
        var last = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT last_value FROM feed_sequence WHERE name = 'case-feed'", transaction: transaction, cancellationToken: cancellationToken));
        var subscriptions = (await connection.QueryAsync<Subscription>(new CommandDefinition(
            "SELECT id, owner_organisation_id, event_types FROM webhook_subscription WHERE deleted_at IS NULL",
            transaction: transaction, cancellationToken: cancellationToken))).ToList();

        var sequence = last - events.Count;
        foreach (var change in events)
        {
            sequence++;
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO case_event (seq, id, type, case_id, step_id, owner_organisation_id, occurred_at, actor, payload)
                VALUES (@Seq, @Id, @Type, @CaseId, @StepId, @Owner, @Now, @Actor, @Payload)
                """, new
            {
                Seq = sequence, Id = Guid.CreateVersion7(now), change.Type, change.CaseId, change.StepId, Owner = caseOwner, Now = now, Actor = actor,
                Payload = JsonSerializer.Serialize(change.Data, PayloadJson),
            }, transaction, cancellationToken: cancellationToken));

            foreach (var subscription in subscriptions.Where(s => Matches(s, caseOwner, change.Type)))
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO outbox_message (id, event_sequence, subscription_id, attempts, next_attempt_at, created_at)
                    VALUES (@Id, @Seq, @SubscriptionId, 0, @Now, @Now)
                    """, new { Id = Guid.CreateVersion7(now), Seq = sequence, SubscriptionId = subscription.Id, Now = now },
                    transaction, cancellationToken: cancellationToken));
            }
        }
    }

    private static bool Matches(Subscription subscription, Guid? caseOwner, string type) =>
        (subscription.OwnerOrganisationId is null || subscription.OwnerOrganisationId == caseOwner) &&
        (string.IsNullOrEmpty(subscription.EventTypes) || subscription.EventTypes.Split(',').Contains(type, StringComparer.Ordinal));
}
