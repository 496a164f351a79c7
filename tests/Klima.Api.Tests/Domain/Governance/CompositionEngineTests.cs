using Klima.Api.Infrastructure.Localization;
using Klima.Api.Domain;
using Klima.Api.Domain.Governance;

namespace Klima.Api.Tests.Domain.Governance;

public sealed class CompositionEngineTests
{
    private static readonly Guid Aalborg = Guid.Parse("10000000-0000-0000-0000-000000000851");
    private static readonly Guid Rebild = Guid.Parse("10000000-0000-0000-0000-000000000840");
    private static readonly Guid T11 = Guid.Parse("20000000-0000-0000-0000-000000000005");
    private static readonly DateOnly Start = new(2022, 1, 1);
    private static readonly DateOnly TermEnd = new(2026, 1, 1);

    private static readonly CompositionRule MaxFour = new("max-4-per-organisation", RuleKind.MaxSeatsPerOrganisation, RuleSeverity.Hard, 4, null, null,
        "Højst 4 politiske repræsentanter for hver kommune.");

    private static readonly CompositionRule ChairInT11 = new("chair-holds-t11-seat", RuleKind.ChairMustHoldSeatIn, RuleSeverity.Hard, null, null, T11,
        "Formanden er medlem af T11+.");

    private static SeatFact Seat(Guid? organisation, SeatRole role = SeatRole.Member, string? category = null) =>
        new(Guid.NewGuid(), role, category, organisation, "Seat");

    private static MembershipFact Holding(SeatFact seat, DateOnly from, DateOnly? to = null, Guid? person = null) =>
        new(Guid.NewGuid(), seat.Id, person ?? Guid.NewGuid(), new Period(from, to));

    private static (BodyComposition Body, List<SeatFact> Seats) ForumWithFourAalborgSeatsFilled()
    {
        var seats = Enumerable.Range(0, 4).Select(_ => Seat(Aalborg)).Append(Seat(Rebild)).ToList();
        var memberships = seats.Take(4).Select(s => Holding(s, Start, TermEnd)).ToList();
        return (new BodyComposition([MaxFour], seats, memberships), seats);
    }

    private static IReadOnlyList<Period> Nowhere(Guid _) => [];

    [Test]
    public void A_fifth_seat_for_an_organisation_breaks_max_4_per_organisation()
    {
        var (body, _) = ForumWithFourAalborgSeatsFilled();
        var violation = CompositionEngine.CheckSeat(body, Seat(Aalborg)).ShouldNotBeNull();
        violation.Rule.ShouldBe("max-4-per-organisation");
        violation.Field.ShouldBe("representsOrganisationId");
    }

    [Test]
    public void A_seat_for_another_organisation_or_for_none_is_allowed()
    {
        var (body, _) = ForumWithFourAalborgSeatsFilled();
        CompositionEngine.CheckSeat(body, Seat(Rebild)).ShouldBeNull();
        CompositionEngine.CheckSeat(body, Seat(null)).ShouldBeNull();
    }

    [Test]
    public void Changing_an_existing_seat_does_not_count_the_seat_itself()
    {
        var (body, seats) = ForumWithFourAalborgSeatsFilled();
        CompositionEngine.CheckSeat(body, seats[0] with { Label = "Renamed" }).ShouldBeNull();
    }

    [Test]
    public void Soft_rules_never_refuse_a_seat()
    {
        var (body, _) = ForumWithFourAalborgSeatsFilled();
        var soft = body with { Rules = [MaxFour with { Severity = RuleSeverity.Soft }] };
        CompositionEngine.CheckSeat(soft, Seat(Aalborg)).ShouldBeNull();
    }

    [Test]
    public void Max_seats_per_category_refuses_a_fourth_t11_seat()
    {
        var rule = new CompositionRule("max-3-from-t11", RuleKind.MaxSeatsPerCategory, RuleSeverity.Hard, 3, "T11+", null, "2-3 repræsentanter fra T11+.");
        var seats = Enumerable.Range(0, 3).Select(_ => Seat(null, category: "T11+")).ToList();
        var body = new BodyComposition([rule], seats, []);
        CompositionEngine.CheckSeat(body, Seat(null, category: "t11+")).ShouldNotBeNull().Rule.ShouldBe("max-3-from-t11");
        CompositionEngine.CheckSeat(body, Seat(null, category: "Chefer")).ShouldBeNull();
        // The third seat is still within "at most 3".
        CompositionEngine.CheckSeat(new BodyComposition([rule], seats.Take(2).ToList(), []), Seat(null, category: "T11+")).ShouldBeNull();
    }

