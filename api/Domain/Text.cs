namespace Klima.Api.Domain;

/// <summary>
/// A sentence a person reads, kept as a message key and its arguments so that the API can say it in the caller's
/// language (resource files in Danish and English). Arguments may be other texts, dates, periods, enum values,
/// numbers or names; the API layer formats them as people say them. Plain C#: no framework types.
/// </summary>
public sealed record Text
{
    private const string JoinKey = "$join";
    private const string PlainKey = "$plain";

    public Text(string key, params object?[] args)
    {
        Key = key;
        Args = args;
    }

    public string Key { get; }
    public IReadOnlyList<object?> Args { get; }

    /// <summary>True for a text made by <see cref="Join"/>: its arguments are the separator and the parts.</summary>
    public bool IsJoin => string.Equals(Key, JoinKey, StringComparison.Ordinal);

    /// <summary>True for <see cref="Plain"/>: data a person entered (a name, a description), said as it is.</summary>
    public bool IsPlain => string.Equals(Key, PlainKey, StringComparison.Ordinal);

    /// <summary>Text entered by people (a rule's description, a reason), said as it is in every language.</summary>
    public static Text Plain(string text) => new(PlainKey, text);

    /// <summary>Parts said one after the other (sentences joined by a space, list items by "; ").</summary>
    public static Text Join(string separator, IEnumerable<Text> parts) => new(JoinKey, [separator, .. parts]);

    public bool Equals(Text? other) => other is not null && Key == other.Key && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);

    public override string ToString() => IsJoin ? string.Join((string?)Args[0], Args.Skip(1)) : IsPlain ? (string)Args[0]! : $"{Key}({string.Join(", ", Args)})";
}

/// <summary>A value said by its name in the caller's language: <c>Key</c> names a resource ("Outcome.Approved").</summary>
public sealed record Term(string Key);
