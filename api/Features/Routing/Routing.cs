using Dapper;
using FluentValidation;
using Klima.Api.Domain.Routing;
using Klima.Api.Features.GovernanceModels;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Routing;

public sealed record RuleStepResponse(int StageOrdinal, string StageName, Guid? BodyId, string? FanOut, string? FanOutPartyKind, StepRole Role,
    bool Authoritative, int? DeadlineDays, string? Note);

public sealed record RoutingRuleResponse(Guid Id, Guid GovernanceModelId, string Code, string Name, string? Description, string? Interest,
    bool? RequiresCouncilDecision, int Priority, string? SourceReference, IReadOnlyList<RuleStepResponse> Steps)
{
    /// <summary>The ETag of the rule (If-Match on change and retirement).</summary>
    public required int Version { get; init; }
    /// <summary>Set once the rule is retired: it routes no new case, and stays named in the history of the cases it routed.</summary>
    public DateTimeOffset? RetiredAt { get; init; }
}

public sealed record InterestResponse
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>The English name, when the model gives one (screens in English say it).</summary>
    public string? NameEn { get; init; }
    public string? Description { get; init; }
}