    [Test]
    public void Appointing_a_fifth_representative_into_an_occupied_seat_names_the_organisation_rule()
    {
        var (body, seats) = ForumWithFourAalborgSeatsFilled();
        var violation = CompositionEngine.CheckAppointment(body, new Appointment(Guid.NewGuid(), seats[0].Id, new Period(new DateOnly(2023, 1, 1), null)), Nowhere);
        violation.ShouldNotBeNull().Rule.ShouldBe("max-4-per-organisation");
    }

    [Test]
    public void A_representative_may_follow_one_whose_membership_has_ended()
    {
        var (body, seats) = ForumWithFourAalborgSeatsFilled();
        var appointment = new Appointment(Guid.NewGuid(), seats[0].Id, new Period(TermEnd, new DateOnly(2030, 1, 1)));
        CompositionEngine.CheckAppointment(body, appointment, Nowhere).ShouldBeNull();
    }

    [Test]
    public void Successive_holders_do_not_count_as_concurrent_representatives()
    {
        // Four seats; seat 0 had two holders one after the other, seats 1-2 are held: at most 3 at a time, so one more fits.
        var seats = Enumerable.Range(0, 4).Select(_ => Seat(Aalborg)).ToList();
        List<MembershipFact> memberships =
        [
            Holding(seats[0], Start, new DateOnly(2023, 1, 1)), Holding(seats[0], new DateOnly(2023, 1, 1), TermEnd),
            Holding(seats[1], Start, TermEnd), Holding(seats[2], Start, TermEnd),
        ];
        var body = new BodyComposition([MaxFour], seats, memberships);
        CompositionEngine.CheckAppointment(body, new Appointment(Guid.NewGuid(), seats[3].Id, new Period(Start, TermEnd)), Nowhere).ShouldBeNull();
    }

    [Test]
    public void An_occupied_seat_cannot_be_filled_for_an_overlapping_period()
    {
        var seat = Seat(null);
        var body = new BodyComposition([], [seat], [Holding(seat, Start, TermEnd)]);
        var violation = CompositionEngine.CheckAppointment(body, new Appointment(Guid.NewGuid(), seat.Id, new Period(new DateOnly(2025, 12, 31), null)), Nowhere);
        violation.ShouldNotBeNull().Rule.ShouldBe(CompositionEngine.SeatOccupied);
        violation.Field.ShouldBe("seatId");
    }

    [Test]
    public void A_person_holds_at_most_one_seat_of_a_body_at_a_time()
    {
        var person = Guid.NewGuid();
        var first = Seat(null);
        var second = Seat(null);
        var body = new BodyComposition([], [first, second], [Holding(first, Start, null, person)]);
        var violation = CompositionEngine.CheckAppointment(body, new Appointment(person, second.Id, new Period(new DateOnly(2024, 1, 1), null)), Nowhere);
        violation.ShouldNotBeNull().Rule.ShouldBe(CompositionEngine.PersonAlreadyMember);
        violation.Field.ShouldBe("personId");
    }

    [Test]
    public void The_chair_must_hold_a_t11_seat_on_the_start_date()
    {
        var chair = Seat(null, SeatRole.Chair, "T11+");
        var body = new BodyComposition([ChairInT11], [chair], []);
        var appointment = new Appointment(Guid.NewGuid(), chair.Id, new Period(new DateOnly(2023, 3, 1), null));

        CompositionEngine.CheckAppointment(body, appointment, Nowhere).ShouldNotBeNull().Rule.ShouldBe("chair-holds-t11-seat");
        // A T11+ seat that only starts later does not count.
        CompositionEngine.CheckAppointment(body, appointment, _ => [new Period(new DateOnly(2023, 3, 2), null)]).ShouldNotBeNull();
        CompositionEngine.CheckAppointment(body, appointment, _ => [new Period(new DateOnly(2022, 1, 1), null)]).ShouldBeNull();
    }

