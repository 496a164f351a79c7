using System.Security.Claims;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>
/// What a caller may do. Every endpoint declares exactly one permission (or is explicitly public); the
/// authorization matrix test fails for an endpoint that declares none. Deny by default.
/// </summary>
public static class Permissions
{
    public const string GovernanceRead = "governance:read";
    public const string GovernanceWrite = "governance:write";
    public const string CasesRead = "cases:read";
    public const string CasesWrite = "cases:write";
    public const string BudgetsRead = "budgets:read";
    public const string BudgetsWrite = "budgets:write";
    /// <summary>Private contact details and notes of people; each read is logged.</summary>
    public const string PersonalDataRead = "personal-data:read";
    public const string AuditRead = "audit:read";
    public const string Administer = "admin";

    public static readonly IReadOnlyList<string> All =
        [GovernanceRead, GovernanceWrite, CasesRead, CasesWrite, BudgetsRead, BudgetsWrite, PersonalDataRead, AuditRead, Administer];

    public const string ClaimType = "klima:permission";
    public const string OrganisationClaimType = "klima:organisation";
    /// <summary>One claim per governance model a limited caller may use (none = every model).</summary>
    public const string GovernanceModelClaimType = "klima:governance-model";
}

/// <summary>Staff roles and the permissions each grants. Systems (API keys) carry permissions as scopes directly.</summary>
public static class Roles
{
    public const string Administrator = "administrator";
    public const string Secretariat = "secretariat";
    public const string Member = "member";
    public const string Reader = "reader";

    public static readonly IReadOnlyList<string> All = [Administrator, Secretariat, Member, Reader];

    public static IReadOnlyList<string> PermissionsOf(string role) => role switch
    {
        Administrator => Permissions.All,
        Secretariat =>
        [
            Permissions.GovernanceRead, Permissions.GovernanceWrite, Permissions.CasesRead, Permissions.CasesWrite,
            Permissions.BudgetsRead, Permissions.BudgetsWrite, Permissions.PersonalDataRead,
        ],
        Member => [Permissions.GovernanceRead, Permissions.CasesRead, Permissions.BudgetsRead],
        Reader => [Permissions.GovernanceRead, Permissions.CasesRead, Permissions.BudgetsRead],
        _ => [],
    };
}

/// <summary>The caller as handlers see it: its permissions and, for a system bound to one organisation, that organisation.</summary>
public interface ICurrentUser
{
    string Name { get; }
    bool IsAuthenticated { get; }
    bool Has(string permission);

    /// <summary>Set for callers bound to one organisation (a municipality's case system): they see only its data.</summary>
    Guid? OrganisationScope { get; }

    /// <summary>Set for staff accounts and API keys limited to one or more governance models; null = every model.</summary>
    IReadOnlySet<Guid>? ModelScope => null;
}

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public string Name => User.Identity?.Name ?? "anonymous";
    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;
    public bool Has(string permission) => User.HasClaim(Permissions.ClaimType, permission);

    public Guid? OrganisationScope =>
        User.FindFirst(Permissions.OrganisationClaimType)?.Value is { } value && Guid.TryParse(value, out var id) ? id : null;

    public IReadOnlySet<Guid>? ModelScope => GovernanceModelScope.FromClaims(User);
}

/// <summary>Work done outside a request (seeding, background delivery) acts as the system itself.</summary>
internal sealed class SystemUser : ICurrentUser
{
    public static readonly SystemUser Instance = new();
    public string Name => "system";
    public bool IsAuthenticated => true;
    public bool Has(string permission) => true;
    public Guid? OrganisationScope => null;
}
