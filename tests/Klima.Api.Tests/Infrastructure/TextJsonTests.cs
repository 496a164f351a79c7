using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Localization;

namespace Klima.Api.Tests.Infrastructure;

/// <summary>A stored text (a case's route explanation) comes back as the same keys and arguments, said in either language.</summary>
public sealed class TextJsonTests
{
    [Test]
    public void A_text_with_nested_texts_terms_dates_and_numbers_round_trips_and_is_said_in_both_languages()
    {
        var text = Text.Join(" ", [
            new Text("Routing.Matched", "Fælles sag", 10, new Text("Routing.SameInterest", "Fælles interesse"), new Text("Routing.CouncilEither")),
            new Text("Route.ChangedByHand", new Text("Routing.AnyInterest"), "anna", new DateOnly(2026, 12, 5), "13:30", "Regionen ønsker det."),
            new Text("Routing.Verb.Authoritative", StepRole.Decision),
        ]);
        var json = TextJson.TryWrite(text);
        json.ShouldNotBeNull();
        var read = TextJson.Read(json)!;
        Messages.Say(read, Messages.Danish).ShouldBe(Messages.Say(text, Messages.Danish));
        Messages.Say(read, Messages.English).ShouldBe(Messages.Say(text, Messages.English));
        Messages.Say(read, Messages.Danish).ShouldContain("passede");
        Messages.Say(read, Messages.Danish).ShouldContain("5. dec. 2026");
        Messages.Say(read, Messages.English).ShouldContain("matched");
    }

    [Test]
    public void What_cannot_be_stored_is_refused_rather_than_stored_half()
    {
        TextJson.TryWrite(new Text("Routing.Source", new object())).ShouldBeNull();
        TextJson.TryWrite(new Text("Routing.Source", new string('x', 5000))).ShouldBeNull();
        TextJson.Read(null).ShouldBeNull();
        TextJson.Read("Rule 'joint' matched.").ShouldBeNull();
    }
}
