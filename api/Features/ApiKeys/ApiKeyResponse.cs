namespace Klima.Api.Features.ApiKeys;

/// <summary>An API key as listed; the key itself is shown only once, when created or rotated.</summary>
public sealed record ApiKeyResponse
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required IReadOnlyList<string> Scopes { get; init; }
    public Guid? OrganisationId { get; init; }
    /// <summary>The governance models (partnerships) the key is limited to; empty = every model.</summary>
    public required IReadOnlyList<Guid> GovernanceModelIds { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public Guid? ReplacedById { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required int Version { get; init; }
}

public sealed record IssuedApiKey
{
    public required ApiKeyResponse ApiKey { get; init; }
    /// <summary>The secret key: store it now, it cannot be shown again.</summary>
    public required string Key { get; init; }
}

internal sealed record ApiKeyRow
{
    public required Guid Id { get; init; }
    public required string Name { get; init; }
    public required string Prefix { get; init; }
    public required string Scopes { get; init; }
    public Guid? OrganisationId { get; init; }
    public string? GovernanceModelScope { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
    public Guid? ReplacedById { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required int Version { get; init; }

    public const string Columns = "id, name, prefix, scopes, organisation_id, governance_model_scope, expires_at, revoked_at, replaced_by_id, created_at, version";

    public ApiKeyResponse ToResponse() => new()
    {
        Id = Id, Name = Name, Prefix = Prefix, Scopes = Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
        OrganisationId = OrganisationId, GovernanceModelIds = Infrastructure.Auth.GovernanceModelScope.FromColumn(GovernanceModelScope), ExpiresAt = ExpiresAt, RevokedAt = RevokedAt, ReplacedById = ReplacedById, CreatedAt = CreatedAt, Version = Version,
    };
}
