using System.Net;
using System.Text.Json.Nodes;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;
using Shouldly;

namespace Klima.Api.Tests.Features.Financing;

public sealed class AllocationKeyTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Aalborg = "40000000-0000-0000-0000-000000000851";
    private const string Laeso = "40000000-0000-0000-0000-000000000825";
    private const string Thisted = "40000000-0000-0000-0000-000000000787";

    private async Task<HttpResponseMessage> CreateAsync(string code, string method, params object[] shares) =>
        await PostAsync("/api/financing/allocation-keys", new { governanceModelId = NorthJutland.Model, code, name = $"Nøgle {code}", method, shares });

    [Test]
    public async Task A_key_is_stored_read_revised_with_If_Match_and_retired()
    {
        using var created = await CreateAsync("three-equal", "equalSplit", new { payerId = Aalborg }, new { payerId = Laeso }, new { payerId = Thisted });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        created.ETag().ShouldBe("\"1\"");
        var key = await created.ReadJsonAsync();
        var id = key["id"]!.GetValue<string>();
        key["totalWeight"]!.GetValue<long>().ShouldBe(3);
        key["shares"]!.AsArray().Select(s => s!["payerCode"]!.GetValue<string>()).ShouldBe(["municipality-851", "municipality-825", "municipality-787"]);

        var revision = new
        {
            name = "Fast fordeling", method = "fixedShares", basisNote = "Aftalt fordeling",
            shares = new object[] { new { payerId = Aalborg, weight = 5000 }, new { payerId = Laeso, weight = 1000 }, new { payerId = Thisted, weight = 4000 } },
        };
        using (var withoutIfMatch = await SendAsync(HttpMethod.Put, $"/api/financing/allocation-keys/{id}", revision))
        {
            withoutIfMatch.StatusCode.ShouldBe(HttpStatusCode.PreconditionRequired);
        }
        using (var revised = await SendAsync(HttpMethod.Put, $"/api/financing/allocation-keys/{id}", revision, "\"1\""))
        {
            await revised.ShouldHaveStatus(HttpStatusCode.OK);
            revised.ETag().ShouldBe("\"2\"");
            var body = await revised.ReadJsonAsync();
            body["method"]!.GetValue<string>().ShouldBe("fixedShares");
            body["shares"]!.AsArray().Select(s => s!["weight"]!.GetValue<long>()).ShouldBe([5000L, 1000L, 4000L]);
        }
        using (var stale = await SendAsync(HttpMethod.Put, $"/api/financing/allocation-keys/{id}", revision, "\"1\""))
        {
            stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        }
        (await GetJsonAsync($"/api/financing/allocation-keys/{id}"))["version"]!.GetValue<int>().ShouldBe(2);

        using (var retired = await SendAsync(HttpMethod.Delete, $"/api/financing/allocation-keys/{id}", ifMatch: "\"2\""))
        {
            retired.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        using var gone = await Client.GetAsync($"/api/financing/allocation-keys/{id}");
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Fixed_shares_must_sum_to_100_percent_and_population_needs_every_weight()
    {
        using var shares = await CreateAsync("bad-shares", "fixedShares", new { payerId = Aalborg, weight = 5000 }, new { payerId = Laeso, weight = 4999 });
        await shares.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await shares.ReadJsonAsync())["errors"]!["shares"]!.ShouldNotBeNull();

        using var population = await CreateAsync("bad-population", "population", new { payerId = Aalborg, weight = 119_000 }, new { payerId = Laeso });
        await population.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await population.ReadJsonAsync())["errors"]!["shares[1].weight"]!.ShouldNotBeNull();
    }

    [Test]
    public async Task A_payer_of_another_model_is_refused_with_422_naming_the_share()
    {
        using var model = await PostAsync("/api/governance-models", new { code = "other-keys-model", name = "Anden model" });
        await model.ShouldHaveStatus(HttpStatusCode.Created);
        var otherModel = (await model.ReadJsonAsync())["id"]!.GetValue<string>();
        using var response = await PostAsync("/api/financing/allocation-keys", new
        {
            governanceModelId = otherModel, code = "borrowed", name = "Lånt", method = "equalSplit", shares = new[] { new { payerId = Aalborg } },
        });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync())["errors"]!["shares[0].payerId"]![0]!.GetValue<string>().ShouldBe("The payer belongs to another governance model.");
    }

    [Test]
    public async Task A_budget_split_by_a_population_key_adds_up_to_the_ore_and_names_the_key()
    {
        using var created = await CreateAsync("population-test", "population",
            new { payerId = Aalborg, weight = 221_082 }, new { payerId = Laeso, weight = 1_749 }, new { payerId = Thisted, weight = 43_365 });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        var key = await created.ReadJsonAsync();
        using var budget = await PostAsync("/api/financing/budgets", new
        {
            programmeId = Seeded.Secretariat, code = "split-by-population", name = "Fordelt efter befolkningstal", lines = Array.Empty<object>(),
        });
        await budget.ShouldHaveStatus(HttpStatusCode.Created);
        var budgetId = (await budget.ReadJsonAsync())["id"]!.GetValue<string>();

        using var split = await PostAsync($"/api/financing/budgets/{budgetId}/versions/split-by-key", new
        {
            allocationKeyId = key["id"]!.GetValue<string>(),
            lines = new object[]
            {
                new { period = "2024-H1", costType = "operations", amount = new { amount = 100_000.00m, currency = "DKK" }, note = "Drift" },
                new { period = "2024-H2", costType = "operations", amount = new { amount = 0.02m, currency = "DKK" } },
            },
        });
        await split.ShouldHaveStatus(HttpStatusCode.Created);
        var version = await split.ReadJsonAsync();
        version["status"]!.GetValue<string>().ShouldBe("draft");
        var lines = version["lines"]!.AsArray();
        lines.Count.ShouldBe(6);
        // 10,000,000 øre x 221,082 / 266,196 = 8,305,233.738, x 1,749 = 65,703.467, x 43,365 = 1,629,062.796 (remainders .738, .467, .796): the floors add up to
        // 9,999,998, and the two øre left go to the two largest remainders (Thisted's, then Aalborg's).
        var first = lines.Take(3).Select(l => l!["amount"]!["amount"]!.GetValue<decimal>()).ToList();
        first.ShouldBe([83_052.34m, 657.03m, 16_290.63m]);
        first.Sum().ShouldBe(100_000.00m);
        // Two øre over three payers: each is rounded down to 0 and the two øre go to the two largest remainders.
        lines.Skip(3).Sum(l => l!["amount"]!["amount"]!.GetValue<decimal>()).ShouldBe(0.02m);
        lines[0]!["note"]!.GetValue<string>().ShouldBe("Drift [population-test rev. 1: 221082/266196]");
        version["total"]!["amount"]!.GetValue<decimal>().ShouldBe(100_000.02m);
    }

    [Test]
    public async Task A_key_of_another_model_cannot_split_a_budget()
    {
        using var model = await PostAsync("/api/governance-models", new { code = "other-split-model", name = "Tredje model" });
        var otherModel = (await model.ReadJsonAsync())["id"]!.GetValue<string>();
        using var document = await Client.PostAsync("/api/model-documents", new StringContent($$"""
            { "formatVersion": 1, "model": { "code": "other-split-model", "name": "Tredje model" },
              "organisations": [ { "key": "aalborg", "kind": "municipality", "name": "Aalborg Kommune", "municipalityCode": "851" } ],
              "payers": [ { "code": "aalborg", "name": "Aalborg", "organisation": "aalborg" } ],
              "allocationKeys": [ { "code": "all-to-aalborg", "name": "Alt til Aalborg", "method": "equalSplit", "shares": [ { "payer": "aalborg" } ] } ] }
            """, System.Text.Encoding.UTF8, "application/json"));
        await document.ShouldHaveStatus(HttpStatusCode.OK);
        var keys = (await GetJsonAsync($"/api/financing/allocation-keys?governanceModelId={otherModel}"))["items"]!.AsArray();
        using var split = await PostAsync($"/api/financing/budgets/{Seeded.SecretariatBudget}/versions/split-by-key", new
        {
            allocationKeyId = keys.Single()!["id"]!.GetValue<string>(),
            lines = new[] { new { period = "2024", costType = "other", amount = new { amount = 10m, currency = "DKK" } } },
        });
        await split.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await split.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["allocationKeyId"]);
    }
}
