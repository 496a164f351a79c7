using System.Net;
using Klima.Api.Infrastructure;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace Klima.Api.Tests.Hosting;

/// <summary>
/// The minimal-API endpoints are built once (a compiled request delegate each), not once per reader: the authorisation
/// policy cache and the routing matcher share them. Start-up time itself is measured by the bench, not asserted here.
/// </summary>
public sealed class EndpointsBuiltOnceTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task Every_endpoint_source_of_the_app_is_read_once_and_its_endpoints_still_answer()
    {
        var composite = Factory.Services.GetRequiredService<EndpointDataSource>().ShouldBeOfType<CompositeEndpointDataSource>();
        composite.DataSources.ShouldNotBeEmpty();
        foreach (var source in composite.DataSources)
        {
            source.ShouldBeOfType<HostingExtensions.EndpointsBuiltOnce>();
            source.Endpoints.ShouldBeSameAs(source.Endpoints);
        }
        composite.Endpoints.OfType<RouteEndpoint>().Count(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .ShouldBeGreaterThan(100);

        using var anonymous = CreateClient(role: null);
        using (var ready = await anonymous.GetAsync("/health/ready"))
        {
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        using var admin = CreateClient("administrator");
        using var organisations = await admin.GetAsync("/api/organisations");
        organisations.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class EndpointsBuiltOnceSourceTests
{
    private sealed class CountingSource : EndpointDataSource
    {
        public int Reads { get; private set; }

        public CancellationTokenSource Changed { get; set; } = new();

        public override IReadOnlyList<Endpoint> Endpoints
        {
            get
            {
                Reads++;
                return [new Endpoint(_ => Task.CompletedTask, EndpointMetadataCollection.Empty, $"read {Reads}")];
            }
        }

        public override IChangeToken GetChangeToken() => new CancellationChangeToken(Changed.Token);
    }

    [Test]
    public void Reads_the_inner_source_once_until_it_signals_a_change()
    {
        var inner = new CountingSource();
        var once = new HostingExtensions.EndpointsBuiltOnce(inner);

        var first = once.Endpoints;
        once.Endpoints.ShouldBeSameAs(first);
        inner.Reads.ShouldBe(1);
        first.Single().DisplayName.ShouldBe("read 1");

        var changed = inner.Changed;
        inner.Changed = new CancellationTokenSource();
        changed.Cancel();
        once.Endpoints.Single().DisplayName.ShouldBe("read 2");
        once.Endpoints.Single().DisplayName.ShouldBe("read 2");
        inner.Reads.ShouldBe(2);
        changed.Dispose();
        inner.Changed.Dispose();
    }
}
