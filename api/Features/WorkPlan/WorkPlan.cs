using System.Data.Common;
using Dapper;
using FluentValidation;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Errors;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Features.WorkPlan;

/// <summary>Where a piece of work stands. <c>NotReported</c>: nobody has stated its progress yet.</summary>
public enum WorkStatus
{
    NotReported,
    Planned,
    InProgress,
    Done,
    OnHold,
    Cancelled,
}

/// <summary>A focus area of a governance model's work plan (e.g. one of Den Nordjyske Klimaambition's).</summary>
public sealed record FocusAreaResponse
{
    public required Guid Id { get; init; }
    public required Guid GovernanceModelId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public string? Description { get; init; }
    public required int Ordinal { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

/// <summary>An initiative under a focus area (e.g. Klimaalliancen, GEN2040 phase 3).</summary>
public sealed record InitiativeResponse
{
    public required Guid Id { get; init; }
    public required Guid FocusAreaId { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public string? Description { get; init; }
    public Guid? ResponsibleBodyId { get; init; }
    /// <summary>The funding programme as text (a programme code or a description).</summary>
    public string? FundingProgramme { get; init; }
    /// <summary>The financing programme that funds it, when it is one of the model's programmes.</summary>
    public Guid? FundingProgrammeId { get; init; }
    public required WorkStatus Status { get; init; }
    public DateOnly? StartsOn { get; init; }
    /// <summary>Exclusive end of the initiative's period.</summary>
    public DateOnly? EndsOn { get; init; }
    /// <summary>Timing the sources give only loosely ("medio 2023"), kept as text rather than turned into a date.</summary>
    public string? TimingNote { get; init; }
    public string? SourceRef { get; init; }
    public required int Ordinal { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

public sealed record MilestoneResponse
{
    public required Guid Id { get; init; }
    public required int Ordinal { get; init; }
    public required string Title { get; init; }
    public DateOnly? DueOn { get; init; }
    public DateOnly? ReachedOn { get; init; }
}

/// <summary>A task of an initiative, with its milestones.</summary>
public sealed record TaskResponse
{
    public required Guid Id { get; init; }
    public required Guid InitiativeId { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public Guid? ResponsibleBodyId { get; init; }
    public string? FundingProgramme { get; init; }
    public Guid? FundingProgrammeId { get; init; }
    public required WorkStatus Status { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? DueOn { get; init; }
    public DateOnly? CompletedOn { get; init; }
    public string? TimingNote { get; init; }
    public string? SourceRef { get; init; }
    public IReadOnlyList<MilestoneResponse> Milestones { get; init; } = [];
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

/// <summary>A milestone as a client writes it (the task's milestones are replaced as a whole).</summary>
public sealed record MilestoneInput(string Title, DateOnly? DueOn, DateOnly? ReachedOn);

internal static class WorkStatuses
{
    public static WorkStatus Parse(string text) => Enum.Parse<WorkStatus>(text, ignoreCase: true);
}

/// <summary>Shape rules shared by initiatives and tasks.</summary>
internal static class WorkPlanValidation
{
    public static void Period<T>(AbstractValidator<T> v, Func<T, DateOnly?> from, Func<T, DateOnly?> to, string toField) =>
        v.RuleFor(x => to(x)).Must((x, end) => end is null || from(x) is null || end > from(x))
            .WithMessage(_ => Messages.Get("WorkPlan.EndAfterStart")).OverridePropertyName(toField);

    public static void Milestones<T>(AbstractValidator<T> v, Func<T, IReadOnlyList<MilestoneInput>?> milestones)
    {
        v.RuleFor(x => milestones(x)).Must(m => m is null || m.Count <= 50).WithMessage(_ => Messages.Get("WorkPlan.AtMost50Milestones")).OverridePropertyName("milestones");
        v.RuleForEach(x => milestones(x) ?? Array.Empty<MilestoneInput>()).ChildRules(m =>
        {
            m.RuleFor(x => x.Title).NotEmpty().MaximumLength(300);
        }).OverridePropertyName("milestones");
    }
}