    [Test]
    public void The_chair_must_hold_the_t11_seat_for_the_whole_appointment_not_only_on_its_first_day()
    {
        var chair = Seat(null, SeatRole.Chair, "T11+");
        var body = new BodyComposition([ChairInT11], [chair], []);
        var open = new Appointment(Guid.NewGuid(), chair.Id, new Period(new DateOnly(2023, 3, 1), null));
        var until2025 = new Appointment(Guid.NewGuid(), chair.Id, new Period(new DateOnly(2023, 3, 1), new DateOnly(2025, 1, 1)));
        IReadOnlyList<Period> T11Until2024(Guid _) => [new Period(new DateOnly(2022, 1, 1), new DateOnly(2024, 1, 1))];

        Messages.Say(CompositionEngine.CheckAppointment(body, open, T11Until2024).ShouldNotBeNull().Message, Messages.English)
            .ShouldEndWith("The appointee holds no seat there for the whole appointment 1 Mar 2023 – open.");
        CompositionEngine.CheckAppointment(body, until2025, T11Until2024).ShouldNotBeNull();
        // Two memberships that follow each other without a gap cover it; a gap of one day does not.
        CompositionEngine.CheckAppointment(body, until2025, _ =>
            [new Period(new DateOnly(2022, 1, 1), new DateOnly(2024, 1, 1)), new Period(new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1))]).ShouldBeNull();
        CompositionEngine.CheckAppointment(body, until2025, _ =>
            [new Period(new DateOnly(2022, 1, 1), new DateOnly(2024, 1, 1)), new Period(new DateOnly(2024, 1, 2), null)]).ShouldNotBeNull();
    }

    [TestCase("2024-01-01", null, "2023-01-01", null, true)]
    [TestCase("2024-01-01", "2025-01-01", "2023-01-01", "2025-01-01", true)]
    [TestCase("2024-01-01", "2025-01-01", "2023-01-01", "2024-12-31", false)]
    [TestCase("2024-01-01", null, "2023-01-01", "2030-01-01", false)]
    [TestCase("2024-01-01", "2025-01-01", "2024-01-02", null, false)]
    public void A_period_is_covered_only_without_a_gap(string from, string? to, string coverFrom, string? coverTo, bool covered) =>
        new Period(DateOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture), to is null ? null : DateOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture))
            .IsCoveredBy([new Period(DateOnly.Parse(coverFrom, System.Globalization.CultureInfo.InvariantCulture), coverTo is null ? null : DateOnly.Parse(coverTo, System.Globalization.CultureInfo.InvariantCulture))]).ShouldBe(covered);

    [Test]
    public void The_chair_rule_does_not_apply_to_ordinary_members()
    {
        var member = Seat(null, SeatRole.Member, "T11+");
        var body = new BodyComposition([ChairInT11], [member], []);
        CompositionEngine.CheckAppointment(body, new Appointment(Guid.NewGuid(), member.Id, new Period(Start, null)), Nowhere).ShouldBeNull();
    }

    [Test]
    public void An_empty_period_is_refused()
    {
        var seat = Seat(null);
        var body = new BodyComposition([], [seat], []);
        CompositionEngine.CheckAppointment(body, new Appointment(Guid.NewGuid(), seat.Id, new Period(Start, Start)), Nowhere)
            .ShouldNotBeNull().Field.ShouldBe("validTo");
    }

    [Test]
    public void Findings_report_vacant_seats_on_the_date()
    {
        var (body, seats) = ForumWithFourAalborgSeatsFilled();
        var vacant = CompositionEngine.Findings(body, new DateOnly(2023, 1, 1), _ => []).Single(f => f.Code == CompositionEngine.VacantSeats);
        vacant.SeatIds.ShouldBe([seats[4].Id]);
        // After the term every seat is vacant.
        CompositionEngine.Findings(body, TermEnd, _ => []).Single(f => f.Code == CompositionEngine.VacantSeats).SeatIds.Count.ShouldBe(5);
    }

    [Test]
    public void Findings_report_memberships_ending_within_90_days_without_a_successor()
    {
        var (body, seats) = ForumWithFourAalborgSeatsFilled();
        var successor = Holding(seats[0], TermEnd);
        var withSuccessor = body with { Memberships = [.. body.Memberships, successor] };

        var ending = CompositionEngine.Findings(withSuccessor, new DateOnly(2025, 11, 1), _ => []).Where(f => f.Code == CompositionEngine.MembershipEnding).ToList();
        ending.Count.ShouldBe(3);
        ending.ShouldAllBe(f => !f.SeatIds.Contains(seats[0].Id));
        CompositionEngine.Findings(body, new DateOnly(2025, 9, 1), _ => []).ShouldNotContain(f => f.Code == CompositionEngine.MembershipEnding);
    }

    [Test]
    public void Findings_report_a_category_below_its_minimum()
    {
        var rule = new CompositionRule("min-2-from-t11", RuleKind.MinFilledPerCategory, RuleSeverity.Soft, 2, "T11+", null, "Mindst 2 repræsentanter fra T11+.");
        var seats = Enumerable.Range(0, 3).Select(_ => Seat(null, category: "T11+")).ToList();
        var body = new BodyComposition([rule], seats, [Holding(seats[0], Start)]);
        var finding = CompositionEngine.Findings(body, new DateOnly(2023, 1, 1), _ => []).Single(f => f.Code == "min-2-from-t11");
        finding.Rule.ShouldBe("min-2-from-t11");
        finding.SeatIds.Count.ShouldBe(2);

        var filled = body with { Memberships = [.. body.Memberships, Holding(seats[1], Start)] };
        CompositionEngine.Findings(filled, new DateOnly(2023, 1, 1), _ => []).ShouldNotContain(f => f.Code == "min-2-from-t11");
    }

    [Test]
    public void Findings_report_seat_counts_above_a_rule_added_after_the_fact()
    {
        var seats = Enumerable.Range(0, 5).Select(_ => Seat(Aalborg)).ToList();
        var body = new BodyComposition([MaxFour], seats, []);
        CompositionEngine.Findings(body, Start, _ => []).Single(f => f.Code == "max-4-per-organisation").SeatIds.Count.ShouldBe(5);
    }

    [Test]
    public void Findings_report_a_chair_whose_t11_membership_has_ended()
    {
        var person = Guid.NewGuid();
        var chair = Seat(null, SeatRole.Chair);
        var body = new BodyComposition([ChairInT11], [chair], [Holding(chair, Start, null, person)]);
        var t11Seat = Guid.NewGuid();
        IReadOnlyList<MembershipFact> T11Memberships(Guid _) => [new(Guid.NewGuid(), t11Seat, person, new Period(Start, new DateOnly(2024, 1, 1)))];

        CompositionEngine.Findings(body, new DateOnly(2023, 6, 1), T11Memberships).ShouldNotContain(f => f.Code == "chair-holds-t11-seat");
        CompositionEngine.Findings(body, new DateOnly(2024, 6, 1), T11Memberships).ShouldContain(f => f.Code == "chair-holds-t11-seat");
    }

    [Test]
    public void A_full_body_has_no_findings()
    {
        var seat = Seat(Aalborg);
        var body = new BodyComposition([MaxFour], [seat], [Holding(seat, Start)]);
        CompositionEngine.Findings(body, new DateOnly(2024, 1, 1), _ => []).ShouldBeEmpty();
    }

