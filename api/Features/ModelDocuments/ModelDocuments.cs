using System.Text.Json;
using System.Text.Json.Serialization;

namespace Klima.Api.Features.ModelDocuments;

/// <summary>
/// A whole governance model as one JSON document (docs/model-document.md, schema at /api/model-documents/schema).
/// Elements refer to each other by keys and codes inside the document, never by database ids: organisations by their
/// <c>key</c>, bodies, interests, payers, programmes and keys by their <c>code</c>. Every property is nullable here so
/// that a document missing one is reported by JSON path rather than refused by the parser.
/// </summary>
public sealed record ModelDocument
{
    /// <summary>The format of this document; 1 today.</summary>
    public int? FormatVersion { get; init; }
    public ModelHeader? Model { get; init; }
    public IReadOnlyList<DocOrganisation>? Organisations { get; init; }
    public IReadOnlyList<DocParty>? Parties { get; init; }
    public IReadOnlyList<DocBody>? Bodies { get; init; }
    public IReadOnlyList<DocRelation>? Relations { get; init; }
    public IReadOnlyList<DocInterest>? Interests { get; init; }
    public IReadOnlyList<DocRoutingRule>? RoutingRules { get; init; }
    public IReadOnlyList<DocPayer>? Payers { get; init; }
    public IReadOnlyList<DocProgramme>? Programmes { get; init; }
    public IReadOnlyList<DocAllocationKey>? AllocationKeys { get; init; }
    /// <summary>The model's own election terms, where they differ from the national ones (left out when it follows those).</summary>
    public IReadOnlyList<DocElectionTerm>? ElectionTerms { get; init; }

    public const int CurrentFormatVersion = 1;

    /// <summary>camelCase, enums as text, nulls left out, indented: the form Klima writes and reads.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

public sealed record ModelHeader
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}

/// <summary>An organisation the model uses. On import it is matched to an existing one by municipality code, region code, CVR or, failing those, its exact name.</summary>
public sealed record DocOrganisation
{
    public string? Key { get; init; }
    public string? Kind { get; init; }
    public string? Name { get; init; }
    public string? ShortName { get; init; }
    public string? MunicipalityCode { get; init; }
    public string? RegionCode { get; init; }
    public string? Cvr { get; init; }
}

public sealed record DocParty
{
    public string? Organisation { get; init; }
    public string? Role { get; init; }
}

public sealed record DocBody
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? NameEn { get; init; }
    public string? Kind { get; init; }
    public string? Mandate { get; init; }
    public bool? CanDecide { get; init; }
    public string? HostOrganisation { get; init; }
    public string? ServedByBody { get; init; }
    public string? ServedByOrganisation { get; init; }
    public DateOnly? EstablishedOn { get; init; }
    public string? EstablishedByCaseRef { get; init; }
    public DateOnly? DissolvedOn { get; init; }
    public string? DissolvedByCaseRef { get; init; }
    public IReadOnlyList<DocSeat>? Seats { get; init; }
    public IReadOnlyList<DocCompositionRule>? CompositionRules { get; init; }
    public IReadOnlyList<DocStaffPosition>? StaffPositions { get; init; }
}

/// <summary>A seat, identified inside its body by its ordinal.</summary>
public sealed record DocSeat
{
    public int? Ordinal { get; init; }
    public string? Label { get; init; }
    public string? Category { get; init; }
    public string? Role { get; init; }
    public bool? Voting { get; init; }
    /// <summary>The organisation the seat represents (key).</summary>
    public string? Organisation { get; init; }
    public string? AppointedByOrganisation { get; init; }
    public string? AppointedByBody { get; init; }
}

public sealed record DocCompositionRule
{
    public string? Code { get; init; }
    public string? Kind { get; init; }
    public string? Severity { get; init; }
    public int? Value { get; init; }
    public string? Category { get; init; }
    public string? RefBody { get; init; }
    public string? Description { get; init; }
}

