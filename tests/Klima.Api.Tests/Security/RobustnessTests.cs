using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Security;

/// <summary>
/// Issue 15's reproductions of careless and hostile input, each with the answer it must now get: problem details with
/// the security headers whatever the Accept header or the failure, required fields required, validators that do not
/// throw, bounded ordinals, strong If-Match, HEAD, literal and case-insensitive search, a closed Swagger.
/// </summary>
public sealed class RobustnessTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Body = "20000000-0000-0000-0000-000000000001";

    private static async Task<JsonObject> ShouldBeProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        await response.ShouldHaveStatus(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue();
        var problem = (await response.ReadJsonAsync()).AsObject();
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        return problem;
    }

    private Task<HttpResponseMessage> PostRawAsync(string url, string json, HttpClient? client = null) =>
        (client ?? Client).PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    [Test]
    public async Task A_404_asked_for_as_csv_is_problem_details_with_the_security_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/financing/budgets/{Guid.NewGuid()}/in-force");
        request.Headers.TryAddWithoutValidation("Accept", "text/csv");
        using var response = await Client.SendAsync(request);
        await ShouldBeProblem(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Errors_raised_as_exceptions_carry_the_security_headers()
    {
        using var malformed = await PostRawAsync("/api/organisations", "{\"name\": ");
        await ShouldBeProblem(malformed, HttpStatusCode.BadRequest);
        using var missing = await Client.GetAsync($"/api/bodies/{Guid.NewGuid()}");
        await ShouldBeProblem(missing, HttpStatusCode.NotFound);
        using var unknownRoute = await Client.PatchAsync("/api/organisations", new StringContent("{}", Encoding.UTF8, "application/json"));
        await ShouldBeProblem(unknownRoute, HttpStatusCode.MethodNotAllowed);
    }

    [Test]
    public async Task An_over_long_url_is_a_414_problem_with_the_security_headers()
    {
        using var response = await Client.GetAsync("/api/organisations?q=" + new string('x', 5000));
        await ShouldBeProblem(response, HttpStatusCode.RequestUriTooLong);
    }

    [Test]
    public async Task Too_many_request_headers_are_a_431_problem_with_the_security_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/organisations");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Field-{i}", "v");
        }
        using var response = await Client.SendAsync(request);
        await ShouldBeProblem(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var response = await Client.PostAsync("/api/organisations", new StringContent("name=x", Encoding.UTF8, "text/plain"));
        await ShouldBeProblem(response, HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("/api/bodies/" + Body + "/seats", """{"label":"Seat","voting":true}""", "role")]
    [TestCase("/api/bodies/" + Body + "/seats", """{"label":"Seat","role":"member"}""", "voting")]
    [TestCase("/api/meetings", """{"bodyId":"20000000-0000-0000-0000-000000000001","title":"No date"}""", "date")]
    [TestCase("/api/auth/login", """{"username":"admin"}""", "password")]
    [TestCase("/api/users", """{"username":"someone","displayName":"Someone","role":"reader"}""", "password")]
    public async Task A_missing_required_field_is_a_400_naming_it(string url, string json, string field)
    {
        using var response = await PostRawAsync(url, json);
        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    [Test]
    public async Task A_put_without_a_value_field_is_refused_rather_than_defaulted()
    {
        var body = await Client.GetAsync($"/api/bodies/{Body}");
        var etag = body.ETag();
        var current = (await body.ReadJsonAsync()).AsObject();
        var changes = new JsonObject
        {
            ["code"] = current["code"]!.DeepClone(), ["name"] = current["name"]!.DeepClone(), ["kind"] = current["kind"]!.DeepClone(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/bodies/{Body}") { Content = new StringContent(changes.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var response = await Client.SendAsync(request);
        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ContainsKey("canDecide").ShouldBeTrue(problem.ToJsonString());
        (await GetJsonAsync($"/api/bodies/{Body}"))["canDecide"]!.GetValue<bool>().ShouldBe(current["canDecide"]!.GetValue<bool>());
    }

    [TestCase("/api/meetings/00000000-0000-0000-0000-000000000001/agenda", """{"stepIds":null}""", "stepIds")]
    [TestCase("/api/financing/budgets", """{"programmeId":"00000000-0000-0000-0000-000000000001","code":"B","name":"B","lines":null}""", "lines")]
    [TestCase("/api/routing/rules", """{"code":"R","name":"R","steps":null}""", "steps")]
    [TestCase("/api/organisations", """{"name":null,"kind":"municipality"}""", "name")]
    public async Task A_null_collection_or_text_is_a_400_not_a_server_error(string url, string json, string field)
    {
        var method = url.EndsWith("/agenda", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post;
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var response = await Client.SendAsync(request);
        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem["errors"]!.AsObject().ContainsKey(field).ShouldBeTrue(problem.ToJsonString());
    }

    [Test]
    public async Task A_report_period_at_the_end_of_the_calendar_is_a_400_not_a_server_error()
    {
        using var response = await Client.GetAsync("/api/reports/status?governanceModelId=01000000-0000-0000-0000-000000000001&from=9999-12-31&to=2024-02-29");
        var problem = await ShouldBeProblem(response, HttpStatusCode.BadRequest);
        problem["errors"]!["to"].ShouldNotBeNull();
    }

    [Test]
    public async Task A_body_read_on_the_last_day_of_the_calendar_is_answered()
    {
        using var response = await Client.GetAsync($"/api/bodies/{Body}?asOf=9999-12-31");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task An_ordinal_beyond_the_bound_is_refused_and_later_seats_still_number_themselves()
    {
        using var huge = await PostAsync($"/api/bodies/{Body}/seats", new { ordinal = int.MaxValue, label = "Huge", role = "member", voting = true });
        var problem = await ShouldBeProblem(huge, HttpStatusCode.BadRequest);
        problem["errors"]!["ordinal"].ShouldNotBeNull();

        using var next = await PostAsync($"/api/bodies/{Body}/seats", new { label = "Next", role = "member", voting = true });
        await next.ShouldHaveStatus(HttpStatusCode.Created);
    }

    [Test]
    public async Task A_weak_if_match_is_refused_with_412()
    {
        using var created = await PostAsync("/api/organisations", new { name = "Weak Tag Kommune", kind = "municipality" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var organisation = await created.ReadJsonAsync();
        var strong = created.ETag();
        var changes = new { name = "Weak Tag Kommune 2", kind = "municipality" };

        using var weak = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation["id"]}", changes, "W/" + strong);
        await ShouldBeProblem(weak, HttpStatusCode.PreconditionFailed);
        using var ok = await SendAsync(HttpMethod.Put, $"/api/organisations/{organisation["id"]}", changes, strong);
        await ok.ShouldHaveStatus(HttpStatusCode.OK);
    }

    [Test]
    public async Task Head_answers_like_get_without_a_body()
    {
        using var get = await Client.GetAsync($"/api/bodies/{Body}");
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/bodies/{Body}"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Headers.ETag.ShouldBe(get.Headers.ETag);
        head.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        using var missing = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/bodies/{Guid.NewGuid()}"));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
    }

    [Test]
    public async Task Like_wildcards_in_q_are_literal()
    {
        using var created = await PostAsync("/api/organisations", new { name = "Hundred 100% Kommune", kind = "municipality" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);

        var percent = await GetJsonAsync("/api/organisations?limit=200&q=" + Uri.EscapeDataString("%"));
        percent["items"]!.AsArray().Select(i => (string)i!["name"]!).ShouldBe(["Hundred 100% Kommune"]);
        var underscore = await GetJsonAsync("/api/organisations?limit=200&q=_");
        underscore["items"]!.AsArray().ShouldBeEmpty();
        var people = await GetJsonAsync("/api/people?limit=200&q=" + Uri.EscapeDataString("%_%"));
        people["items"]!.AsArray().ShouldBeEmpty();
    }

    [Test]
    public async Task Search_folds_case_beyond_ascii()
    {
        using var created = await PostAsync("/api/organisations", new { name = "Ørsted Ærø Åby Forsyning", kind = "municipality" });
        await created.ShouldHaveStatus(HttpStatusCode.Created);

        foreach (var q in new[] { "ørsted", "ØRSTED", "ærø", "åby" })
        {
            var found = await GetJsonAsync("/api/organisations?q=" + Uri.EscapeDataString(q));
            found["items"]!.AsArray().Select(i => (string)i!["name"]!).ShouldContain("Ørsted Ærø Åby Forsyning", q);
        }
    }

    [Test]
    public async Task Swagger_is_closed_to_anonymous_callers_outside_development_and_open_to_administrators()
    {
        using var anonymous = CreateClient(role: null);
        using var document = await anonymous.GetAsync("/swagger/v1/swagger.json");
        await document.ShouldHaveStatus(HttpStatusCode.Unauthorized);
        document.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var ui = await anonymous.GetAsync("/swagger/index.html");
        ui.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var reader = CreateClient(Roles.Reader);
        using var forbidden = await reader.GetAsync("/swagger/v1/swagger.json");
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var admin = await Client.GetAsync("/swagger/v1/swagger.json");
        admin.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
