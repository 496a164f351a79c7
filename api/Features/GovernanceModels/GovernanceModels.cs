using Klima.Api.Features.Bodies;
using Klima.Api.Features.Organisations;

namespace Klima.Api.Features.GovernanceModels;

/// <summary>The umbrella of one partnership's governance (e.g. "Klimaalliancen i Nordjylland"); models of other regions live beside it.</summary>
public sealed record GovernanceModelResponse
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Description { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public required int Version { get; init; }
    public required DateTimeOffset ModifiedAt { get; init; }
    public bool Deleted { get; init; }
}

public enum PartyRole
{
    Member,
    Host,
    NationalPartner,
    KnowledgePartner,
    Other,
}

/// <summary>An organisation taking part in a model, and how.</summary>
public sealed record PartyResponse
{
    public required Guid OrganisationId { get; init; }
    public required string Name { get; init; }
    public string? ShortName { get; init; }
    public required OrganisationKind Kind { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? RegionCode { get; init; }
    public required PartyRole Role { get; init; }
}

/// <summary>A model's whole structure in one read: bodies as nodes and typed relations as edges (Figures 1 and 2).</summary>
public sealed record GraphResponse
{
    public required GraphModel Model { get; init; }
    /// <summary>The date on which seats are counted as filled.</summary>
    public required DateOnly AsOf { get; init; }
    public required IReadOnlyList<GraphNode> Nodes { get; init; }
    public required IReadOnlyList<GraphEdge> Edges { get; init; }
}

public sealed record GraphModel
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required string Name { get; init; }
}

public sealed record GraphNode
{
    public required Guid Id { get; init; }
    public required string Code { get; init; }
    public required BodyKind Kind { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public required bool CanDecide { get; init; }
    public Guid? HostOrganisationId { get; init; }
    /// <summary>The host organisation's name, so a reader never meets its id or code.</summary>
    public string? HostOrganisationName { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public required int SeatsTotal { get; init; }
    public required int SeatsFilled { get; init; }
}

public sealed record GraphEdge
{
    public required Guid Id { get; init; }
    public required Guid FromBodyId { get; init; }
    public required Guid ToBodyId { get; init; }
    public required RelationKind Kind { get; init; }
    public string? Note { get; init; }
    /// <summary>
    /// Where the edge comes from: a stored relation, the seats one body fills in another (who appoints whom), or a
    /// routing rule that sends cases on to the member councils. Derived edges have a stable id made from their ends.
    /// </summary>
    public GraphEdgeBasis Basis { get; init; } = GraphEdgeBasis.Relation;
}

public enum GraphEdgeBasis
{
    Relation,
    Seats,
    Routing,
}
