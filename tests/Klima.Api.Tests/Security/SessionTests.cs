using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.Accounts;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klima.Api.Tests.Security;

public sealed class SessionTests(DatabaseLane lane) : ApiTest(lane)
{
    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    private static async Task<SessionResponse> SignIn(HttpClient browser, string username = "admin", string password = KlimaApiFactory.AdminPassword)
    {
        using var response = await browser.PostAsJsonAsync("/api/auth/login", new { username, password });
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("klima.session=", StringComparison.Ordinal) && c.Contains("httponly", StringComparison.OrdinalIgnoreCase));
        return await response.ReadAsync<SessionResponse>();
    }

    [Test]
    public async Task The_first_administrator_signs_in_and_the_session_cookie_authenticates_reads()
    {
        using var browser = Browser();
        var session = await SignIn(browser);
        session.Username.ShouldBe("admin");
        session.Permissions.ShouldContain("admin");
        session.CsrfToken.ShouldNotBeNullOrEmpty();
        using var read = await browser.GetAsync("/api/organisations");
        await read.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_wrong_password_gets_401_without_telling_which_part_was_wrong()
    {
        using var browser = Browser();
        using var response = await browser.PostAsJsonAsync("/api/auth/login", new { username = "admin", password = "wrong-password-here" });
        await response.ShouldHaveStatus(HttpStatusCode.Unauthorized);
        using var unknown = await browser.PostAsJsonAsync("/api/auth/login", new { username = "nobody", password = "wrong-password-here" });
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("Brugernavnet eller adgangskoden er forkert."); // no Accept-Language: Danish
    }

    [Test]
    public async Task Unsafe_requests_from_a_cookie_session_need_the_CSRF_token()
    {
        using var browser = Browser();
        var session = await SignIn(browser);
        using var without = await browser.PostAsJsonAsync("/api/organisations", new { kind = "other", name = "Uden token" }, Json);
        await without.ShouldHaveStatus(HttpStatusCode.Forbidden);
        (await without.ReadJsonAsync())["type"]!.GetValue<string>().ShouldEndWith("/csrf");

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations") { Content = JsonContent.Create(new { kind = "other", name = "Med token" }, options: Json) };
        request.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
        using var with = await browser.SendAsync(request);
        await with.ShouldHaveStatus(HttpStatusCode.Created);
    }

    [Test]
    public async Task After_logout_the_session_no_longer_authenticates()
    {
        using var browser = Browser();
        var session = await SignIn(browser);
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
        using var loggedOut = await browser.SendAsync(logout);
        await loggedOut.ShouldHaveStatus(HttpStatusCode.NoContent);
        using var read = await browser.GetAsync("/api/organisations");
        await read.ShouldHaveStatus(HttpStatusCode.Unauthorized);
        var anonymous = await (await browser.GetAsync("/api/auth/session")).ReadAsync<SessionResponse>();
        anonymous.Authenticated.ShouldBeFalse();
    }

    [Test]
    public async Task An_administrator_creates_an_account_whose_role_limits_what_it_may_do()
    {
        using var created = await PostAsync("/api/users", new { username = "laeser", displayName = "Læser", password = "a-long-password-1", role = "reader" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        using var browser = Browser();
        var session = await SignIn(browser, "laeser", "a-long-password-1");
        session.Permissions.ShouldNotContain("governance:write");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations") { Content = JsonContent.Create(new { kind = "other", name = "Nej" }, options: Json) };
        request.Headers.Add("X-CSRF-TOKEN", session.CsrfToken);
        using var write = await browser.SendAsync(request);
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Responses_carry_security_headers()
    {
        using var response = await Client.GetAsync("/api/organisations");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'self'");
    }
}
