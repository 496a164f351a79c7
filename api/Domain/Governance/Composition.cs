namespace Klima.Api.Domain.Governance;

public enum SeatRole
{
    Chair,
    ViceChair,
    Member,
    Secretary,
    Observer,
}

/// <summary>What a composition rule constrains.</summary>
public enum RuleKind
{
    /// <summary>At most N seats (and N concurrent holders) represent the same organisation.</summary>
    MaxSeatsPerOrganisation,

    /// <summary>At most N seats (and N concurrent holders) in a category.</summary>
    MaxSeatsPerCategory,

    /// <summary>At least N seats of a category are filled (checked as a finding, never on a single change).</summary>
    MinFilledPerCategory,

    /// <summary>Whoever holds the chair seat also holds a seat in another body for the whole appointment (re-checked when that membership ends).</summary>
    ChairMustHoldSeatIn,
}

public enum RuleSeverity
{
    /// <summary>Refuses a change that would break the rule.</summary>
    Hard,

    /// <summary>Only reported as a warning on the body.</summary>
    Soft,
}

public sealed record CompositionRule(string Code, RuleKind Kind, RuleSeverity Severity, int? Value, string? Category, Guid? RefBodyId, string Description);

public sealed record SeatFact(Guid Id, SeatRole Role, string? Category, Guid? RepresentsOrganisationId, string Label = "");

public sealed record MembershipFact(Guid Id, Guid SeatId, Guid PersonId, Period Period);

/// <summary>A body's rules, seats and the membership history of those seats: what the engine judges.</summary>
public sealed record BodyComposition(IReadOnlyList<CompositionRule> Rules, IReadOnlyList<SeatFact> Seats, IReadOnlyList<MembershipFact> Memberships)
{
    public static readonly BodyComposition Empty = new([], [], []);
}

/// <summary>A proposed membership: who, which seat, over which period.</summary>
public sealed record Appointment(Guid PersonId, Guid SeatId, Period Period);

/// <summary>A hard rule refused the change. <see cref="Field"/> names the request field the refusal is about.</summary>
public sealed record Violation(string Rule, Text Message, string Field);

/// <summary>A soft finding: reported on the body as a warning, never refusing anything.</summary>
public sealed record Finding(string Code, Text Message, string? Rule, IReadOnlyList<Guid> SeatIds, Guid? MembershipId = null);
