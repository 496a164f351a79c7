using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Endpoints;

namespace Klima.Api.Features.Diagnostics;

/// <summary>
/// A fixed small JSON document behind the same authentication, authorization and rate limiting as the measured
/// endpoints, so that a benchmark's ratio to it measures what a handler and its database work cost.
/// </summary>
public static class Baseline
{
    public sealed record Response(string Service, string Status, int Version);

    private static readonly Response Fixed = new("klima", "ok", 1);

    internal sealed class Endpoint : IEndpoint
    {
        // Not part of the published contract: it exists for scripts/bench.sh (see docs/benchmarks.md).
        public void Map(IEndpointRouteBuilder app) =>
            app.MapGet("/api/diagnostics/baseline", () => TypedResults.Ok(Fixed))
                .WithName("diagnosticsBaseline")
                .WithTags("Diagnostics")
                .RequirePermission(Permissions.GovernanceRead)
                .ExcludeFromDescription();
    }
}