#pragma warning disable NUnit1027 // FsCheck supplies the arguments
    [FsCheck.NUnit.Property(MaxTest = 200)]
    public bool Any_appointment_the_engine_accepts_keeps_the_organisation_within_its_limit(int[] starts, int[] lengths, int seed)
    {
        // Build a random history by appointing through the engine only, then check the invariant on every day's peak.
        var seats = Enumerable.Range(0, 6).Select(_ => Seat(Aalborg)).ToList();
        var body = new BodyComposition([MaxFour], seats, []);
        var random = new Random(seed);
        for (var i = 0; i < Math.Min(starts.Length, lengths.Length); i++)
        {
            var from = Start.AddDays(Math.Abs(starts[i] % 1500));
            var period = new Period(from, from.AddDays(1 + Math.Abs(lengths[i] % 800)));
            var appointment = new Appointment(Guid.NewGuid(), seats[random.Next(seats.Count)].Id, period);
            if (CompositionEngine.CheckAppointment(body, appointment, Nowhere) is null)
            {
                body = body with { Memberships = [.. body.Memberships, new MembershipFact(Guid.NewGuid(), appointment.SeatId, appointment.PersonId, period)] };
            }
        }
        var window = new Period(Start, Start.AddDays(3000));
        return Period.PeakOverlap(body.Memberships.Select(m => m.Period), window) <= 4
               && body.Memberships.GroupBy(m => m.SeatId).All(g => Period.PeakOverlap(g.Select(m => m.Period), window) <= 1);
    }
#pragma warning restore NUnit1027
}
