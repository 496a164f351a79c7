using System.Data.Common;
using System.Text;
using Dapper;
using FluentValidation;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Endpoints;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Http;
using MediatR;

namespace Klima.Api.Features.Meetings;

public enum MeetingState
{
    Planned,
    Held,
    Cancelled,
}

public sealed record AgendaItemResponse
{
    public required int Position { get; init; }
    public required Guid StepId { get; init; }
    public required Guid CaseId { get; init; }
    public required string CaseNumber { get; init; }
    public required string CaseTitle { get; init; }
    public required string Role { get; init; }
}

public sealed record MeetingResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string BodyName { get; init; }
    /// <summary>The partnership the meeting's body belongs to.</summary>
    public required Guid GovernanceModelId { get; init; }
    public required DateOnly Date { get; init; }
    public string? Title { get; init; }
    public string? Location { get; init; }
    /// <summary>Cancelled when cancelled; otherwise held once its date has passed, planned before.</summary>
    public required MeetingState State { get; init; }
    public required bool Cancelled { get; init; }
    public string? CancellationReason { get; init; }
    public required IReadOnlyList<AgendaItemResponse> Agenda { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
}

internal sealed class MeetingRow
{
    public Guid Id { get; init; }
    public Guid BodyId { get; init; }
    public string BodyName { get; init; } = "";
    public Guid GovernanceModelId { get; init; }
    public DateOnly MeetingDate { get; init; }
    public string? Title { get; init; }
    public string? Location { get; init; }
    public string State { get; init; } = "";
    public string? CancellationReason { get; init; }
    public int Version { get; init; }
    public DateTimeOffset ModifiedAt { get; init; }
}
