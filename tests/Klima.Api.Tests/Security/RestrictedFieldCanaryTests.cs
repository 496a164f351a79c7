using System.Net;
using Klima.Api.Features.People;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Security;

/// <summary>
/// A canary value planted in every restricted field of a person who sits on a body never appears in a response to a
/// caller without personal-data:read, in an error body, or in the logs — checked over every parameterless read of
/// the live endpoint list plus the reads that show that person.
/// </summary>
public sealed class RestrictedFieldCanaryTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Canary = "CANARY-93ac1f";
    private Guid _person;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" };

    [OneTimeSetUp]
    public async Task PlantCanary()
    {
        using var created = await PostAsync("/api/people", new
        {
            name = "Fiktiv Kanariefugl",
            email = $"{Canary.ToLowerInvariant()}@example.dk",
            phone = "+45 12 34 56 78",
            notes = $"Privat note {Canary}",
        });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        _person = (await created.ReadAsync<PersonResponse>()).Id;
        using var appointed = await PostAsync($"/api/bodies/{NorthJutland.DialogueForum}/memberships", new
        {
            personId = _person,
            representsOrganisationId = NorthJutland.Aalborg,
            validFrom = "2024-01-01",
            tiedToElectionTerm = true,
        });
        await appointed.ShouldHaveStatus(HttpStatusCode.Created);
    }

    private static bool Contains(string text) =>
        text.Contains(Canary, StringComparison.OrdinalIgnoreCase) || text.Contains("12 34 56 78", StringComparison.Ordinal);

    [TestCase(Roles.Member)]
    [TestCase(Roles.Reader)]
    public async Task Callers_without_personal_data_permission_never_see_the_canary(string role)
    {
        using var client = CreateClient(role);
        var reads = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r.StartsWith("/api/", StringComparison.Ordinal) && !r.Contains('{', StringComparison.Ordinal))
            .Concat([
                $"/api/people/{_person}", $"/api/people/{_person}/memberships", $"/api/bodies/{NorthJutland.DialogueForum}",
                $"/api/bodies/{NorthJutland.DialogueForum}/memberships", $"/api/bodies/{NorthJutland.DialogueForum}/seats",
                $"/api/people?q=Kanariefugl", "/api/memberships/ending-with-election-term?term=2022-2026",
            ])
            .ToList();
        reads.Count.ShouldBeGreaterThan(15);
        var leaks = new List<string>();
        foreach (var url in reads)
        {
            using var response = await client.GetAsync(url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "limit=200");
            if (Contains(await response.Content.ReadAsStringAsync()))
            {
                leaks.Add($"{url} ({(int)response.StatusCode})");
            }
        }
        leaks.ShouldBeEmpty();
    }

    [Test]
    public async Task Error_bodies_do_not_echo_restricted_values()
    {
        using var invalid = await PostAsync("/api/people", new { name = "", email = Canary + " is not an address", notes = new string('x', 5000) + Canary });
        await invalid.ShouldHaveStatus(HttpStatusCode.BadRequest);
        Contains(await invalid.Content.ReadAsStringAsync()).ShouldBeFalse();
    }

    [Test]
    public async Task The_logs_never_contain_the_canary()
    {
        using var secretariat = CreateClient(Roles.Secretariat);
        using var read = await secretariat.GetAsync($"/api/people/{_person}");
        // The canary is really there for those allowed to read it, so its absence elsewhere means something.
        Contains(await read.Content.ReadAsStringAsync()).ShouldBeTrue();
        Factory.Logs.Lines.Count.ShouldBeGreaterThan(0);
        Factory.Logs.Lines.Where(Contains).ShouldBeEmpty();
    }
}
