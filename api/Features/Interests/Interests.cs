using FluentValidation;

namespace Klima.Api.Features.Interests;

/// <summary>
/// A case interest of one governance model (e.g. North Jutland's <c>joint</c>, <c>municipal</c>, <c>regional</c>): what a
/// case offers its model's routing rules to match on. Data per model, never an enum in code.
/// </summary>
public sealed record InterestResponse
{
    public required Guid GovernanceModelId { get; init; }
    public required string Code { get; init; }
    /// <summary>The Danish name (shown first).</summary>
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public string? Description { get; init; }
    /// <summary>Position in lists and pickers.</summary>
    public required int Ordinal { get; init; }
    /// <summary>Set when the interest was retired: cases that carry it keep it; no new case, rule or dry run may use it.</summary>
    public DateTimeOffset? RetiredAt { get; init; }
    public required int Version { get; init; }
    public DateTimeOffset? ModifiedAt { get; init; }
}

internal sealed class InterestRules<T> : AbstractValidator<T>
{
    public InterestRules(Func<T, string> name, Func<T, string?> nameEn, Func<T, string?> description, Func<T, int?> ordinal)
    {
        RuleFor(x => name(x)).NotEmpty().MaximumLength(200).OverridePropertyName("name");
        RuleFor(x => nameEn(x)).MaximumLength(200).OverridePropertyName("nameEn");
        RuleFor(x => description(x)).MaximumLength(1000).OverridePropertyName("description");
        RuleFor(x => ordinal(x)).InclusiveBetween(1, 1000).When(x => ordinal(x) is not null).OverridePropertyName("ordinal");
    }
}
