using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsvHelper;
using Klima.Api.Features.Financing.Allocations;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.Financing;

/// <summary>Co-financing splits and CSV exports. This fixture never writes.</summary>
public sealed class AllocationAndCsvTests(DatabaseLane lane) : ApiTest(lane)
{
    // Illustrative population key (inhabitants, rounded, early 2023) supplied as data, as a caller would send it.
    private static readonly Dictionary<string, long> Population = new(StringComparer.Ordinal)
    {
        ["851"] = 222_000, ["810"] = 36_500, ["813"] = 59_500, ["860"] = 64_500, ["849"] = 38_000, ["825"] = 1_750,
        ["846"] = 41_500, ["773"] = 20_000, ["840"] = 31_000, ["787"] = 43_000, ["820"] = 36_000,
    };

    [Test]
    public async Task Splitting_800_000_over_the_11_municipalities_equally_adds_up_to_the_ore()
    {
        using var response = await PostAsync("/api/financing/allocations", new { amount = new { amount = 800_000.00m, currency = "DKK" }, method = "equal", payerId = Seeded.MunicipalitiesJointly });
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var split = await response.ReadAsync<AllocateCoFinancing.Response>();
        split.Parts.Count.ShouldBe(11);
        split.Parts.Sum(p => p.Amount.Amount).ShouldBe(800_000.00m);
        split.SumOfParts.Amount.ShouldBe(800_000.00m);
        split.Parts.Count(p => p.Amount.Amount == 72_727.28m).ShouldBe(3);
        split.Parts.Count(p => p.Amount.Amount == 72_727.27m).ShouldBe(8);
        split.Parts.Select(p => p.OrganisationId).Order().ShouldBe(Seeded.MunicipalityCodes.Select(Seeded.Municipality).Order());
        // The 3 øre left over go by a rule a person can state and see: equal remainders, so alphabetically by name.
        split.RemainderOre.ShouldBe(3);
        split.RemainderRule.ShouldContain("alphabetical order of the organisations' names");
        split.Parts.Where(p => p.RemainderOre == 1).Select(p => p.Name).ShouldBe(["Aalborg Kommune", "Brønderslev Kommune", "Frederikshavn Kommune"]);
        split.Parts.Where(p => p.RemainderOre == 1).ShouldAllBe(p => p.Amount.Amount == 72_727.28m);
        split.Parts.Select(p => p.Name).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
    }

    [Test]
    public async Task Splitting_800_000_by_a_population_key_adds_up_to_the_ore_and_follows_the_key()
    {
        var parties = Population.Select(p => new { organisationId = Seeded.Municipality(p.Key), weight = p.Value }).ToArray();
        using var response = await PostAsync("/api/financing/allocations", new { amount = new { amount = 800_000.00m, currency = "DKK" }, method = "weights", parties });
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var split = await response.ReadAsync<AllocateCoFinancing.Response>();
        split.Parts.Sum(p => p.Amount.Amount).ShouldBe(800_000.00m);
        var totalWeight = Population.Values.Sum();
        foreach (var part in split.Parts)
        {
            var exact = 800_000.00m * part.Weight!.Value / totalWeight;
            Math.Abs(part.Amount.Amount - exact).ShouldBeLessThan(0.01m);
            decimal.Round(part.Amount.Amount, 2).ShouldBe(part.Amount.Amount);
        }
        split.Parts.Single(p => p.Name == "Aalborg Kommune").Amount.Amount.ShouldBeGreaterThan(split.Parts.Single(p => p.Name == "Læsø Kommune").Amount.Amount);
    }

