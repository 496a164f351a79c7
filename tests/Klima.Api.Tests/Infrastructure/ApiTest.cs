using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using Klima.Api.Infrastructure.Auth;

namespace Klima.Api.Tests.Infrastructure;

public sealed class KlimaApiFactory(TestDatabase database, IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password-0123";

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(config =>
        {
            var values = new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider,
                ["Database:MigrateOnStartup"] = "true",
                ["ConnectionStrings:Klima"] = database.ConnectionString,
                ["Web:Root"] = Path.Combine(Path.GetTempPath(), "klima-no-web"),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Auth:BootstrapAdminPassword"] = AdminPassword,
                // The webhook tests' receivers listen on loopback, which the outbound policy refuses unless allow-listed.
                ["CaseFeed:Webhooks:AllowedTargets:0"] = "127.0.0.1",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            config.AddInMemoryCollection(values);
        });
        builder.ConfigureTestServices(TestAuthHandler.AddTo);
        if (database.Provider == "Sqlite")
        {
            // Every command text the SQLite lane sends is recorded and checked as T-SQL after the run (SqlCommandLog).
            builder.ConfigureTestServices(Data.SqlCommandLog.Decorate);
        }
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>
/// Base of the HTTP integration fixtures: one fresh, migrated and seeded database and one API per fixture and lane.
/// Tests in a fixture create what they change, so they do not depend on one another's order.
/// </summary>
[TestFixtureSource(typeof(TestDatabases), nameof(TestDatabases.Lanes))]
[Parallelizable(ParallelScope.Fixtures)]
public abstract class ApiTest(DatabaseLane lane)
{
    public static readonly JsonSerializerOptions Json = CreateJsonOptions();

    private TestDatabase? _database;
    private KlimaApiFactory? _factory;

    protected DatabaseLane Lane => lane;

    /// <summary>This fixture's database (a second API instance on it stands for another server behind the load balancer).</summary>
    protected TestDatabase Database => _database!;
    protected HttpClient Client { get; private set; } = null!;
    protected KlimaApiFactory Factory => _factory!;

    /// <summary>Extra configuration for this fixture's API.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    [OneTimeSetUp]
    public async Task StartApi()
    {
        _database = TestDatabases.Create(lane);
        _factory = new KlimaApiFactory(_database, Settings);
        Client = CreateClient(Roles.Administrator);
        await Task.CompletedTask;
    }

    [OneTimeTearDown]
    public async Task StopApi()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        _database?.Dispose();
    }

    /// <summary>
    /// A client acting as <paramref name="role"/>, optionally bound to one organisation; null role = anonymous. It asks for
    /// messages in <paramref name="language"/> (Accept-Language): English unless told otherwise, the language the
    /// suite's assertions on texts are written in; null sends no Accept-Language, so the API answers in Danish.
    /// </summary>
    protected HttpClient CreateClient(string? role, Guid? organisation = null, string? language = "en")
    {
        var client = Factory.CreateClient();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, role);
        }
        if (organisation is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.OrganisationHeader, organisation.Value.ToString());
        }
        return client;
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    protected async Task<T> GetAsync<T>(string url)
    {
        using var response = await Client.GetAsync(url);
        await response.ShouldHaveStatus(System.Net.HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    protected async Task<JsonNode> GetJsonAsync(string url) => await GetAsync<JsonNode>(url);

    protected Task<HttpResponseMessage> PostAsync(string url, object body) => Client.PostAsJsonAsync(url, body, Json);

    protected Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return Client.SendAsync(request);
    }
}

public static class HttpAssertions
{
    public static async Task ShouldHaveStatus(this HttpResponseMessage response, System.Net.HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"Expected {(int)expected} {expected} but got {(int)response.StatusCode} {response.StatusCode}: {body}");
        }
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(ApiTest.Json))!;

    public static string ETag(this HttpResponseMessage response) =>
        response.Headers.ETag?.ToString() ?? throw new AssertionException("The response has no ETag.");

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
