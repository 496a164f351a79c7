using FluentValidation.Internal;

namespace Klima.Api.Infrastructure.Localization;

/// <summary>
/// Names a field in FluentValidation's messages as a person reads it, in the caller's language: "'Navn' må ikke være
/// tom." / "'Name' must not be empty.", from the message catalogue's <c>Field.&lt;jsonName&gt;</c> labels. The field
/// keys of a problem's <c>errors</c> stay the contract's JSON names; only the sentence changes. A field without a label
/// keeps its JSON name (a test fails when a validated field has no label in Danish and English).
/// </summary>
internal static class FieldNames
{
    public const string KeyPrefix = "Field.";

    /// <summary>The JSON name FluentValidation's display name stands for: "funding Programme" (its split form) and "FundingProgramme" are "fundingProgramme".</summary>
    public static string JsonName(string displayName)
    {
        var name = displayName.Replace(" ", "", StringComparison.Ordinal);
        var dot = name.LastIndexOf('.');
        if (dot >= 0)
        {
            name = name[(dot + 1)..];
        }
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        if (bracket >= 0)
        {
            name = name[..bracket];
        }
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The field's label in the request's language, or null when the catalogue has none.</summary>
    public static string? Label(string displayName) => Messages.Find(KeyPrefix + JsonName(displayName), Messages.Current);

    /// <summary>Builds FluentValidation's messages with the field's label in place of its JSON name.</summary>
    public sealed class Formatter : MessageFormatter
    {
        public override string BuildMessage(string messageTemplate)
        {
            if (PlaceholderValues.TryGetValue(PropertyName, out var value) && value is string displayName && Label(displayName) is { } label)
            {
                PlaceholderValues[PropertyName] = label;
            }
            return base.BuildMessage(messageTemplate);
        }
    }
}
