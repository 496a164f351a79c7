using System.Net;
using System.Text.RegularExpressions;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Security;

/// <summary>
/// Generated from the live endpoint list: every endpoint declares a permission (or is explicitly public), and every
/// role gets exactly what its permissions allow: 401 without credentials, 403 without the permission, anything
/// else (200, 400, 404...) with it. A new endpoint without a policy fails here.
/// </summary>
[TestFixture]
public sealed partial class AuthorizationMatrixTests() : ApiTest(DatabaseLane.Sqlite)
{
    private static readonly HashSet<string> AnonymousInfrastructure = new(StringComparer.Ordinal) { "/health/live", "/health/ready" };

    private sealed record Case(string Method, string Route, string? Permission, bool Public);

    private List<Case> Endpoints()
    {
        var sources = Factory.Services.GetRequiredService<EndpointDataSource>();
        return sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith("{*path", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => new Case(
                m, "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<RequiredPermission>()?.Permission,
                e.Metadata.GetMetadata<PublicEndpoint>() is not null || AnonymousInfrastructure.Contains("/" + e.RoutePattern.RawText!.TrimStart('/')))))
            .OrderBy(c => c.Route, StringComparer.Ordinal).ThenBy(c => c.Method, StringComparer.Ordinal)
            .ToList();
    }

    [Test]
    public void Every_endpoint_declares_a_permission_or_is_explicitly_public()
    {
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(10);
        var undeclared = endpoints.Where(e => e.Permission is null && !e.Public).Select(e => $"{e.Method} {e.Route}").ToList();
        undeclared.ShouldBeEmpty("these endpoints have no policy: add .RequirePermission(...) or .PublicRead()");
    }

    [Test]
    public async Task Every_role_gets_exactly_what_its_permissions_allow_on_every_endpoint()
    {
        var failures = new List<string>();
        var clients = Roles.All.ToDictionary(r => r, r => CreateClient(r));
        using var anonymous = CreateClient(role: null);
        foreach (var endpoint in Endpoints().Where(e => !e.Public))
        {
            var url = RouteParameter().Replace(endpoint.Route, m => m.Value.Contains(":int", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());
            var status = await Send(anonymous, endpoint.Method, url);
            if (status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"anonymous {endpoint.Method} {endpoint.Route}: {(int)status}, expected 401");
            }
            foreach (var (role, client) in clients)
            {
                status = await Send(client, endpoint.Method, url);
                var allowed = Roles.PermissionsOf(role).Contains(endpoint.Permission!);
                if (allowed && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                {
                    failures.Add($"{role} {endpoint.Method} {endpoint.Route}: {(int)status}, expected access ({endpoint.Permission})");
                }
                if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{role} {endpoint.Method} {endpoint.Route}: {(int)status}, expected 403 (lacks {endpoint.Permission})");
                }
            }
        }
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        failures.ShouldBeEmpty();
    }

    private static async Task<HttpStatusCode> Send(HttpClient client, string method, string url)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        }
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
