using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;

namespace Klima.Api.Tests.Domain.Routing;

[TestFixture]
public sealed class RecordingAuthorityTests
{
    private static readonly Guid Aalborg = Guid.NewGuid();
    private static readonly Guid Brn = Guid.NewGuid();

    [Test]
    public void Unbound_staff_may_record_for_every_body()
    {
        RecordingAuthority.MayRecord(null, null).ShouldBeTrue();
        RecordingAuthority.MayRecord(null, Brn).ShouldBeTrue();
    }

    [Test]
    public void A_bound_caller_may_record_only_for_the_bodies_its_organisation_serves()
    {
        RecordingAuthority.MayRecord(Aalborg, Aalborg).ShouldBeTrue();
        RecordingAuthority.MayRecord(Aalborg, Brn).ShouldBeFalse();
        RecordingAuthority.MayRecord(Aalborg, null).ShouldBeFalse();
    }

    [Test]
    public void Only_unbound_staff_may_replace_a_route()
    {
        RecordingAuthority.MayChangeRoute(null).ShouldBeTrue();
        RecordingAuthority.MayChangeRoute(Aalborg).ShouldBeFalse();
    }

    [Test]
    public void A_route_changed_by_hand_keeps_the_rule_that_matched_and_says_who_when_and_why()
    {
        var at = new DateTimeOffset(2026, 12, 5, 13, 30, 0, TimeSpan.Zero);
        var first = RouteExplanation.ChangedByHand("Rule 'joint' matched.", "anna", at, "Regionen har en særlig interesse.");
        first.ShouldBe("Rule 'joint' matched. Route changed by hand by anna at 2026-12-05 13:30 UTC: Regionen har en særlig interesse.");
        var second = RouteExplanation.ChangedByHand(first, "bo", at.AddDays(1), "Tilbage.");
        second.ShouldBe("Rule 'joint' matched. Route changed by hand by bo at 2026-12-06 13:30 UTC: Tilbage.");
        RouteExplanation.ChangedByHand(new string('x', 3990), "bo", at, "Grund.").Length.ShouldBe(4000);
    }
}
