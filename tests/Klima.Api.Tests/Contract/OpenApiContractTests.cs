using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Contract;

/// <summary>openapi.yaml is the contract the web app and integrators build on: it must equal what the API serves.</summary>
[TestFixture]
public sealed class OpenApiContractTests
{
    [Test]
    public async Task Openapi_yaml_equals_the_document_the_api_serves()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = new KlimaApiFactory(database);
        using var client = factory.CreateClient();
        // Outside Development the document is open to administrators only (OpenApi:Access).
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Klima.Api.Infrastructure.Auth.Roles.Administrator);
        var served = (await client.GetStringAsync("/swagger/v1/swagger.yaml")).ReplaceLineEndings("\n");

        var path = Path.Combine(RepositoryRoot.Path, "openapi.yaml");
        if (Environment.GetEnvironmentVariable("KLIMA_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, served);
        }
        var committed = File.Exists(path) ? (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n") : "";
        Assert.That(committed, Is.EqualTo(served),
            "openapi.yaml differs from what the API serves. Regenerate it with `./klima openapi` and commit it (the web client types follow it).");
    }
}
