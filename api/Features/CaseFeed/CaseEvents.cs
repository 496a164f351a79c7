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
