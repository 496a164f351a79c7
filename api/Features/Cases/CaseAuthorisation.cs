using Klima.Api.Domain;
using Klima.Api.Domain.Routing;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Errors;

namespace Klima.Api.Features.Cases;

/// <summary>403: the caller may use the endpoint, but not for this body (function-level authorisation); the body is named.</summary>
internal sealed class BodyForbiddenException : ProblemException
{
    public BodyForbiddenException(string rule, Guid? bodyId, string? bodyName, Text detail) : base(new Text("Status.403"), detail)
    {
        Extensions["rule"] = rule;
        if (bodyId is not null)
        {
            Extensions["bodyId"] = bodyId;
            Extensions["bodyName"] = bodyName;
        }
    }

    public override int Status => StatusCodes.Status403Forbidden;
    public override string Type => "https://klima.dk/problems/forbidden-for-body";
}

/// <summary>Applies <see cref="RecordingAuthority"/> to a step or a body and refuses with a problem detail that names the body.</summary>
internal static class CaseAuthorisation
{
    public static void EnsureMayRecord(ICurrentUser user, Guid bodyId, string bodyName, Guid? servedByOrganisationId, string? servedByOrganisationName)
    {
        if (RecordingAuthority.MayRecord(user.OrganisationScope, servedByOrganisationId))
        {
            return;
        }
        var servedBy = servedByOrganisationName is null
            ? new Text("Authority.ServedByStaff")
            : new Text("Authority.ServedBy", servedByOrganisationName);
        throw new BodyForbiddenException(RecordingAuthority.ServedByRule, bodyId, bodyName,
            new Text("Authority.MayNotRecord", bodyName, servedBy));
    }

    public static void EnsureMayChangeRoute(ICurrentUser user)
    {
        if (!RecordingAuthority.MayChangeRoute(user.OrganisationScope))
        {
            throw new BodyForbiddenException(RecordingAuthority.RouteChangeRule, null, null,
                new Text("Authority.RouteChange"));
        }
    }

    public static void EnsureMayRecord(ICurrentUser user, StepRow step) =>
        EnsureMayRecord(user, step.BodyId, step.BodyName, step.ServedByOrganisationId, step.ServedByOrganisationName);
}
