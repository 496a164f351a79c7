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