/// <summary>A secretariat (or other) staff position of a body, identified inside its body by its title. Holders are people, not model data.</summary>
public sealed record DocStaffPosition
{
    public string? Title { get; init; }
    public string? Employer { get; init; }
    public string? PlacementBody { get; init; }
    public string? DailyManagerBody { get; init; }
    public string? DailyManagerRole { get; init; }
    /// <summary>Full-time equivalents with two decimals (1.00 = one full-time post).</summary>
    public decimal? Fte { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
    public string? Note { get; init; }
    public string? FundingProgramme { get; init; }
    /// <summary>Annual cost in DKK with two decimals; absent when the sources do not give it (annualCostNote says why).</summary>
    public decimal? AnnualCost { get; init; }
    public string? AnnualCostNote { get; init; }
}

public sealed record DocRelation
{
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Kind { get; init; }
    public string? Note { get; init; }
}

public sealed record DocInterest
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    /// <summary>The interest's English name; absent = the Danish name in English too.</summary>
    public string? NameEn { get; init; }
    public string? Description { get; init; }
    public int? Ordinal { get; init; }
}

public sealed record DocRoutingRule
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>The interest code the rule matches; absent = any interest.</summary>
    public string? Interest { get; init; }
    /// <summary>Matches cases that need (true) or do not need (false) every member council's decision; absent = either.</summary>
    public bool? RequiresCouncilDecision { get; init; }
    public int? Priority { get; init; }
    public string? SourceReference { get; init; }
    public IReadOnlyList<DocRoutingStep>? Steps { get; init; }
}

public sealed record DocRoutingStep
{
    public int? Stage { get; init; }
    public string? StageName { get; init; }
    public int? Ordinal { get; init; }
    public string? Body { get; init; }
    public string? FanOut { get; init; }
    public string? FanOutPartyKind { get; init; }
    public string? Role { get; init; }
    public bool? Authoritative { get; init; }
    public int? DeadlineDays { get; init; }
    public string? Note { get; init; }
}

public sealed record DocPayer
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? Organisation { get; init; }
    public string? Note { get; init; }
    /// <summary>For a group payer: the organisations (keys) paying jointly.</summary>
    public IReadOnlyList<string>? Members { get; init; }
}

public sealed record DocProgramme
{
    public string? Code { get; init; }
    public string? Parent { get; init; }
    public string? Name { get; init; }
    public string? Description { get; init; }
    public DateOnly? ValidFrom { get; init; }
    public DateOnly? ValidTo { get; init; }
}

/// <summary>An election term of the model's own, a half-open period [startsOn, endsOn); its code is unique in the register.</summary>
public sealed record DocElectionTerm
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }
}

public sealed record DocAllocationKey
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    /// <summary>fixedShares | population | equalSplit.</summary>
    public string? Method { get; init; }
    public string? Description { get; init; }
    public string? BasisNote { get; init; }
    public IReadOnlyList<DocAllocationShare>? Shares { get; init; }
}

public sealed record DocAllocationShare
{
    public string? Payer { get; init; }
    /// <summary>Basis points (fixedShares), inhabitants (population); absent for equalSplit.</summary>
    public long? Weight { get; init; }
}

/// <summary>What an import did (or, in a dry run, would do).</summary>
public sealed record ModelImportResponse
{
    public required bool DryRun { get; init; }
    public required string ModelCode { get; init; }
    /// <summary>The model's id (in a dry run of a new model: null).</summary>
    public Guid? GovernanceModelId { get; init; }
    public required int Created { get; init; }
    public required int Changed { get; init; }
    public required int Unchanged { get; init; }
    /// <summary>Every element created or changed, by JSON path into the document.</summary>
    public required IReadOnlyList<ModelChange> Changes { get; init; }
}

/// <param name="Action">create | change</param>
/// <param name="Path">The element's JSON path in the document, e.g. $.bodies[3].seats[0].</param>
/// <param name="Element">organisation, party, body, seat, compositionRule, staffPosition, relation, interest, routingRule, payer, programme, allocationKey, model.</param>
/// <param name="Key">The element's key inside the document (code, key or body/ordinal).</param>
/// <param name="Fields">For a change: the fields whose value differs.</param>
public sealed record ModelChange(string Action, string Path, string Element, string Key, IReadOnlyList<string>? Fields = null);