    [Test]
    public async Task Fixed_shares_must_sum_to_100_percent()
    {
        using var ok = await PostAsync("/api/financing/allocations", new
        {
            amount = new { amount = 1_600_000.00m, currency = "DKK" }, method = "shares",
            parties = new[] { new { organisationId = "10000000-0000-0000-0000-000000000001", shareBasisPoints = 5000 }, new { organisationId = "10000000-0000-0000-0000-000000001081", shareBasisPoints = 5000 } },
        });
        await ok.ShouldHaveStatus(HttpStatusCode.OK);
        (await ok.ReadAsync<AllocateCoFinancing.Response>()).Parts.ShouldAllBe(p => p.Amount.Amount == 800_000.00m);

        using var bad = await PostAsync("/api/financing/allocations", new
        {
            amount = new { amount = 1_600_000.00m, currency = "DKK" }, method = "shares",
            parties = new[] { new { organisationId = "10000000-0000-0000-0000-000000000001", shareBasisPoints = 5000 }, new { organisationId = "10000000-0000-0000-0000-000000001081", shareBasisPoints = 4999 } },
        });
        await bad.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await bad.ReadJsonAsync())["errors"]!["parties"]![0]!.GetValue<string>().ShouldContain("10000");
    }

    [Test]
    public async Task Allocation_inputs_are_validated_field_by_field()
    {
        using var response = await PostAsync("/api/financing/allocations", new
        {
            amount = new { amount = 1.005m, currency = "DKK" }, method = "weights",
            parties = new object[] { new { organisationId = Guid.Empty, weight = 1 }, new { organisationId = Seeded.Municipality("851"), weight = -1 } },
        });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var keys = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        keys.ShouldContain("amount.amount");
        keys.ShouldContain("parties[0].organisationId");
        keys.ShouldContain("parties[1].weight");

        using var unknown = await PostAsync("/api/financing/allocations", new
        {
            amount = new { amount = 1m, currency = "DKK" }, method = "equal", parties = new[] { new { organisationId = Guid.NewGuid() } },
        });
        await unknown.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknown.ReadJsonAsync())["errors"]!["parties[0].organisationId"].ShouldNotBeNull();
    }

    private static List<Dictionary<string, string>> ParseCsv(string text, char separator)
    {
        using var reader = CsvReader.FromText(text, CsvReaderOptions.Default with { Separator = separator });
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(h => h, h => reader.GetString(h), StringComparer.Ordinal));
        }
        return rows;
    }

    [Test]
    public async Task The_CSV_export_parses_back_with_the_right_numbers()
    {
        using var response = await Client.GetAsync($"/api/financing/rollups?programmeId={Seeded.Dk2020}&groupBy=period,payer&granularity=year&format=csv");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType!.CharSet.ShouldBe("utf-8");
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldStartWith("period,periodFrom,periodTo,payer,payerName,budget,actual,variance,currency\r\n");

        var rows = ParseCsv(text, ',');
        rows.Count.ShouldBe(6);
        rows.Sum(r => decimal.Parse(r["budget"], NumberStyles.Number, CultureInfo.InvariantCulture)).ShouldBe(4_000_000.00m);
        var brn2021 = rows.Single(r => r["period"] == "2021" && r["payer"] == "brn");
        brn2021["budget"].ShouldBe("800000.00");
        brn2021["periodFrom"].ShouldBe("2021-01-01");
        brn2021["periodTo"].ShouldBe("2022-01-01");
        brn2021["currency"].ShouldBe("DKK");
        rows.Single(r => r["period"] == "2023" && r["payer"] == "municipalities-jointly")["budget"].ShouldBe("400000.00");
    }

    [Test]
    public async Task The_Danish_CSV_has_decimal_commas_semicolons_and_parses_back_with_the_right_numbers()
    {
        using var response = await Client.GetAsync($"/api/financing/rollups?programmeId={Seeded.Dk2020}&groupBy=period,payer&granularity=year&format=csv&locale=da&bom=true");
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        text.ShouldStartWith("period;periodFrom;periodTo;payer;payerName;budget;actual;variance;currency\r\n");
        text.ShouldContain(";800000,00;0,00;800000,00;DKK");

        var danish = new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };
        var rows = ParseCsv(text, ';');
        rows.Count.ShouldBe(6);
        rows.Sum(r => decimal.Parse(r["budget"], NumberStyles.Number, danish)).ShouldBe(4_000_000.00m);
        rows.Where(r => r["period"] == "2022").Sum(r => decimal.Parse(r["budget"], NumberStyles.Number, danish)).ShouldBe(1_600_000.00m);
        rows.Single(r => r["period"] == "2022" && r["payer"] == "brn")["payerName"].ShouldBe("Business Region North Denmark (BRN)");
    }

    [Test]
    public async Task Accept_text_csv_gets_CSV_and_budget_vs_actual_exports_too()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/financing/budget-vs-actual?programmeId={Seeded.Secretariat}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await Client.SendAsync(request);
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var rows = ParseCsv(await response.Content.ReadAsStringAsync(), ',');
        var row = rows.ShouldHaveSingleItem();
        row["programme"].ShouldBe("climate-secretariat");
        row["payer"].ShouldBe("brn");
        row["budget"].ShouldBe("4800000.00");
        row["variance"].ShouldBe("4800000.00");
    }

    [Test]
    public async Task Report_parameters_are_validated()
    {
        using var response = await Client.GetAsync("/api/financing/rollups?groupBy=programme,colour&granularity=month&format=xml&locale=fr&limit=0");
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        var keys = (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ToList();
        keys.ShouldBe(["groupBy", "granularity", "format", "locale", "limit"], ignoreOrder: true);
    }
}
