using System.Net;
using System.Net.Sockets;
using System.Text;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Security;

/// <summary>
/// The documented URL and header limits are refused by Klima itself (problem details with the security headers), on a
/// real Kestrel server: Kestrel's own ceilings are above them, so its bare answers are left for requests far beyond.
/// </summary>
[TestFixture]
public sealed class RequestLimitTests
{
    private SqliteTestDatabase _database = null!;
    private KlimaApiFactory _factory = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _database = new SqliteTestDatabase();
        _factory = new KlimaApiFactory(_database);
        _factory.UseKestrel(0);
        _factory.StartServer();
        _client = _factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        _database.Dispose();
    }

    private static async Task ShouldBeKlimasProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        await response.ShouldHaveStatus(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        (await response.ReadJsonAsync())["status"]!.GetValue<int>().ShouldBe((int)status);
    }

    [Test]
    public async Task A_url_longer_than_kestrels_default_request_line_is_refused_by_klima_with_414_problem_details()
    {
        // 10,000 characters: over Kestrel's default 8 KiB request line, under the raised ceiling.
        using var response = await _client.GetAsync("/api/organisations?q=" + new string('x', 10_000));
        await ShouldBeKlimasProblem(response, HttpStatusCode.RequestUriTooLong);
    }

    [Test]
    public async Task A_url_just_within_the_documented_limit_is_read()
    {
        var url = "/api/organisations?q=";
        using var response = await _client.GetAsync(url + new string('x', RequestLimits.MaxRequestTargetLength - url.Length));
        // Anonymous: the request got past the limits to authorisation.
        await response.ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Headers_over_the_documented_size_are_refused_by_klima_with_431_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
        // 40 KiB in all: over Kestrel's default 32 KiB, under the raised ceiling.
        for (var i = 0; i < 4; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Filler-{i}", new string('y', 10_000));
        }
        using var response = await _client.SendAsync(request);
        await ShouldBeKlimasProblem(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Test]
    public async Task More_header_fields_than_documented_are_refused_by_klima_with_431_problem_details()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
        for (var i = 0; i < 150; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Field-{i}", "v");
        }
        using var response = await _client.SendAsync(request);
        await ShouldBeKlimasProblem(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Test]
    public async Task A_request_line_beyond_kestrels_ceiling_is_still_answered_by_kestrel_itself()
    {
        // What docs/SECURITY.md says the reverse proxy covers: Kestrel answers before any middleware, without Klima's headers.
        var port = _client.BaseAddress!.Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var stream = tcp.GetStream();
        var request = $"GET /api/organisations?q={new string('x', 20_000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var answer = await reader.ReadToEndAsync();
        answer.ShouldStartWith("HTTP/1.1 414");
        answer.ShouldNotContain("X-Frame-Options");
    }
}
