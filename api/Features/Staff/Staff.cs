using System.Text.Json.Serialization;

namespace Klima.Api.Features.Staff;

/// <summary>
/// A secretariat post: the organisation that employs it, the body it is placed in, who manages it day to day, and its
/// share of a full-time equivalent (stored in hundredths, shown as a decimal: 1.00 = full time).
/// </summary>
public sealed record StaffPositionResponse
{
    public required Guid Id { get; init; }
    public required Guid BodyId { get; init; }
    public required string BodyName { get; init; }
    public required string Title { get; init; }
    public required Guid EmployerOrganisationId { get; init; }
    public required string EmployerOrganisationName { get; init; }
    public Guid? PlacementBodyId { get; init; }
    public string? PlacementBodyName { get; init; }
    public Guid? DailyManagerBodyId { get; init; }
    public string? DailyManagerBodyName { get; init; }
    public string? DailyManagerRole { get; init; }

    /// <summary>The stored value (hundredths of an FTE); the API shows <see cref="Fte"/>.</summary>
    [JsonIgnore]
    public int FteHundredths
    {
        get => (int)(Fte * 100m);
        init => Fte = value / 100m;
    }

    /// <summary>Share of a full-time equivalent, e.g. 1.00 or 0.50.</summary>
    public decimal Fte { get; init; }

    public Guid? HolderPersonId { get; init; }
    public string? HolderPersonName { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public string? Note { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

internal static class StaffSql
{
    public const string Select = """
        SELECT sp.id, sp.body_id, b.name AS body_name, sp.title, sp.employer_organisation_id, eo.name AS employer_organisation_name,
               sp.placement_body_id, pb.name AS placement_body_name, sp.daily_manager_body_id, mb.name AS daily_manager_body_name,
               sp.daily_manager_role, sp.fte_hundredths, sp.holder_person_id, hp.name AS holder_person_name, sp.valid_from, sp.valid_to, sp.note,
               sp.version, sp.modified_at, CASE WHEN sp.deleted_at IS NULL THEN 0 ELSE 1 END AS deleted
        FROM staff_position sp
        JOIN body b ON b.id = sp.body_id
        JOIN organisation eo ON eo.id = sp.employer_organisation_id
        LEFT JOIN body pb ON pb.id = sp.placement_body_id
        LEFT JOIN body mb ON mb.id = sp.daily_manager_body_id
        LEFT JOIN person hp ON hp.id = sp.holder_person_id
        """;
}
