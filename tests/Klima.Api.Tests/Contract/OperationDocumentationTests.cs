using System.Text.Json;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Contract;

/// <summary>
/// Every operation the API serves says what it does (summary) and who may call it, what it returns and what it refuses
/// (description), Danish first with English beside it. Reads the served document, so a new endpoint is covered without
/// anyone listing it.
/// </summary>
[TestFixture]
public sealed class OperationDocumentationTests
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

    [Test]
    public async Task Every_operation_has_a_Danish_and_English_summary_and_description()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = new KlimaApiFactory(database);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Klima.Api.Infrastructure.Auth.Roles.Administrator);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"));

        var operations = 0;
        var problems = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject().Where(m => Methods.Contains(m.Name)))
            {
                operations++;
                var name = method.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null;
                var where = $"{method.Name.ToUpperInvariant()} {path.Name} ({name ?? "no operationId"})";
                problems.AddRange(Problems(where, method.Value));
            }
        }

        Assert.That(operations, Is.GreaterThan(100), "the served document lists the API's operations");
        Assert.That(problems, Is.Empty,
            "Add .WithSummary(\"Dansk / English\") and .WithDescription(\"Dansk ...\\n\\nEnglish ...\") where the endpoint is mapped:\n" +
            string.Join("\n", problems));
    }

    [Test]
    public void An_operation_without_summary_or_description_is_named()
    {
        using var missing = JsonDocument.Parse("""{ "operationId": "x" }""");
        using var englishOnly = JsonDocument.Parse("""{ "summary": "Create a case", "description": "Creates a case." }""");
        using var empty = JsonDocument.Parse("""{ "summary": " / Create a case", "description": "Opret.\n\n " }""");
        using var complete = JsonDocument.Parse("""{ "summary": "Opret en sag / Create a case", "description": "Opretter en sag.\n\nCreates a case." }""");

        Assert.Multiple(() =>
        {
            Assert.That(Problems("op", missing.RootElement).ToList(), Is.EqualTo(new[] { "op: no summary", "op: no description" }));
            Assert.That(Problems("op", englishOnly.RootElement).ToList(), Has.Count.EqualTo(2));
            Assert.That(Problems("op", empty.RootElement).ToList(), Has.Count.EqualTo(2));
            Assert.That(Problems("op", complete.RootElement).ToList(), Is.Empty);
        });
    }

    /// <summary>The summary is "Dansk / English"; the description a Danish paragraph, a blank line, an English paragraph.</summary>
    private static IEnumerable<string> Problems(string where, JsonElement operation)
    {
        var summary = operation.TryGetProperty("summary", out var s) ? s.GetString() : null;
        var description = operation.TryGetProperty("description", out var d) ? d.GetString() : null;
        if (string.IsNullOrWhiteSpace(summary))
        {
            yield return $"{where}: no summary";
        }
        else if (!BothLanguages(summary, " / "))
        {
            yield return $"{where}: summary \"{summary}\" is not \"Dansk / English\"";
        }
        if (string.IsNullOrWhiteSpace(description))
        {
            yield return $"{where}: no description";
        }
        else if (!BothLanguages(description.ReplaceLineEndings("\n"), "\n\n"))
        {
            yield return $"{where}: description is not a Danish paragraph and an English paragraph separated by a blank line";
        }
    }

    private static bool BothLanguages(string text, string separator)
    {
        var at = text.IndexOf(separator, StringComparison.Ordinal);
        return at > 0 && !string.IsNullOrWhiteSpace(text[..at]) && !string.IsNullOrWhiteSpace(text[(at + separator.Length)..]);
    }
}
