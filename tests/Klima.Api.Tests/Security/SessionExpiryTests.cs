using System.Net;
using System.Net.Http.Json;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Security;

/// <summary>A browser session lapses after 8 hours without use (sliding), measured on the server's clock.</summary>
[TestFixture]
public sealed class SessionExpiryTests
{
    private sealed class AdjustableClock : TimeProvider
    {
        public TimeSpan Offset { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
    }

    [Test]
    public async Task A_session_unused_for_more_than_8_hours_no_longer_authenticates()
    {
        using var database = new SqliteTestDatabase();
        var clock = new AdjustableClock();
        await using var factory = new KlimaApiFactory(database).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var login = await browser.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = KlimaApiFactory.AdminPassword });
        await login.ShouldHaveStatus(HttpStatusCode.OK);

        clock.Offset = TimeSpan.FromHours(7);
        (await browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        clock.Offset = TimeSpan.FromHours(7 + 8.5);
        (await browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
