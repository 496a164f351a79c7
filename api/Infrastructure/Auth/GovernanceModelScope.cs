using System.Security.Claims;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// The governance models (partnerships) a staff account or API key is limited to: stored space-separated
/// (<c>governance_model_scope</c>, NULL = every model), carried as one claim per model.
/// </summary>
public static class GovernanceModelScope
{
    public static string? ToColumn(IEnumerable<Guid>? models)
    {
        var list = models?.Distinct().Order().ToList();
        return list is null || list.Count == 0 ? null : string.Join(' ', list.Select(m => m.ToString("D")));
    }

    public static IReadOnlyList<Guid> FromColumn(string? column) =>
        string.IsNullOrWhiteSpace(column)
            ? []
            : column.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();

    public static IEnumerable<Claim> Claims(string? column) =>
        FromColumn(column).Select(m => new Claim(Permissions.GovernanceModelClaimType, m.ToString("D")));

    public static IReadOnlySet<Guid>? FromClaims(ClaimsPrincipal user)
    {
        var models = user.FindAll(Permissions.GovernanceModelClaimType)
            .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).ToHashSet();
        // A claim that does not parse must not widen the limit to "every model".
        return models.Count == 0 ? null : models;
    }
}
