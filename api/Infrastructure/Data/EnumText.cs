namespace Klima.Api.Infrastructure.Data;

/// <summary>Enums are stored as the same camelCase text the API shows, so the database reads as the JSON does.</summary>
internal static class EnumText
{
    public static string Text<TEnum>(this TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static string? Text<TEnum>(this TEnum? value) where TEnum : struct, Enum => value?.Text();
}
