using System.Net;
using System.Net.Http.Json;
using Dapper;
using Klima.Api.Features.Accounts;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Hosting;

/// <summary>
/// Two API instances on one database, as behind a load balancer: the second runs from another folder (another host or
/// container image), so only the shared key ring in the database (DataProtection:KeyRing = Database, the default on SQL
/// Server) lets it read the first one's session cookie and CSRF token.
/// </summary>
public sealed class SeveralInstancesTests(DatabaseLane lane) : ApiTest(lane)
{
    private static readonly Dictionary<string, string?> SharedKeyRing = new() { ["DataProtection:KeyRing"] = "Database" };

    [Test]
    public async Task A_session_started_on_one_instance_is_valid_on_another_instance()
    {
        await using var firstInstance = new KlimaApiFactory(Database, SharedKeyRing);
        using var first = firstInstance.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var login = await first.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = KlimaApiFactory.AdminPassword });
        await login.ShouldHaveStatus(HttpStatusCode.OK);
        var session = await login.ReadAsync<SessionResponse>();
        // The session cookie and the antiforgery cookie that the CSRF token is checked against, as a browser sends them.
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        cookies.ShouldContain(c => c.StartsWith("klima.session=", StringComparison.Ordinal));
        var cookie = string.Join("; ", cookies);

        var otherFolder = Directory.CreateTempSubdirectory("klima-other-instance-").FullName;
        try
        {
            await using var second = new KlimaApiFactory(Database, SharedKeyRing).WithWebHostBuilder(b => b.UseContentRoot(otherFolder));
            using var client = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
            using var read = new HttpRequestMessage(HttpMethod.Get, "/api/auth/session");
            read.Headers.Add("Cookie", cookie);
            using var answer = await client.SendAsync(read);
            await answer.ShouldHaveStatus(HttpStatusCode.OK);
            (await answer.ReadAsync<SessionResponse>()).Username.ShouldBe("admin");

            using var write = new HttpRequestMessage(HttpMethod.Post, "/api/organisations") { Content = JsonContent.Create(new { kind = "other", name = "Fra den anden instans" }, options: Json) };
            write.Headers.Add("Cookie", cookie);
            write.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
            using var created = await client.SendAsync(write);
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        finally
        {
            Directory.Delete(otherFolder, recursive: true);
        }

        await using var connection = await firstInstance.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM data_protection_key")).ShouldBeGreaterThan(0);
    }
}
