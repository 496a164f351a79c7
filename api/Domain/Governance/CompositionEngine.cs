namespace Klima.Api.Domain.Governance;

/// <summary>
/// Judges a body's composition against its rules. Hard rules refuse a new seat or an appointment (a
/// <see cref="Violation"/> naming the rule); everything else - vacant seats, terms about to end, too few members
/// in a category, hard rules broken by history - comes back as <see cref="Finding"/>s. Plain C#, no I/O.
/// </summary>
public static class CompositionEngine
{
    /// <summary>Built-in rule: one seat has one holder at a time.</summary>
    public const string SeatOccupied = "seat-occupied";

    /// <summary>Built-in rule: one person holds at most one seat of a body at a time.</summary>
    public const string PersonAlreadyMember = "person-already-member";

    public const string VacantSeats = "vacant-seats";
    public const string MembershipEnding = "membership-ending";

    /// <summary>How far ahead an ending membership is reported.</summary>
    public const int EndingWithinDays = 90;

    /// <summary>Checks a seat about to be added (or changed: pass the body without it) against the hard seat-count rules.</summary>
    public static Violation? CheckSeat(BodyComposition body, SeatFact seat)
    {
        foreach (var rule in body.Rules.Where(r => r.Severity == RuleSeverity.Hard && r.Value is not null))
        {
            switch (rule.Kind)
            {
                case RuleKind.MaxSeatsPerOrganisation when seat.RepresentsOrganisationId is { } organisation:
                    var forOrganisation = body.Seats.Count(s => s.Id != seat.Id && s.RepresentsOrganisationId == organisation);
                    if (forOrganisation + 1 > rule.Value)
                    {
                        return new Violation(rule.Code, Explain(rule, new Text("Composition.OrganisationSeats", forOrganisation, rule.Value)),
                            "representsOrganisationId");
                    }
                    break;
                case RuleKind.MaxSeatsPerCategory when SameCategory(seat.Category, rule.Category):
                    var inCategory = body.Seats.Count(s => s.Id != seat.Id && SameCategory(s.Category, rule.Category));
                    if (inCategory + 1 > rule.Value)
                    {
                        return new Violation(rule.Code, Explain(rule, new Text("Composition.CategorySeats", rule.Category, inCategory, rule.Value)),
                            "category");
                    }
                    break;
            }
        }
        return null;
    }

    /// <summary>
    /// Checks an appointment against the hard rules: seat counts per organisation / category (as the peak number of
    /// concurrent holders over the new period), one holder per seat, one seat per person, and chair rules.
    /// <paramref name="personPeriodsIn"/> gives the appointee's membership periods in another body (for chair rules).
    /// </summary>
    public static Violation? CheckAppointment(BodyComposition body, Appointment appointment, Func<Guid, IReadOnlyList<Period>> personPeriodsIn)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(appointment);
        ArgumentNullException.ThrowIfNull(personPeriodsIn);
        var seat = body.Seats.FirstOrDefault(s => s.Id == appointment.SeatId)
                   ?? throw new ArgumentException($"Seat {appointment.SeatId} is not a seat of this body.", nameof(appointment));
        var period = appointment.Period;
        if (period.IsEmpty)
        {
            return new Violation("valid-period", new Text("Composition.EmptyPeriod"), "validTo");
        }

        foreach (var rule in body.Rules.Where(r => r.Severity == RuleSeverity.Hard))
        {
            switch (rule.Kind)
            {
                case RuleKind.MaxSeatsPerOrganisation when rule.Value is not null && seat.RepresentsOrganisationId is { } organisation:
                {
                    var seats = body.Seats.Where(s => s.RepresentsOrganisationId == organisation).Select(s => s.Id).ToHashSet();
                    var peak = PeakHolders(body, seats, period);
                    if (peak + 1 > rule.Value)
                    {
                        return new Violation(rule.Code, Explain(rule, new Text("Composition.OrganisationRepresentatives", peak, period, rule.Value)),
                            "seatId");
                    }
                    break;
                }
                case RuleKind.MaxSeatsPerCategory when rule.Value is not null && SameCategory(seat.Category, rule.Category):
                {
                    var seats = body.Seats.Where(s => SameCategory(s.Category, rule.Category)).Select(s => s.Id).ToHashSet();
                    var peak = PeakHolders(body, seats, period);
                    if (peak + 1 > rule.Value)
                    {
                        return new Violation(rule.Code, Explain(rule, new Text("Composition.CategoryMembers", rule.Category, peak, period, rule.Value)),
                            "seatId");
                    }
                    break;
                }
            }
        }

        var occupant = body.Memberships.FirstOrDefault(m => m.SeatId == seat.Id && m.Period.Overlaps(period));
        if (occupant is not null)
        {
            return new Violation(SeatOccupied, new Text("Composition.SeatOccupied", seat.Label, occupant.Period, period), "seatId");
        }

        var seatIds = body.Seats.Select(s => s.Id).ToHashSet();
        var already = body.Memberships.FirstOrDefault(m => m.PersonId == appointment.PersonId && seatIds.Contains(m.SeatId) && m.Period.Overlaps(period));
        if (already is not null)
        {
            return new Violation(PersonAlreadyMember, new Text("Composition.PersonAlreadyMember", already.Period, period), "personId");
        }

