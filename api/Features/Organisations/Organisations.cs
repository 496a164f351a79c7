namespace Klima.Api.Features.Organisations;

public enum OrganisationKind
{
    Municipality,
    Region,
    Association,
    Foundation,
    KnowledgePartner,
    Other,
}

/// <summary>A party in one or more governance models: a municipality, a region, an association, a foundation.</summary>
public sealed record OrganisationResponse
{
    public required Guid Id { get; init; }
    public required OrganisationKind Kind { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? RegionCode { get; init; }
    public string? Cvr { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}
