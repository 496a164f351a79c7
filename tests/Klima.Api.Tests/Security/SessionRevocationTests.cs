using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.Accounts;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Klima.Api.Tests.Security;

/// <summary>
/// Sessions live on the server: a copy of the cookie saved before logout, a password change or the account being
/// disabled no longer reads or writes, at once.
/// </summary>
public sealed class SessionRevocationTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Password = "first-password-123";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["RateLimiting:LoginAttemptsPerMinute"] = "1000" };

    private HttpClient Browser() => Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    private sealed record SignedIn(HttpClient Browser, SessionResponse Session, string Cookie) : IDisposable
    {
        public void Dispose() => Browser.Dispose();
    }

    private async Task<SignedIn> SignIn(string username, string password)
    {
        var browser = Browser();
        using var response = await browser.PostAsJsonAsync("/api/auth/login", new { username, password });
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("klima.session=", StringComparison.Ordinal)).Split(';')[0];
        return new SignedIn(browser, await response.ReadAsync<SessionResponse>(), cookie);
    }

    /// <summary>An attacker's copy: the saved cookie alone, sent by a client that keeps no cookies of its own.</summary>
    private async Task<HttpStatusCode> ReadWithSavedCookie(string cookie)
    {
        using var copy = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
        request.Headers.Add("Cookie", cookie);
        using var response = await copy.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> Post(SignedIn signedIn, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        request.Headers.Add("X-CSRF-TOKEN", signedIn.Session.CsrfToken);
        return await signedIn.Browser.SendAsync(request);
    }

    private async Task<UserAccountResponse> CreateUser(string username)
    {
        using var created = await PostAsync("/api/users", new { username, displayName = username, password = Password, role = "secretariat" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        return await created.ReadAsync<UserAccountResponse>();
    }

    [Test]
    public async Task A_cookie_saved_before_logout_no_longer_reads()
    {
        await CreateUser("logud");
        using var signedIn = await SignIn("logud", Password);
        (await ReadWithSavedCookie(signedIn.Cookie)).ShouldBe(HttpStatusCode.OK);

        using var logout = await Post(signedIn, "/api/auth/logout");
        await logout.ShouldHaveStatus(HttpStatusCode.NoContent);

        (await ReadWithSavedCookie(signedIn.Cookie)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_cookie_saved_before_logout_no_longer_writes()
    {
        await CreateUser("logud-skriv");
        using var signedIn = await SignIn("logud-skriv", Password);
        using var logout = await Post(signedIn, "/api/auth/logout");
        await logout.ShouldHaveStatus(HttpStatusCode.NoContent);

        using var copy = Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organisations") { Content = JsonContent.Create(new { kind = "other", name = "Efter logud" }, options: Json) };
        request.Headers.Add("Cookie", signedIn.Cookie);
        request.Headers.Add("X-CSRF-TOKEN", signedIn.Session.CsrfToken);
        using var write = await copy.SendAsync(request);
        write.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Changing_the_password_ends_every_session_and_only_the_new_password_signs_in()
    {
        await CreateUser("skifter");
        using var here = await SignIn("skifter", Password);
        using var elsewhere = await SignIn("skifter", Password);

        using var changed = await Post(here, "/api/auth/password", new { currentPassword = Password, newPassword = "second-password-456" });
        await changed.ShouldHaveStatus(HttpStatusCode.OK);
        var renewed = await changed.ReadAsync<SessionResponse>();
        renewed.Username.ShouldBe("skifter");
        renewed.CsrfToken.ShouldNotBeNullOrEmpty();

        (await ReadWithSavedCookie(elsewhere.Cookie)).ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadWithSavedCookie(here.Cookie)).ShouldBe(HttpStatusCode.Unauthorized);
        // The browser that changed it carries on with the new session the answer gave it.
        (await here.Browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var old = await Browser().PostAsJsonAsync("/api/auth/login", new { username = "skifter", password = Password });
        old.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = await SignIn("skifter", "second-password-456");
        again.Session.Authenticated.ShouldBeTrue();
    }

    [Test]
    public async Task A_wrong_current_password_is_422_on_currentPassword_and_changes_nothing()
    {
        await CreateUser("forkert");
        using var signedIn = await SignIn("forkert", Password);
        using var refused = await Post(signedIn, "/api/auth/password", new { currentPassword = "not-the-password", newPassword = "another-password-789" });
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await refused.ReadJsonAsync())["errors"]!["currentPassword"].ShouldNotBeNull();
        (await ReadWithSavedCookie(signedIn.Cookie)).ShouldBe(HttpStatusCode.OK);
        using var still = await SignIn("forkert", Password);
        still.Session.Authenticated.ShouldBeTrue();
    }

    [Test]
    public async Task A_short_new_password_is_400_on_newPassword()
    {
        await CreateUser("kort");
        using var signedIn = await SignIn("kort", Password);
        using var refused = await Post(signedIn, "/api/auth/password", new { currentPassword = Password, newPassword = "short" });
        await refused.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync())["errors"]!["newPassword"].ShouldNotBeNull();
    }

    [Test]
    public async Task Only_a_signed_in_local_account_can_change_a_password()
    {
        using var anonymous = CreateClient(role: null);
        using var response = await anonymous.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "another-password-789" });
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // A caller authenticated otherwise (here the test scheme, like an API key) has no password here.
        using var system = await PostAsync("/api/auth/password", new { currentPassword = Password, newPassword = "another-password-789" });
        system.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Disabling_an_account_ends_its_sessions_at_once_and_enabling_lets_it_sign_in_again()
    {
        var account = await CreateUser("deaktiveret");
        using var signedIn = await SignIn("deaktiveret", Password);

        using var disabled = await PostAsync($"/api/users/{account.Id}/disable", new { });
        await disabled.ShouldHaveStatus(HttpStatusCode.OK);
        var body = await disabled.ReadAsync<UserAccountResponse>();
        body.DisabledAt.ShouldNotBeNull();
        disabled.ETag().ShouldBe($"\"{body.Version}\"");

        (await signedIn.Browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ReadWithSavedCookie(signedIn.Cookie)).ShouldBe(HttpStatusCode.Unauthorized);
        using var refused = await Browser().PostAsJsonAsync("/api/auth/login", new { username = "deaktiveret", password = Password });
        refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Brugernavnet eller adgangskoden er forkert."); // no Accept-Language: Danish

        using var enabled = await PostAsync($"/api/users/{account.Id}/enable", new { });
        await enabled.ShouldHaveStatus(HttpStatusCode.OK);
        (await enabled.ReadAsync<UserAccountResponse>()).DisabledAt.ShouldBeNull();
        using var back = await SignIn("deaktiveret", Password);
        (await back.Browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The session from before the account was disabled stays ended.
        (await ReadWithSavedCookie(signedIn.Cookie)).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_administrator_cannot_disable_their_own_account()
    {
        using var admin = await SignIn("admin", KlimaApiFactory.AdminPassword);
        var users = await GetJsonAsync("/api/users?limit=200");
        var own = users["items"]!.AsArray().Single(u => u!["username"]!.GetValue<string>() == "admin")!["id"]!.GetValue<Guid>();
        using var refused = await Post(admin, $"/api/users/{own}/disable");
        await refused.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await admin.Browser.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Disabling_an_unknown_account_is_404()
    {
        using var response = await PostAsync($"/api/users/{Guid.NewGuid()}/disable", new { });
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