        if (seat.Role == SeatRole.Chair)
        {
            foreach (var rule in body.Rules.Where(r => r is { Severity: RuleSeverity.Hard, Kind: RuleKind.ChairMustHoldSeatIn, RefBodyId: not null }))
            {
                // The rule holds for the whole appointment, not only on its first day.
                if (!period.IsCoveredBy(personPeriodsIn(rule.RefBodyId!.Value)))
                {
                    var gap = personPeriodsIn(rule.RefBodyId!.Value).Any(p => p.Contains(period.From))
                        ? new Text("Composition.ChairGapWhole", period)
                        : new Text("Composition.ChairGapStart", period.From);
                    return new Violation(rule.Code, Explain(rule, gap), "personId");
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Soft findings on <paramref name="asOf"/>: vacant seats, memberships ending within 90 days without a successor,
    /// categories below their minimum, seat-count rules exceeded (soft rules, or hard rules added after the fact),
    /// and chairs no longer holding their required seat. <paramref name="refBodyMemberships"/> gives other bodies'
    /// memberships for chair rules.
    /// </summary>
    public static IReadOnlyList<Finding> Findings(BodyComposition body, DateOnly asOf, Func<Guid, IReadOnlyList<MembershipFact>> refBodyMemberships)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(refBodyMemberships);
        var findings = new List<Finding>();
        var holder = body.Seats.ToDictionary(s => s.Id, s => body.Memberships.FirstOrDefault(m => m.SeatId == s.Id && m.Period.Contains(asOf)));

        var vacant = body.Seats.Where(s => holder[s.Id] is null).Select(s => s.Id).ToList();
        if (vacant.Count > 0)
        {
            findings.Add(new Finding(VacantSeats, new Text("Composition.VacantSeats", vacant.Count, body.Seats.Count, asOf), null, vacant));
        }

        // Clamped at the end of the calendar: asOf=9999-12-31 is a valid date to ask about (AddDays would throw).
        var horizon = asOf.DayNumber > DateOnly.MaxValue.DayNumber - EndingWithinDays ? DateOnly.MaxValue : asOf.AddDays(EndingWithinDays);
        foreach (var membership in holder.Values.OfType<MembershipFact>().Where(m => m.Period.To is { } to && to <= horizon).OrderBy(m => m.Period.To))
        {
            var end = membership.Period.To!.Value;
            var succeeded = body.Memberships.Any(m => m.SeatId == membership.SeatId && m.Id != membership.Id && m.Period.Contains(end));
            if (!succeeded)
            {
                // Said by its last day: the period is half-open, so a membership to 1 January ends on 31 December.
                findings.Add(new Finding(MembershipEnding,
                    new Text("Composition.MembershipEnding", end.AddDays(-1), EndingWithinDays), null, [membership.SeatId], membership.Id));
            }
        }

        foreach (var rule in body.Rules)
        {
            switch (rule.Kind)
            {
                case RuleKind.MinFilledPerCategory when rule.Value is not null:
                {
                    var seats = body.Seats.Where(s => SameCategory(s.Category, rule.Category)).ToList();
                    var filled = seats.Count(s => holder[s.Id] is not null);
                    if (filled < rule.Value)
                    {
                        findings.Add(new Finding(rule.Code,
                            Explain(rule, new Text("Composition.MinFilled", filled, rule.Value, asOf)), rule.Code,
                            seats.Where(s => holder[s.Id] is null).Select(s => s.Id).ToList()));
                    }
                    break;
                }
                case RuleKind.MaxSeatsPerOrganisation when rule.Value is not null:
                    foreach (var group in body.Seats.Where(s => s.RepresentsOrganisationId is not null).GroupBy(s => s.RepresentsOrganisationId))
                    {
                        var held = group.Count(s => holder[s.Id] is not null);
                        if (group.Count() > rule.Value || held > rule.Value)
                        {
                            findings.Add(new Finding(rule.Code,
                                Explain(rule, new Text("Composition.OrganisationHasSeats", group.Count(), held, rule.Value)),
                                rule.Code, group.Select(s => s.Id).ToList()));
                        }
                    }
                    break;
                case RuleKind.MaxSeatsPerCategory when rule.Value is not null:
                {
                    var seats = body.Seats.Where(s => SameCategory(s.Category, rule.Category)).ToList();
                    if (seats.Count > rule.Value)
                    {
                        findings.Add(new Finding(rule.Code,
                            Explain(rule, new Text("Composition.CategoryHasSeats", rule.Category, seats.Count, rule.Value)),
                            rule.Code, seats.Select(s => s.Id).ToList()));
                    }
                    break;
                }
                case RuleKind.ChairMustHoldSeatIn when rule.RefBodyId is { } refBody:
                    foreach (var chair in body.Seats.Where(s => s.Role == SeatRole.Chair && holder[s.Id] is not null))
                    {
                        var person = holder[chair.Id]!.PersonId;
                        if (!refBodyMemberships(refBody).Any(m => m.PersonId == person && m.Period.Contains(asOf)))
                        {
                            findings.Add(new Finding(rule.Code,
                                Explain(rule, new Text("Composition.ChairNoSeat", asOf)), rule.Code, [chair.Id], holder[chair.Id]!.Id));
                        }
                    }
                    break;
            }
        }
        return findings;
    }

    private static int PeakHolders(BodyComposition body, HashSet<Guid> seats, Period period) =>
        Period.PeakOverlap(body.Memberships.Where(m => seats.Contains(m.SeatId)).Select(m => m.Period), period);

    private static bool SameCategory(string? seatCategory, string? ruleCategory) =>
        seatCategory is not null && ruleCategory is not null && string.Equals(seatCategory, ruleCategory, StringComparison.OrdinalIgnoreCase);

    /// <summary>The rule said by its description (as its owners wrote it), then what breaks it.</summary>
    private static Text Explain(CompositionRule rule, Text what) =>
        string.IsNullOrWhiteSpace(rule.Description) ? what : Text.Join(" ", [Text.Plain(rule.Description.Trim()), what]);
}
