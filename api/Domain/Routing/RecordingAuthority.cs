namespace Klima.Api.Domain.Routing;

/// <summary>
/// Function-level authorisation of the record (OWASP API5): who may record a recommendation or decision on a body's
/// step, schedule it or cancel the body's meeting, and who may replace a route. Callers reach these rules only with
/// <c>cases:write</c>; staff not bound to an organisation may record for every body; a caller bound to an
/// organisation (a municipality's case system, BRN's, the Region's) only for the bodies that organisation serves.
/// </summary>
public static class RecordingAuthority
{
    public const string ServedByRule = "body-served-by-caller";
    public const string RouteChangeRule = "route-changed-by-staff";

    /// <param name="callerOrganisation">The organisation the caller is bound to; null = unbound staff.</param>
    /// <param name="servingOrganisation">The organisation that serves the body; null = served by staff only.</param>
    public static bool MayRecord(Guid? callerOrganisation, Guid? servingOrganisation) =>
        callerOrganisation is not { } caller || (servingOrganisation is { } serving && serving == caller);

    /// <summary>Routes change through the rules or by unbound staff (the secretariat), never by one party's system.</summary>
    public static bool MayChangeRoute(Guid? callerOrganisation) => callerOrganisation is null;
}
