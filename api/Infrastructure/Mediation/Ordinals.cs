using FluentValidation;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Infrastructure.Mediation;

/// <summary>
/// Positions within a parent (seats of a body, focus areas of a model, initiatives of a focus area) are 1..Max:
/// a client-chosen 2147483647 would make the next "MAX(ordinal) + 1" overflow and break every later create there.
/// </summary>
internal static class Ordinals
{
    public const int Max = 100_000;

    public static IRuleBuilderOptions<T, int?> ValidOrdinal<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, Max).WithMessage(_ => Messages.Get("Ordinal.Range", Max)).OverridePropertyName("ordinal");

    public static IRuleBuilderOptions<T, int> ValidOrdinal<T>(this IRuleBuilder<T, int> rule) =>
        rule.InclusiveBetween(1, Max).WithMessage(_ => Messages.Get("Ordinal.Range", Max)).OverridePropertyName("ordinal");
}
