using System.Data.Common;
using System.Globalization;
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
        public string? GovernanceModelScope { get; init; }
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
            "SELECT id, owner_organisation_id, event_types, governance_model_scope FROM webhook_subscription WHERE deleted_at IS NULL",
            transaction: transaction, cancellationToken: cancellationToken))).ToList();
        // A subscription made by a caller limited to some partnerships receives only their cases' events (issue 14).
        var caseModels = subscriptions.Any(s => s.GovernanceModelScope is not null)
            ? (await SqlIn.QueryChunkedAsync<CaseModel>(connection, "SELECT id, governance_model_id FROM case_file WHERE id IN {0}",
                events.Select(e => e.CaseId).Distinct(), transaction, cancellationToken)).ToDictionary(c => c.Id, c => c.GovernanceModelId)
            : [];

        // Multi-row INSERTs for the events and their outbox rows instead of one statement a row (issue 19: fewer statements
        // while the write lock is held), in chunks that stay below SQL Server's 2,100 parameters.
        var sequence = last - events.Count;
        var outbox = new List<(Guid Id, long Seq, Guid SubscriptionId)>();
        foreach (var chunk in events.Chunk(EventsPerInsert))
        {
            var eventSql = new StringBuilder("INSERT INTO case_event (seq, id, type, case_id, step_id, owner_organisation_id, occurred_at, actor, payload) VALUES ");
            var eventArgs = new DynamicParameters(new { Owner = caseOwner, Now = now, Actor = actor });
            for (var i = 0; i < chunk.Length; i++)
            {
                var change = chunk[i];
                sequence++;
                eventSql.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@Seq{i}, @Id{i}, @Type{i}, @CaseId{i}, @StepId{i}, @Owner, @Now, @Actor, @Payload{i})");
                eventArgs.Add($"Seq{i}", sequence);
                eventArgs.Add($"Id{i}", Guid.CreateVersion7(now));
                eventArgs.Add($"Type{i}", change.Type);
                eventArgs.Add($"CaseId{i}", change.CaseId);
                eventArgs.Add($"StepId{i}", change.StepId);
                eventArgs.Add($"Payload{i}", JsonSerializer.Serialize(change.Data, PayloadJson));
                var seq = sequence;
                outbox.AddRange(subscriptions.Where(s => Matches(s, caseOwner, change.Type) && InScope(s, caseModels, change.CaseId)).Select(s => (Guid.CreateVersion7(now), seq, s.Id)));
            }
            await connection.ExecuteAsync(new CommandDefinition(eventSql.ToString(), eventArgs, transaction, cancellationToken: cancellationToken));
        }
        // Three parameters an outbox row: chunks stay below SQL Server's 2,100 parameters when many subscriptions match.
        foreach (var chunk in outbox.Chunk(OutboxRowsPerInsert))
        {
            var sql = new StringBuilder("INSERT INTO outbox_message (id, event_sequence, subscription_id, attempts, next_attempt_at, created_at) VALUES ");
            var args = new DynamicParameters(new { Now = now });
            for (var n = 0; n < chunk.Length; n++)
            {
                sql.Append(n == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@Id{n}, @Seq{n}, @SubscriptionId{n}, 0, @Now, @Now)");
                args.Add($"Id{n}", chunk[n].Id);
                args.Add($"Seq{n}", chunk[n].Seq);
                args.Add($"SubscriptionId{n}", chunk[n].SubscriptionId);
            }
            await connection.ExecuteAsync(new CommandDefinition(sql.ToString(), args, transaction, cancellationToken: cancellationToken));
        }
    }

    private const int EventsPerInsert = 300;

    private const int OutboxRowsPerInsert = 600;

    private static bool InScope(Subscription subscription, Dictionary<Guid, Guid> caseModels, Guid caseId) =>
        subscription.GovernanceModelScope is null
        || (caseModels.TryGetValue(caseId, out var model) && Infrastructure.Auth.GovernanceModelScope.FromColumn(subscription.GovernanceModelScope).Contains(model));

    private sealed record CaseModel
    {
        public required Guid Id { get; init; }
        public required Guid GovernanceModelId { get; init; }
    }

    private static bool Matches(Subscription subscription, Guid? caseOwner, string type) =>
        (subscription.OwnerOrganisationId is null || subscription.OwnerOrganisationId == caseOwner) &&
        (string.IsNullOrEmpty(subscription.EventTypes) || subscription.EventTypes.Split(',').Contains(type, StringComparer.Ordinal));
}
