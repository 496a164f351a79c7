using System.Net;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Hosting;

/// <summary>The one-command start serves the built web app and the API on one origin.</summary>
[TestFixture]
public sealed class WebAppHostingTests
{
    private string _root = null!;
    private SqliteTestDatabase _database = null!;
    private KlimaApiFactory _factory = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _root = Directory.CreateTempSubdirectory("klima-web-").FullName;
        Directory.CreateDirectory(Path.Combine(_root, "assets"));
        File.WriteAllText(Path.Combine(_root, "index.html"), "<!doctype html><title>Klima</title>");
        File.WriteAllText(Path.Combine(_root, "assets", "app-abc123.js"), "console.log('klima');");
        _database = new SqliteTestDatabase();
        _factory = new KlimaApiFactory(_database, new Dictionary<string, string?> { ["Web:Root"] = _root });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _factory.DisposeAsync();
        _database.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Assets_are_served_as_themselves_and_client_routes_load_the_app()
    {
        using var client = _factory.CreateClient();
        using var asset = await client.GetAsync("/assets/app-abc123.js");
        asset.StatusCode.ShouldBe(HttpStatusCode.OK);
        asset.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        using var route = await client.GetAsync("/bodies/20000000-0000-0000-0000-000000000001");
        (await route.Content.ReadAsStringAsync()).ShouldContain("<title>Klima</title>");
        using var api = await client.GetAsync("/api/no-such-thing");
        api.Content.Headers.ContentType?.MediaType.ShouldNotBe("text/html");
    }
}
