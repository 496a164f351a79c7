using System.Globalization;
using System.Resources;
using Klima.Api.Domain;

namespace Klima.Api.Infrastructure.Localization;

/// <summary>
/// Says a <see cref="Text"/> in a language: the message from <c>Resources/Messages.resx</c> (Danish, the neutral
/// language) or <c>Messages.en.resx</c>, its arguments formatted as people say them (dates "1. jul. 2026", periods
/// "1. jul. 2026 – 31. dec. 2026", half-years "1. halvår 2024", enum values and terms by their names).
/// Without a language it speaks the request's (CurrentUICulture, set by the request localization), Danish by default.
/// </summary>
internal static class Messages
{
    public const string BaseName = "Klima.Api.Resources.Messages";

    private static readonly ResourceManager Resources = new(BaseName, typeof(Messages).Assembly);

    public static CultureInfo Danish { get; } = CultureInfo.GetCultureInfo("da");
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The message of <paramref name="key"/> in <paramref name="culture"/>, or null when there is none.</summary>
    public static string? Find(string key, CultureInfo culture) => Resources.GetString(key, culture);

    /// <summary>Every key with its message in exactly one culture, no fall-back (the invariant culture = the neutral resources, Danish).</summary>
    public static IReadOnlyDictionary<string, string> All(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                  ?? throw new InvalidOperationException($"No messages for '{culture.Name}'.");
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    /// <summary>The request's language when it is one Klima speaks; Danish otherwise.</summary>
    public static CultureInfo Current => IsEnglish(CultureInfo.CurrentUICulture) ? English : Danish;

    /// <summary>By name: with invariant globalization a named culture carries no language data of its own.</summary>
    public static bool IsEnglish(CultureInfo culture) =>
        culture.Name == "en" || culture.Name.StartsWith("en-", StringComparison.OrdinalIgnoreCase);

    public static string Get(string key, params object?[] args) => Say(new Text(key, args), Current);

    public static string Say(Text text) => Say(text, Current);

    public static string Say(Text text, CultureInfo culture)
    {
        if (text.IsPlain)
        {
            return (string?)text.Args[0] ?? "";
        }
        if (text.IsJoin)
        {
            return string.Join((string?)text.Args[0], text.Args.Skip(1).Select(a => Format(a, culture)).Where(s => s.Length > 0));
        }
        var template = Find(text.Key, culture) ?? text.Key;
        if (text.Args.Count == 0)
        {
            return template;
        }
        return string.Format(culture, template, text.Args.Select(a => (object)Format(a, culture)).ToArray());
    }

    /// <summary>One argument as a person reads it.</summary>
    public static string Format(object? value, CultureInfo culture) => value switch
    {
        null => "",
        string s => s,
        Text t => Say(t, culture),
        Term t => Find(t.Key, culture) ?? t.Key,
        DateOnly d => Date(d, culture),
        DateTimeOffset at => Date(Domain.CalendarDay.Of(at), culture),
        Domain.Period p => Period(p.From, p.To, culture),
        Domain.PeriodName n => Period(n.Period, culture),
        Enum e => Find($"{e.GetType().Name}.{e}", culture) ?? e.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>"1. jul. 2026" in Danish, "1 Jul 2026" in English.</summary>
    public static string Date(DateOnly day, CultureInfo culture)
    {
        var months = (Find("Date.Months", culture) ?? "").Split(',');
        var month = months.Length == 12 ? months[day.Month - 1] : day.Month.ToString(CultureInfo.InvariantCulture);
        return string.Format(CultureInfo.InvariantCulture, Find("Date.Format", culture) ?? "{0} {1} {2}", day.Day, month, day.Year);
    }

    /// <summary>
    /// A half-open period [from, to) said with its last day: "1. jul. 2026 – 31. dec. 2026"; an open end is "åben" /
    /// "open".
    /// </summary>
    public static string Period(DateOnly from, DateOnly? to, CultureInfo culture) => to is { } end
        ? Say(new Text("Period.Closed", Date(from, culture), Date(end > from ? end.AddDays(-1) : end, culture)), culture)
        : Say(new Text("Period.Open", Date(from, culture)), culture);

    /// <summary>A period by its name: a calendar year is "2024", a half-year "1. halvår 2024" / "first half of 2024", any other its days.</summary>
    public static string Period(Domain.Period period, CultureInfo culture)
    {
        var label = period.Label;
        if (label.Length == 7 && label[4..6] == "-H")
        {
            return Say(new Text(label[6] == '1' ? "Period.FirstHalf" : "Period.SecondHalf", label[..4]), culture);
        }
        return label.Length == 4 ? label : Period(period.From, period.To, culture);
    }
}
