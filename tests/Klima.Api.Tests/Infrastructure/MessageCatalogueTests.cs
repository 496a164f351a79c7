using System.Globalization;
using System.Text.RegularExpressions;
using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Tests.Infrastructure;

/// <summary>
/// The message catalogue (api/Resources/Messages.resx in Danish, Messages.en.resx in English) is complete: every key in
/// both languages with the same placeholders, every key the code uses present, and no sentence a person reads written
/// into the code instead of the catalogue (it would reach a Danish user in English).
/// </summary>
public sealed partial class MessageCatalogueTests
{
    private static readonly IReadOnlyDictionary<string, string> Danish = Messages.All(CultureInfo.InvariantCulture);
    private static readonly IReadOnlyDictionary<string, string> English = Messages.All(Messages.English);

    [Test]
    public void Every_message_exists_in_Danish_and_in_English_with_the_same_placeholders()
    {
        Danish.Count.ShouldBeGreaterThan(100);
        Danish.Keys.Except(English.Keys).ShouldBeEmpty("keys with no English text");
        English.Keys.Except(Danish.Keys).ShouldBeEmpty("keys with no Danish text");
        var different = Danish.Keys.Where(k => !Placeholders(Danish[k]).SetEquals(Placeholders(English[k]))).ToList();
        different.ShouldBeEmpty("messages whose Danish and English placeholders differ");
        Danish.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => e.Key).ShouldBeEmpty("empty Danish messages");
    }

    [Test]
    public void Every_message_key_the_code_uses_has_a_Danish_and_an_English_text()
    {
        var used = Sources().SelectMany(f => KeyUse().Matches(f.Text).Select(m => (f.Path, Key: m.Groups["key"].Value))).ToList();
        used.Count.ShouldBeGreaterThan(50);
        used.Where(u => !Danish.ContainsKey(u.Key) || !English.ContainsKey(u.Key)).Select(u => $"{u.Path}: {u.Key}").ShouldBeEmpty();
    }

    [Test]
    public void Every_not_found_resource_and_every_outcome_and_role_has_a_name_in_both_languages()
    {
        var resources = Sources().SelectMany(f => ResourceUse().Matches(f.Text).Select(m => "Resource." + string.Concat(
            m.Groups["name"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0]) + w[1..])))).Distinct().ToList();
        resources.ShouldNotBeEmpty();
        var enums = Enum.GetNames<DecisionOutcome>().Select(n => $"DecisionOutcome.{n}").Concat(Enum.GetNames<StepRole>().Select(n => $"StepRole.{n}"));
        resources.Concat(enums).Where(k => !Danish.ContainsKey(k) || !English.ContainsKey(k)).ShouldBeEmpty();
    }

    /// <summary>
    /// A problem detail's text, a field error or a validation message written as a sentence in the code has no Danish
    /// text: it must be a key of the catalogue. This fails on the first one added.
    /// </summary>
    [Test]
    public void No_server_message_is_written_into_the_code_instead_of_the_catalogue()
    {
        var sentences = Sources()
            .SelectMany(f => SentenceUse().Matches(f.Text).Select(m => $"{f.Path}: {m.Value.Trim()}"))
            .ToList();
        sentences.ShouldBeEmpty();
    }

    /// <summary>
    /// A field error collected by path — errors.Add(path, "...") or errors[path] = ["..."] — reaches a person as it is
    /// written: a sentence there (a literal with a space) must be a key of the catalogue too.
    /// </summary>
    [Test]
    public void No_field_error_collected_by_path_is_written_into_the_code_instead_of_the_catalogue()
    {
        var sentences = Sources()
            .SelectMany(f => FieldErrorUse().Matches(f.Text).Select(m => $"{f.Path}: {m.Value.Trim()}"))
            .ToList();
        sentences.ShouldBeEmpty();
    }

    [Test]
    public void The_field_error_scan_catches_a_sentence_given_to_an_error_collector()
    {
        FieldErrorUse().IsMatch("""v.Add($"{p}.ordinal", "An ordinal is 1 or more.");""").ShouldBeTrue();
        FieldErrorUse().IsMatch("""v.Add($"{sp}.fanOut", $"The only fan-out is '{x}'.");""").ShouldBeTrue();
        FieldErrorUse().IsMatch("""Add(path, "Required.");""").ShouldBeTrue("a one-word message is read too");
        FieldErrorUse().IsMatch("""refusals[$"$.organisations[{i}]"] = [$"Matches the same organisation as {x}."];""").ShouldBeTrue();
        FieldErrorUse().IsMatch("""new Dictionary<string, List<string>> { ["$"] = ["A model document is a JSON object."] }""").ShouldBeTrue();
        FieldErrorUse().IsMatch("""v.Add($"{p}.ordinal", new Text("ModelDocument.OrdinalPositive"));""").ShouldBeFalse();
    }

    [Test]
    public void A_text_is_said_with_its_arguments_as_people_say_them()
    {
        var period = new Klima.Api.Domain.Period(new DateOnly(2026, 7, 1), new DateOnly(2027, 1, 1));
        Messages.Say(new Text("Composition.PersonAlreadyMember", period, new Klima.Api.Domain.Period(new DateOnly(2026, 12, 5), null)), Messages.Danish)
            .ShouldBe("Personen har allerede en plads i dette organ i perioden 1. jul. 2026 – 31. dec. 2026, som overlapper 5. dec. 2026 – åben.");
        Messages.Say(new Text("Composition.PersonAlreadyMember", period, new Klima.Api.Domain.Period(new DateOnly(2026, 12, 5), null)), Messages.English)
            .ShouldBe("The person already holds a seat in this body during 1 Jul 2026 – 31 Dec 2026, which overlaps 5 Dec 2026 – open.");
        Messages.Format(Klima.Api.Domain.Period.HalfYear(2024, 1).Name, Messages.Danish).ShouldBe("1. halvår 2024");
        Messages.Format(Klima.Api.Domain.Period.HalfYear(2024, 2).Name, Messages.English).ShouldBe("second half of 2024");
        Messages.Format(DecisionOutcome.ApprovedWithChanges, Messages.Danish).ShouldBe("godkendt med ændringer");
        Messages.Say(new Text("Stage.OutcomeBy", DecisionOutcome.Approved, "BRN's bestyrelse"), Messages.Danish).ShouldBe("godkendt af BRN's bestyrelse");
    }

    private static HashSet<string> Placeholders(string message) => Placeholder().Matches(message).Select(m => m.Groups[1].Value).ToHashSet();

    private static IEnumerable<(string Path, string Text)> Sources() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "api"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => (Path.GetRelativePath(RepositoryRoot.Path, p), File.ReadAllText(p)));

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A message key where a text is made: new Text("Area.Key", ...), new("Area.Key", ...) among texts, Messages.Get, Term, or an exception's key.</summary>
    [GeneratedRegex(@"(?:new Text\(|new\(|Messages\.Get\(|new Term\(|Exception\(|WithMessageKey\()\s*""(?<key>[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)+)""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"(?:NotFound|PreconditionFailed)Exception\(\s*""(?<name>[^""]+)""")]
    private static partial Regex ResourceUse();

    /// <summary>A string literal with a space (a sentence) given to a text, a problem exception or a validation message.</summary>
    [GeneratedRegex(@"(?:new Text\(|Messages\.Get\(|(?:Conflict|Unprocessable|Unauthorized|PdfUnavailable)Exception\(|RuleViolationException\([^,()]+,|\.WithMessage\(|: base\(|ProblemException\()\s*\$?""[^""]* [^""]*""")]
    private static partial Regex SentenceUse();

    /// <summary>
    /// A message literal given to an error collector keyed by path: Add(path, "...") (the path a literal or a name), a
    /// one-word literal like "Required." included, or a list of literals assigned to a path, errors[path] = ["..."].
    /// </summary>
    [GeneratedRegex(@"(?:\bAdd\(\s*(?:\$?""[^""\n]*""|[A-Za-z_][\w.]*)\s*,\s*\$?""[^""\n]*[ .][^""\n]*""\s*\)|\]\s*=\s*\[\s*\$?""[^""\n]* [^""\n]*"")")]
    private static partial Regex FieldErrorUse();
}
