using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;

namespace Klima.Api.Features.CaseFeed;

/// <summary>The kinds of change the feed, the timeline and webhooks carry.</summary>
public static class CaseEventTypes
{
    public const string CaseCreated = "case.created";
    public const string CaseRouted = "case.routed";
    public const string CaseRouteChanged = "case.routeChanged";
    public const string CaseStageDecided = "case.stageDecided";
    public const string CaseStatusChanged = "case.statusChanged";
    public const string StepScheduled = "step.scheduled";
    public const string StepUnscheduled = "step.unscheduled";
    public const string StepRecommendationRecorded = "step.recommendationRecorded";
    public const string StepDecisionRecorded = "step.decisionRecorded";
    public const string StepRecommendationCorrected = "step.recommendationCorrected";
    public const string StepDecisionCorrected = "step.decisionCorrected";
    public const string StepAdded = "step.added";

    public static readonly IReadOnlyList<string> All =
    [
        CaseCreated, CaseRouted, CaseRouteChanged, CaseStageDecided, CaseStatusChanged, StepScheduled, StepUnscheduled,
        StepRecommendationRecorded, StepDecisionRecorded, StepRecommendationCorrected, StepDecisionCorrected, StepAdded,
    ];
}

/// <summary>
/// One change of a case or a step: the feed item, the timeline entry and the webhook body. <c>Id</c> is stable
/// (receivers deduplicate on it); <c>Sequence</c> orders the feed.
/// </summary>
public sealed record CaseEventResponse
{
    public required Guid Id { get; init; }
    public required long Sequence { get; init; }
    public required string Type { get; init; }
    public required Guid CaseId { get; init; }
    public Guid? StepId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    public required string Actor { get; init; }
    public required JsonElement Data { get; init; }
}

internal sealed record NewCaseEvent(string Type, Guid CaseId, Guid? StepId, object Data);

internal sealed class CaseEventRow
{
    public long Seq { get; init; }
    public Guid Id { get; init; }
    public string Type { get; init; } = "";
    public Guid CaseId { get; init; }
    public Guid? StepId { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Actor { get; init; } = "";
    public string Payload { get; init; } = "{}";

    public CaseEventResponse ToResponse()
    {
        using var document = JsonDocument.Parse(Payload);
        return new CaseEventResponse
        {
            Id = Id, Sequence = Seq, Type = Type, CaseId = CaseId, StepId = StepId, OccurredAt = OccurredAt, Actor = Actor,
            Data = document.RootElement.Clone(),
        };
    }
}

/// <summary>
/// Appends events inside the transaction of the change they describe, and in the same transaction writes one
/// outbox row per matching webhook subscription: an event exists, and is delivered, only if its change committed.
/// </summary>
internal static class CaseEventWriter
{
    public static readonly JsonSerializerOptions PayloadJson = CreateOptions();

    public const string EventColumns = "seq, id, type, case_id, step_id, occurred_at, actor, payload";

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
