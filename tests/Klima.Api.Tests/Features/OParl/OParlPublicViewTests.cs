using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.OParl;

/// <summary>
/// The public view's second round (issues 15 and 18): what of a case is public and who decides, documents uploaded
/// and opened from OParl, public money, the configured public base URL, and the OParl rules a client relies on
/// (clamped limits, HEAD, canonical URLs), ending with a full walk with modified_since after delete, erase and retract.
/// </summary>
public sealed class OParlPublicViewTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Base = "https://klima.example.dk";
    private const string Root = Base + "/oparl/v1";
    private static readonly string BodyUrl = $"{Root}/body/{Seed.Model:D}";
    private static readonly Guid SecretariatProgramme = Guid.Parse("41000000-0000-0000-0000-000000000006");
    private static readonly Guid SecretariatVersion = Guid.Parse("45000000-0000-0000-0000-000000000002");

    private static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    private HttpClient _anonymous = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Klima:PublicBaseUrl"] = Base,
        ["Documents:MaxBytes"] = "4096",
        ["RateLimiting:Enabled"] = "false",
    };

    [OneTimeSetUp]
    public void CreateAnonymousClient() => _anonymous = CreateClient(role: null);

    [OneTimeTearDown]
    public void DisposeAnonymousClient() => _anonymous?.Dispose();

    /// <summary>The OParl URL of a path (the configured base), fetched through the test server.</summary>
    private static string Local(string url) => url.StartsWith(Base, StringComparison.Ordinal) ? url[Base.Length..] : url;

    private async Task<JsonObject> OParlAsync(string url)
    {
        using var response = await _anonymous.GetAsync(Local(url));
        await response.ShouldHaveStatus(HttpStatusCode.OK);
        return (await response.ReadJsonAsync()).AsObject();
    }

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string claimedType, string? title = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(claimedType);
        form.Add(file, "file", fileName);
        if (title is not null) form.Add(new StringContent(title), "title");
        form.Add(new StringContent("3323070"), "documentNumber");
        return form;
    }

    private static async Task<CaseResponse> CaseOfAsync(HttpClient client, string? reference = null) =>
        await client.CreateCaseAsync(Seed.NewCase(externalReference: reference));

    private static async Task<JsonObject> SetVisibilityAsync(HttpClient client, Guid caseId, string visibility, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var current = await client.GetAsync($"/api/cases/{caseId}/visibility");
        await current.ShouldHaveStatus(HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{caseId}/visibility") { Content = JsonContent.Create(new { visibility }) };
        request.Headers.TryAddWithoutValidation("If-Match", current.ETag());
        using var response = await client.SendAsync(request);
        await response.ShouldHaveStatus(expected);
        return (await response.ReadJsonAsync()).AsObject();
    }

    [Test]
    public async Task A_new_case_is_not_public_until_its_owner_publishes_it_and_another_organisation_cannot()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        var created = await CaseOfAsync(aalborg);
        var paper = $"/oparl/v1/body/{Seed.Model:D}/paper/{created.Id:D}";

        (await aalborg.GetFromJsonAsync<JsonObject>($"/api/cases/{created.Id}/visibility"))!["visibility"]!.GetValue<string>().ShouldBe("whenDecided");
        using (var hidden = await _anonymous.GetAsync(paper)) hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound, "not public until decided or published");
        using (var other = await frederikshavn.GetAsync($"/api/cases/{created.Id}/visibility")) other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var put = new HttpRequestMessage(HttpMethod.Put, $"/api/cases/{created.Id}/visibility") { Content = JsonContent.Create(new { visibility = "public" }) })
        {
            put.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            using var refused = await frederikshavn.SendAsync(put);
            refused.StatusCode.ShouldBe(HttpStatusCode.NotFound, "only the owner decides");
        }

        var published = await SetVisibilityAsync(aalborg, created.Id, "public");
        published["isPublic"]!.GetValue<bool>().ShouldBeTrue();
        var shown = await OParlAsync(paper);
        OParlConformance.IsTombstone(shown).ShouldBeFalse();
        shown["reference"]!.GetValue<string>().ShouldBe(created.CaseNumber);

        // Taken out again: from now on a deleted object, also in a modified_since walk.
        var retracted = await SetVisibilityAsync(aalborg, created.Id, "notPublic");
        retracted["isPublic"]!.GetValue<bool>().ShouldBeFalse();
        var gone = await OParlAsync(paper);
        OParlConformance.IsTombstone(gone).ShouldBeTrue();
        OParlConformance.Check(gone).ShouldBeEmpty();
        gone.ToJsonString().ShouldNotContain(created.Title);
        var since = Uri.EscapeDataString(gone["modified"]!.GetValue<string>());
        var papers = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/papers?modified_since={since}&limit=500");
        papers["data"]!.AsArray().Select(p => p!.AsObject()).Single(p => p["id"]!.GetValue<string>() == Base + paper)
            .ShouldSatisfyAllConditions(p => OParlConformance.IsTombstone(p).ShouldBeTrue());
        var plain = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/papers?limit=500");
        plain.ToJsonString().ShouldNotContain(created.Id.ToString());
    }

    [Test]
    public async Task Reusing_another_organisations_external_reference_creates_a_case_instead_of_revealing_it()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        var reference = $"SBSYS-{Guid.NewGuid():N}";
        var first = await CaseOfAsync(aalborg, reference);
        var second = await CaseOfAsync(frederikshavn, reference);
        second.Id.ShouldNotBe(first.Id, "answered exactly as for any other new case: 201");

        using var again = await aalborg.PostAsJsonAsync("/api/cases", Seed.NewCase(externalReference: reference), Json);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, "within one organisation the reference stays unique");
        using var staffFirst = await Client.PostAsJsonAsync("/api/cases", Seed.NewCase(externalReference: reference), Json);
        staffFirst.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var staffAgain = await Client.PostAsJsonAsync("/api/cases", Seed.NewCase(externalReference: reference), Json);
        staffAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict, "staff cases (no owner) are unique among themselves too");
    }

    [TestCase("javascript:alert(document.cookie)")]
    [TestCase("data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==")]
    [TestCase("http://sbsys.aalborg.dk/doc/1")]
    [TestCase("file:///etc/passwd")]
    [TestCase("urn:kl:dok:3323070")]
    public async Task Document_urls_other_than_https_are_refused_with_the_field(string url)
    {
        var created = await CaseOfAsync(Client);
        using var link = await Client.PostAsJsonAsync($"/api/cases/{created.Id}/document-links", new { url, title = "Bilag" }, Json);
        link.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await link.ReadJsonAsync();
        link.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.ToJsonString().ShouldContain("\"url\"");

        var body = Seed.NewCase();
        var json = System.Text.Json.JsonSerializer.SerializeToNode(body, Json)!.AsObject();
        json["documents"] = new JsonArray(new JsonObject { ["url"] = url, ["title"] = "Bilag" });
        using var create = await Client.PostAsJsonAsync("/api/cases", json, Json);
        create.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await create.Content.ReadAsStringAsync()).ShouldContain("documents[0].url");
    }

    [Test]
    public async Task An_uploaded_document_is_sniffed_hashed_and_opens_from_its_OParl_accessUrl()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var created = await CaseOfAsync(aalborg);
        using var uploaded = await aalborg.PostAsync($"/api/cases/{created.Id}/documents", Upload(Pdf, "indstilling.pdf", "text/html", "Indstilling"));
        await uploaded.ShouldHaveStatus(HttpStatusCode.Created);
        var document = (await uploaded.ReadJsonAsync()).AsObject();
        document["mediaType"]!.GetValue<string>().ShouldBe("application/pdf", "sniffed from the bytes, not the claimed text/html");
        document["sizeBytes"]!.GetValue<long>().ShouldBe(Pdf.Length);
        document["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Pdf)));
        document["sha512"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA512.HashData(Pdf)));
        document["documentNumber"]!.GetValue<string>().ShouldBe("3323070");
        document["source"]!.GetValue<string>().ShouldBe("upload");

        // Opened in the API by who may read the case; never by another organisation.
        using (var content = await aalborg.GetAsync(document["url"]!.GetValue<string>()))
        {
            await content.ShouldHaveStatus(HttpStatusCode.OK);
            (await content.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
            content.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            content.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            content.Headers.GetValues("Content-Security-Policy").Single().ShouldStartWith("sandbox");
        }
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        using (var foreign = await frederikshavn.GetAsync(document["url"]!.GetValue<string>())) foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var foreignUpload = await frederikshavn.PostAsync($"/api/cases/{created.Id}/documents", Upload(Pdf, "x.pdf", "application/pdf")))
            foreignUpload.StatusCode.ShouldBe(HttpStatusCode.NotFound, "who may upload is who may write the case");
        using (var readerUpload = await CreateClient(Roles.Reader).PostAsync($"/api/cases/{created.Id}/documents", Upload(Pdf, "x.pdf", "application/pdf")))
            readerUpload.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Public once published: the OParl File has working accessUrl/downloadUrl, mimeType, size and sha512Checksum.
        using (var hiddenFile = await _anonymous.GetAsync($"/oparl/v1/body/{Seed.Model:D}/file/{document["id"]}/download"))
            hiddenFile.StatusCode.ShouldBe(HttpStatusCode.NotFound, "a non-public case's documents are not served");
        await SetVisibilityAsync(aalborg, created.Id, "public");
        var file = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/file/{document["id"]}");
        OParlConformance.Check(file).ShouldBeEmpty();
        file["mimeType"]!.GetValue<string>().ShouldBe("application/pdf");
        file["size"]!.GetValue<long>().ShouldBe(Pdf.Length);
        file["sha512Checksum"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA512.HashData(Pdf)));
        file["klima:documentNumber"]!.GetValue<string>().ShouldBe("3323070");
        file["accessUrl"]!.GetValue<string>().ShouldStartWith(Root);
        using var download = await _anonymous.GetAsync(Local(file["accessUrl"]!.GetValue<string>()));
        await download.ShouldHaveStatus(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        download.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
    }

    [Test]
    public async Task Uploads_of_unknown_types_or_over_the_size_limit_are_refused()
    {
        var created = await CaseOfAsync(Client);
        var executable = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xFF, 0xFF };
        using (var exe = await Client.PostAsync($"/api/cases/{created.Id}/documents", Upload(executable, "report.pdf", "application/pdf")))
        {
            exe.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType, "a name or Content-Type does not make a PDF");
            exe.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        }
        var large = new byte[5000];
        "%PDF-1.7\n"u8.CopyTo(large);
        using (var tooLarge = await Client.PostAsync($"/api/cases/{created.Id}/documents", Upload(large, "big.pdf", "application/pdf")))
            tooLarge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        using (var missing = await Client.PostAsync($"/api/cases/{created.Id}/documents", new MultipartFormDataContent { { new StringContent("x"), "title" } }))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await missing.ReadJsonAsync())["errors"]!["file"].ShouldNotBeNull();
        }
        (await Client.GetFromJsonAsync<JsonArray>($"/api/cases/{created.Id}/documents"))!.Count.ShouldBe(1, "only the case's own https link");
    }

    [Test]
    public async Task The_approved_budget_is_public_with_the_same_figures_as_the_financing_rollup()
    {
        var version = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/klima-budget-version/{SecretariatVersion:D}");
        OParlConformance.Check(version).ShouldBeEmpty();
        version["type"]!.GetValue<string>().ShouldBe("klima:BudgetVersion");
        version["klima:inForce"]!.GetValue<bool>().ShouldBeTrue();
        version["klima:decision"]!.GetValue<string>().ShouldStartWith("SAG-2023-01121");

        var rollup = await GetJsonAsync($"/api/financing/rollups?programmeId={SecretariatProgramme}&groupBy=period,payer,costType&limit=200");
        version["klima:total"]!["amount"]!.GetValue<decimal>().ShouldBe(rollup["totals"]!["budget"]!["amount"]!.GetValue<decimal>());
        version["klima:total"]!["amount"]!.GetValue<decimal>().ShouldBe(4_800_000.00m);
        var published = version["klima:line"]!.AsArray()
            .Select(l => (From: l!["periodFrom"]!.GetValue<string>(), Payer: l["payer"]!.GetValue<string>(), Cost: l["costType"]!.GetValue<string>(),
                Amount: l["amount"]!["amount"]!.GetValue<decimal>())).ToList();
        var rolled = rollup["items"]!.AsArray().Where(i => i!["budget"]!["amount"]!.GetValue<decimal>() != 0)
            .Select(i => (From: i!["period"]!["from"]!.GetValue<string>(), Payer: i["payerCode"]!.GetValue<string>(), Cost: i["costType"]!.GetValue<string>(),
                Amount: i["budget"]!["amount"]!.GetValue<decimal>())).ToList();
        published.ShouldBe(rolled, ignoreOrder: true);
        var share = version["klima:coFinancingShare"]!.AsArray().ShouldHaveSingleItem()!;
        share["shareBasisPoints"]!.GetValue<long>().ShouldBe(10000, "BRN pays the whole secretariat");

        var body = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}");
        var versions = await OParlAsync(body["klima:budgetVersion"]!.GetValue<string>());
        versions["data"]!.AsArray().Select(v => v!["id"]!.GetValue<string>()).ShouldContain($"{BodyUrl}/klima-budget-version/{SecretariatVersion:D}");
        var grants = await OParlAsync(body["klima:grant"]!.GetValue<string>());
        grants["data"]!.AsArray().Count.ShouldBeGreaterThan(0);
        foreach (var grant in grants["data"]!.AsArray()) OParlConformance.Check(grant!.AsObject()).ShouldBeEmpty();
    }

    [Test]
    public async Task Ids_links_and_next_pages_use_the_configured_base_url_whatever_the_Host_header()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/oparl/v1/body/{Seed.Model:D}/organizations?limit=2");
        request.Headers.Host = "evil.example";
        using var response = await _anonymous.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        text.ShouldNotContain("evil.example");
        var json = JsonNode.Parse(text)!;
        json["links"]!["next"]!.GetValue<string>().ShouldStartWith(BodyUrl + "/organizations?");
        json["data"]![0]!["id"]!.GetValue<string>().ShouldStartWith(BodyUrl);

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/organisations?limit=1");
        api.Headers.Host = "evil.example";
        using var page = await Client.SendAsync(api);
        (await page.ReadJsonAsync())["next"]!.GetValue<string>().ShouldStartWith(Base + "/api/organisations?");
    }

    [TestCase("0", 1)]
    [TestCase("1000", 500)]
    [TestCase("abc", 50)]
    [TestCase("-5", 1)]
    public async Task A_limit_out_of_range_is_clamped_not_refused(string limit, int used)
    {
        var page = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/organizations?limit={limit}");
        page["pagination"]!["elementsPerPage"]!.GetValue<int>().ShouldBe(used);
    }

    [Test]
    public async Task HEAD_answers_like_GET_without_a_body_and_variant_urls_redirect_to_the_id()
    {
        using var head = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/oparl/v1/system"));
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType!.MediaType.ShouldBe("application/json", "the OParl object's headers, not the web app's HTML");
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        using var headMissing = await _anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/oparl/v1/body/{Guid.NewGuid():D}"));
        headMissing.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var upper = Guid.Parse("4a5b6c7d-0000-4000-8000-00000000abcd").ToString("D").ToUpperInvariant();
        using var noRedirects = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (variant, canonical) in new[]
                 {
                     ("/oparl/v1/system/", Root + "/system"),
                     ($"/oparl/v1/Body/{Seed.Model:D}?x=1", $"{BodyUrl}?x=1"),
                     ($"/oparl/v1/body/{Seed.Model:D}/paper/{upper}", $"{BodyUrl}/paper/{upper.ToLowerInvariant()}"),
                     ("/oparl/v1", Root + "/system"),
                 })
        {
            using var response = await noRedirects.GetAsync(variant);
            response.StatusCode.ShouldBe(HttpStatusCode.MovedPermanently, variant);
            response.Headers.Location!.ToString().ShouldBe(canonical, variant);
        }
    }

    [Test]
    public async Task A_person_whose_only_seat_was_deleted_is_a_deleted_object_when_syncing()
    {
        var db = Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>();
        var person = Guid.CreateVersion7();
        var seatId = Guid.CreateVersion7();
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            // A seat whose (ended) membership was the person's only one: the API lets such a seat be removed.
            var planted = DateTimeOffset.UtcNow.AddMinutes(-5);
            await Dapper.SqlMapper.ExecuteAsync(connection, """
                INSERT INTO seat (id, body_id, ordinal, label, role, voting, version, created_at, modified_at)
                VALUES (@Seat, @Body, 90, 'Midlertidig plads', 'member', 1, 1, @At, @At);
                INSERT INTO person (id, name, title, version, created_at, modified_at) VALUES (@Id, 'Dorte Dahl', 'Byrådsmedlem', 1, @At, @At);
                INSERT INTO membership (id, seat_id, person_id, valid_from, valid_to, tied_to_election_term, version, created_at, modified_at)
                VALUES (@Membership, @Seat, @Id, '2024-01-01', '2025-01-01', 0, 1, @At, @At);
                """, new { Id = person, Membership = Guid.CreateVersion7(), Seat = seatId, Body = Seed.T11, At = planted });
        }
        var personUrl = $"/oparl/v1/body/{Seed.Model:D}/person/{person:D}";
        OParlConformance.IsTombstone(await OParlAsync(personUrl)).ShouldBeFalse();

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/bodies/{Seed.T11}/seats/{seatId}");
        delete.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        using var deleted = await Client.SendAsync(delete);
        deleted.IsSuccessStatusCode.ShouldBeTrue(await deleted.Content.ReadAsStringAsync());

        var gone = await OParlAsync(personUrl);
        OParlConformance.IsTombstone(gone).ShouldBeTrue("the person's URL keeps answering, as a deleted object (not 404)");
        OParlConformance.Check(gone).ShouldBeEmpty();
        var since = Uri.EscapeDataString(gone["modified"]!.GetValue<string>());
        var people = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/people?modified_since={since}&limit=500");
        people["data"]!.AsArray().Select(p => p!.AsObject()).Where(OParlConformance.IsTombstone).Select(p => p["id"]!.GetValue<string>())
            .ShouldContain(Base + personUrl);
        var plain = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/people?limit=500");
        plain.ToJsonString().ShouldNotContain(person.ToString());
    }

    [Test]
    public async Task A_meetings_place_is_an_OParl_Location_that_is_deleted_when_cleared()
    {
        var db = Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>();
        var before = DateTimeOffset.UtcNow.AddSeconds(-2);
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE meeting SET location = 'Aalborg Rådhus, Boulevarden 13', modified_at = @At WHERE id = @Id",
                new { Id = Seed.BoardMeeting, At = before });
        }
        var meeting = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/meeting/{Seed.BoardMeeting:D}");
        OParlConformance.Check(meeting).ShouldBeEmpty();
        var location = meeting["location"]!.AsObject();
        location["description"]!.GetValue<string>().ShouldBe("Aalborg Rådhus, Boulevarden 13");
        var atId = await OParlAsync(location["id"]!.GetValue<string>());
        atId["meetings"]!.AsArray().Select(m => m!.GetValue<string>()).ShouldBe([$"{BodyUrl}/meeting/{Seed.BoardMeeting:D}"]);
        var body = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}");
        (await OParlAsync(body["locationList"]!.GetValue<string>()))["data"]!.AsArray().Select(l => l!["id"]!.GetValue<string>())
            .ShouldContain(location["id"]!.GetValue<string>());

        var cleared = before.AddSeconds(1);
        await using (var connection = await db.OpenAsync(CancellationToken.None))
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE meeting SET location = NULL, modified_at = @At WHERE id = @Id",
                new { Id = Seed.BoardMeeting, At = cleared });
        }
        var gone = await OParlAsync(location["id"]!.GetValue<string>());
        OParlConformance.IsTombstone(gone).ShouldBeTrue();
        OParlConformance.Check(gone).ShouldBeEmpty();
        (await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/meeting/{Seed.BoardMeeting:D}")).ContainsKey("location").ShouldBeFalse();
    }

    [Test]
    public async Task Errors_under_oparl_are_OParl_error_objects_with_the_security_headers()
    {
        foreach (var (url, status) in new[]
                 {
                     ($"/oparl/v1/body/{Guid.NewGuid():D}", HttpStatusCode.NotFound),
                     ("/oparl/v1/nothing-here", HttpStatusCode.NotFound),
                     ($"/oparl/v1/body/{Seed.Model:D}/people?modified_since=yesterday", HttpStatusCode.BadRequest),
                 })
        {
            using var response = await _anonymous.GetAsync(url);
            await response.ShouldHaveStatus(status);
            response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
            response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
            var error = (await response.ReadJsonAsync()).AsObject();
            // OParl 1.1 (Ausnahmebehandlung): type, message for a person, debug for a developer; and an error status.
            error["type"]!.GetValue<string>().ShouldBe("https://schema.oparl.org/1.1/Error");
            error["message"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
            error["debug"]!.GetValue<string>().ShouldStartWith($"HTTP {(int)status}");
            error["status"]!.GetValue<int>().ShouldBe((int)status);
        }
        using var invalid = await _anonymous.GetAsync($"/oparl/v1/body/{Seed.Model:D}/people?modified_since=yesterday");
        (await invalid.ReadJsonAsync())["errors"]!.AsObject().ContainsKey("modified_since").ShouldBeTrue();
        // Outside /oparl errors stay problem details.
        using var api = await _anonymous.GetAsync($"/api/bodies/{Guid.NewGuid()}");
        api.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Test]
    public async Task Omit_internal_leaves_out_embedded_objects_and_keeps_references()
    {
        var body = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}");
        body.ContainsKey("legislativeTerm").ShouldBeTrue();
        var lean = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}?omit_internal=true");
        lean.ContainsKey("legislativeTerm").ShouldBeFalse();
        lean["legislativeTermList"]!.GetValue<string>().ShouldBe(body["legislativeTermList"]!.GetValue<string>());
        lean["id"]!.GetValue<string>().ShouldBe(body["id"]!.GetValue<string>());

        var meetings = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/meetings?limit=500");
        meetings["data"]!.AsArray().Any(m => m!["agendaItem"] is JsonArray).ShouldBeTrue("meetings embed their agenda items");
        var leanMeetings = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/meetings?limit=500&omit_internal=true");
        leanMeetings["data"]!.AsArray().Count.ShouldBe(meetings["data"]!.AsArray().Count);
        leanMeetings["data"]!.AsArray().Any(m => m!.AsObject().ContainsKey("agendaItem")).ShouldBeFalse();
        foreach (var meeting in leanMeetings["data"]!.AsArray())
        {
            OParlConformance.Check(meeting!.AsObject()).ShouldBeEmpty();
            meeting!["organization"]!.AsArray().Count.ShouldBeGreaterThan(0, "references stay");
        }
    }

    [Test]
    public async Task A_meeting_has_start_and_end_spanning_its_day_in_Danish_time_and_objects_link_their_web_page()
    {
        var meeting = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/meeting/{Seed.BoardMeeting:D}");
        OParlConformance.Check(meeting).ShouldBeEmpty();
        var date = DateOnly.Parse(meeting["klima:date"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var start = DateTimeOffset.Parse(meeting["start"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(meeting["end"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        DateOnly.FromDateTime(start.DateTime).ShouldBe(date);
        start.TimeOfDay.ShouldBe(TimeSpan.Zero);
        start.Offset.ShouldBeOneOf(TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        DateOnly.FromDateTime(end.DateTime).ShouldBe(date.AddDays(1));
        (end - start).TotalHours.ShouldBeInRange(23, 25);
        meeting["klima:allDay"]!.GetValue<bool>().ShouldBeTrue();
        meeting["web"]!.GetValue<string>().ShouldBe($"{Base}/meetings/{Seed.BoardMeeting:D}");

        var body = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}");
        body["web"]!.GetValue<string>().ShouldBe($"{Base}/map/{Seed.Model:D}");
        body["license"]!.GetValue<string>().ShouldStartWith("https://creativecommons.org/");
        (await OParlAsync("/oparl/v1/system"))["license"]!.GetValue<string>().ShouldBe(body["license"]!.GetValue<string>());
        var organizations = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/organizations?limit=500");
        foreach (var organization in organizations["data"]!.AsArray().Select(o => o!.AsObject()))
        {
            var web = organization["web"]!.GetValue<string>();
            var id = organization["id"]!.GetValue<string>();
            web.ShouldBe(id.Contains("/party/", StringComparison.Ordinal)
                ? $"{Base}/organisations/{id[(id.LastIndexOf('/') + 1)..]}"
                : $"{Base}/bodies/{id[(id.LastIndexOf('/') + 1)..]}");
        }
    }

    [Test]
    public async Task A_deleted_document_is_a_deleted_File_in_OParl_and_its_bytes_are_gone()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var created = await CaseOfAsync(aalborg);
        using var uploaded = await aalborg.PostAsync($"/api/cases/{created.Id}/documents", Upload(Pdf, "slettes.pdf", "application/pdf", "Slettes"));
        await uploaded.ShouldHaveStatus(HttpStatusCode.Created);
        var document = (await uploaded.ReadJsonAsync()).AsObject();
        await SetVisibilityAsync(aalborg, created.Id, "public");
        var fileUrl = $"/oparl/v1/body/{Seed.Model:D}/file/{document["id"]}";
        var before = await OParlAsync(fileUrl);
        before.ContainsKey("deleted").ShouldBeFalse();

        // Another organisation cannot delete it, nor a reader; the owner can, once.
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        (await frederikshavn.DeleteAsync($"/api/cases/{created.Id}/documents/{document["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await CreateClient(Roles.Reader).DeleteAsync($"/api/cases/{created.Id}/documents/{document["id"]}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using (var deleted = await aalborg.DeleteAsync($"/api/cases/{created.Id}/documents/{document["id"]}"))
            await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await aalborg.DeleteAsync($"/api/cases/{created.Id}/documents/{document["id"]}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await aalborg.GetFromJsonAsync<JsonArray>($"/api/cases/{created.Id}/documents"))!.Select(d => d!["id"]!.GetValue<string>())
            .ShouldNotContain(document["id"]!.GetValue<string>());
        (await aalborg.GetAsync(document["url"]!.GetValue<string>())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _anonymous.GetAsync($"{fileUrl}/download")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var gone = await OParlAsync(fileUrl);
        OParlConformance.IsTombstone(gone).ShouldBeTrue();
        OParlConformance.Check(gone).ShouldBeEmpty();
        gone["id"]!.GetValue<string>().ShouldBe(Base + fileUrl);
        gone["type"]!.GetValue<string>().ShouldBe("https://schema.oparl.org/1.1/File");
        gone["created"]!.GetValue<string>().ShouldBe(before["created"]!.GetValue<string>());
        DateTimeOffset.Parse(gone["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(before["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
        // modified_since is inclusive (at whole seconds), so a client that synced after the upload learns of the deletion.
        var since = Uri.EscapeDataString(before["modified"]!.GetValue<string>());
        var files = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/files?modified_since={since}&limit=500");
        files["data"]!.AsArray().Select(f => f!.AsObject()).Where(OParlConformance.IsTombstone).Select(f => f["id"]!.GetValue<string>())
            .ShouldContain(Base + fileUrl);
        var paper = await OParlAsync($"/oparl/v1/body/{Seed.Model:D}/paper/{created.Id:D}");
        paper.ToJsonString().ShouldNotContain(document["id"]!.GetValue<string>());
    }

    [Test]
    public async Task Zz_a_full_walk_from_system_with_modified_since_after_delete_erase_and_retract_is_valid()
    {
        // Changes of every kind first: a retracted case, an erased person, a published case with an uploaded document.
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        var retracted = await CaseOfAsync(aalborg);
        await SetVisibilityAsync(aalborg, retracted.Id, "public");
        await SetVisibilityAsync(aalborg, retracted.Id, "notPublic");
        var published = await CaseOfAsync(aalborg);
        using (var uploaded = await aalborg.PostAsync($"/api/cases/{published.Id}/documents", Upload(Pdf, "bilag.pdf", "application/pdf", "Bilag")))
            await uploaded.ShouldHaveStatus(HttpStatusCode.Created);
        await SetVisibilityAsync(aalborg, published.Id, "public");
        var withdrawn = await CaseOfAsync(aalborg);
        using (var uploaded = await aalborg.PostAsync($"/api/cases/{withdrawn.Id}/documents", Upload(Pdf, "trukket.pdf", "application/pdf", "Trukket tilbage")))
        {
            await uploaded.ShouldHaveStatus(HttpStatusCode.Created);
            await SetVisibilityAsync(aalborg, withdrawn.Id, "public");
            using var deleted = await aalborg.DeleteAsync($"/api/cases/{withdrawn.Id}/documents/{(await uploaded.ReadJsonAsync())["id"]}");
            await deleted.ShouldHaveStatus(HttpStatusCode.NoContent);
        }

        var walk = await OParlConformance.WalkAsync(_anonymous, Root + "/system", Root, []);
        walk.Failures.ShouldBeEmpty();
        var sync = await OParlConformance.WalkAsync(_anonymous, Root + "/system", Root, [], modifiedSince: "2000-01-01T00:00:00+00:00");
        sync.Failures.ShouldBeEmpty();
        sync.Objects.Keys.ShouldContain($"{BodyUrl}/paper/{retracted.Id:D}");
        OParlConformance.IsTombstone(sync.Objects[$"{BodyUrl}/paper/{retracted.Id:D}"]).ShouldBeTrue();
        sync.Downloads.Count.ShouldBeGreaterThan(0, "uploaded Files were fetched from their accessUrl");
        TestContext.Out.WriteLine($"OParl walk: {walk.Requests} requests, {walk.Objects.Count} objects, {walk.Lists.Count} lists, {walk.Downloads.Count} files fetched; " +
                                  $"modified_since walk: {sync.Requests} requests, {sync.Objects.Count} objects " +
                                  $"({sync.Objects.Values.Count(OParlConformance.IsTombstone)} deleted), {sync.Downloads.Count} files fetched");
    }
}
