using Microsoft.AspNetCore.Authorization;

namespace Klima.Api.Infrastructure.Auth;

/// <summary>Endpoint metadata naming the permission an endpoint requires (read by the authorization matrix test).</summary>
public sealed record RequiredPermission(string Permission);

/// <summary>Marks an endpoint readable by anyone, without credentials (published data only).</summary>
public sealed record PublicEndpoint;

public static class EndpointPermissionExtensions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredPermission(permission)).RequireAuthorization(PolicyName(permission));

    public static TBuilder PublicRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PublicEndpoint()).AllowAnonymous();

    public static string PolicyName(string permission) => "permission:" + permission;

    public static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder builder)
    {
        foreach (var permission in Permissions.All)
        {
            builder.AddPolicy(PolicyName(permission), p => p.RequireAuthenticatedUser().RequireClaim(Permissions.ClaimType, permission));
        }
        // Deny by default: an endpoint that declares nothing still needs an authenticated caller.
        builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
