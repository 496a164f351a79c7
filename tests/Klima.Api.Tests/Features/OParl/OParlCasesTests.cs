using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.OParl;

/// <summary>
/// The case register in the OParl view: the seed case SAG-2023-01121 as a Paper with its route as Consultations, the
/// KKR and BRN meetings with their agenda items, and its document reference as a File. The fixture adds a step that
/// a route change replaced (with staff names as canaries) and a deleted case, for the tombstone rules.
/// </summary>
public sealed class OParlCasesTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Root = "http://localhost/oparl/v1";
    private const string Model = "01000000-0000-0000-0000-000000000001";
    private const string BodyUrl = Root + "/body/" + Model;
    private const string Case = "50000000-0000-0000-0000-000000000001";
    private const string KkrMeeting = "60000000-0000-0000-0000-000000000001";
    private const string BrnMeeting = "60000000-0000-0000-0000-000000000002";
    /// <summary>KKR Nordjylland's meeting of 18 November 2022, where the renewed partnership was discussed (no case is on its agenda).</summary>
    private const string KkrMeeting2022 = "60000000-0000-0000-0000-000000000003";
    private const string KkrStep = "51000000-0000-0000-0000-000000000002";
    private const string KkrItem = "61000000-0000-0000-0000-000000000001";
    private const string BrnItem = "61000000-0000-0000-0000-000000000002";
    private const string Document = "52000000-0000-0000-0000-000000000001";
    private const string Kkr = "20000000-0000-0000-0000-000000000002";

    /// <summary>Staff account names of who recorded a step: internal, never published.</summary>
    private static readonly string[] Canaries = ["canary-recorder-1d9e", "canary-decider-88c1"];

    private static readonly DateTimeOffset Superseded = new(2026, 3, 2, 8, 15, 0, TimeSpan.Zero);

    private readonly Guid _supersededStep = Guid.CreateVersion7();
    /// <summary>A document uploaded to the seed case: the seed's own reference (urn:kl:dok:3323070) cannot be fetched, so is no File.</summary>
    private readonly Guid _uploaded = Guid.CreateVersion7();
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();
    private readonly Guid _deletedCase = Guid.CreateVersion7();
    private HttpClient _anonymous = null!;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OParl:PageSize"] = "2",
        ["RateLimiting:Enabled"] = "false",
    };

    [OneTimeSetUp]
    public async Task PlantReplacedStepAndDeletedCase()
    {
        _anonymous = CreateClient(role: null);
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var created = new DateTimeOffset(2023, 4, 13, 0, 0, 0, TimeSpan.Zero);
        // Every step of the seed case has decided_by/recommended_by 'seed'; give them canaries to prove they stay in.
        await connection.ExecuteAsync("UPDATE case_step SET recommended_by = @Recorder, decided_by = @Decider WHERE case_id = @Case",
            new { Recorder = Canaries[0], Decider = Canaries[1], Case = Guid.Parse(Case) });
        await connection.ExecuteAsync("""
            INSERT INTO case_step (id, case_id, stage_ordinal, stage_name, ordinal, body_id, role, authoritative, recommended_by, decided_by,
                                   superseded_at, version, created_at, modified_at)
            VALUES (@Id, @Case, 2, 'Politisk behandling', 3, @Body, 'discussion', 0, @Recorder, @Decider, @Superseded, 1, @Created, @Created)
            """, new { Id = _supersededStep, Case = Guid.Parse(Case), Body = Guid.Parse("20000000-0000-0000-0000-000000000004"),
                Recorder = Canaries[0], Decider = Canaries[1], Superseded, Created = created });
        await connection.ExecuteAsync("""
            INSERT INTO case_file (id, case_number, governance_model_id, title, interest_code, council_decision_required, created_by,
                                   version, created_at, modified_at, deleted_at)
            VALUES (@Id, 'KLIMA-2026-0999', @Model, 'Trukket sag', 'joint', 0, @Recorder, 2, @Created, @Superseded, @Superseded)
            """, new { Id = _deletedCase, Model = Guid.Parse(Model), Recorder = Canaries[0], Created = created, Superseded });
        await connection.ExecuteAsync("""
            INSERT INTO case_document (id, case_id, ordinal, url, title, sha256, sha512, document_number, media_type, size_bytes, file_name,
                                       created_at, modified_at)
            VALUES (@Id, @Case, 2, @Url, 'Governancemodel (PDF)', @Sha256, @Sha512, '3323070', 'application/pdf', @Size, 'governancemodel.pdf', @Created, @Created)
            """, new { Id = _uploaded, Case = Guid.Parse(Case), Url = $"/api/cases/{Case}/documents/{_uploaded:D}/content",
                Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf)),
                Sha512 = Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(Pdf)), Size = (long)Pdf.Length, Created = created });
        await connection.ExecuteAsync("INSERT INTO case_document_content (document_id, content) VALUES (@Id, @Content)", new { Id = _uploaded, Content = Pdf });
    }

    [OneTimeTearDown]
    public void DisposeAnonymousClient() => _anonymous?.Dispose();

    [Test]
    public async Task Walking_from_the_system_reaches_the_seed_case_its_route_meetings_agenda_and_document()
    {
        var walk = await OParlConformance.WalkAsync(_anonymous, Root + "/system", Root, Canaries);

        walk.Failures.ShouldBeEmpty();
        var ids = walk.Objects.Values.Where(o => !OParlConformance.IsTombstone(o))
            .GroupBy(OParlConformance.ShortType).ToDictionary(g => g.Key, g => g.Select(o => o["id"]!.GetValue<string>()).ToHashSet());
        ids["Paper"].ShouldBe([$"{BodyUrl}/paper/{Case}"]);
        ids["Meeting"].ShouldBe([$"{BodyUrl}/meeting/{KkrMeeting}", $"{BodyUrl}/meeting/{BrnMeeting}", $"{BodyUrl}/meeting/{KkrMeeting2022}"], ignoreOrder: true);
        ids["AgendaItem"].ShouldBe([$"{BodyUrl}/agenda-item/{KkrItem}", $"{BodyUrl}/agenda-item/{BrnItem}"], ignoreOrder: true);
        ids["Consultation"].Count.ShouldBe(3, "the seed route's three live steps, not the replaced one");
        ids["Consultation"].ShouldNotContain($"{BodyUrl}/consultation/{_supersededStep:D}");
        ids["File"].ShouldBe([$"{BodyUrl}/file/{_uploaded:D}"], "the seed's URN reference is not fetchable, so it is no File");
        walk.Downloads.Keys.ToList().ShouldBe([$"{BodyUrl}/file/{_uploaded:D}"], customMessage: "the File's accessUrl was fetched and matched its size and checksum");
        walk.Lists.Keys.ShouldContain($"{BodyUrl}/papers");
        walk.Lists.Keys.ShouldContain($"{BodyUrl}/consultations");
    }

    [Test]
    public async Task A_case_is_a_paper_with_its_reference_route_and_document()
    {
        var (paper, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/paper/{Case}", Canaries);
        paper["reference"]!.GetValue<string>().ShouldBe("KLIMA-2023-0001");
        paper["name"]!.GetValue<string>().ShouldStartWith("Model for geografisk organisering");
        paper["mainFile"]!["id"]!.GetValue<string>().ShouldBe($"{BodyUrl}/file/{_uploaded:D}");
        paper["mainFile"]!["accessUrl"]!.GetValue<string>().ShouldBe($"{BodyUrl}/file/{_uploaded:D}/download");
        paper["mainFile"]!["mimeType"]!.GetValue<string>().ShouldBe("application/pdf");
        paper["mainFile"]!["klima:documentNumber"]!.GetValue<string>().ShouldBe("3323070");
        paper.ToJsonString().ShouldNotContain($"file/{Document}", customMessage: "the URN reference is not published as a File");
        paper["mainFile"]!.AsObject().ContainsKey("paper").ShouldBeFalse("embedded objects leave out the back reference");
        var consultations = paper["consultation"]!.AsArray().Select(c => c!.AsObject()).ToList();
        consultations.Count.ShouldBe(3);
        consultations.ShouldAllBe(c => !c.ContainsKey("paper"));
        DateTimeOffset.Parse(paper["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(Superseded, "replacing a step changes the paper that embeds the route");
    }

    [Test]
    public async Task A_decision_step_links_its_meeting_and_agenda_item_and_the_item_carries_the_result()
    {
        var (step, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/consultation/{KkrStep}", Canaries);
        step["paper"]!.GetValue<string>().ShouldBe($"{BodyUrl}/paper/{Case}");
        step["meeting"]!.GetValue<string>().ShouldBe($"{BodyUrl}/meeting/{KkrMeeting}");
        step["agendaItem"]!.GetValue<string>().ShouldBe($"{BodyUrl}/agenda-item/{KkrItem}");
        step["organization"]!.AsArray()[0]!.GetValue<string>().ShouldBe($"{BodyUrl}/organization/{Kkr}");
        step["authoritative"]!.GetValue<bool>().ShouldBeTrue();
        step["role"]!.GetValue<string>().ShouldBe("Beslutning");

        var (item, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/agenda-item/{KkrItem}", Canaries);
        item["meeting"]!.GetValue<string>().ShouldBe($"{BodyUrl}/meeting/{KkrMeeting}");
        item["order"]!.GetValue<int>().ShouldBe(1);
        item["number"]!.GetValue<string>().ShouldBe("1");
        item["public"]!.GetValue<bool>().ShouldBeTrue();
        item["result"]!.GetValue<string>().ShouldBe("Godkendt");
        item["resolutionText"]!.GetValue<string>().ShouldStartWith("Godkendt");
        item["consultation"]!.GetValue<string>().ShouldBe($"{BodyUrl}/consultation/{KkrStep}");

        var (meeting, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/meeting/{KkrMeeting}", Canaries);
        meeting["organization"]!.AsArray().Select(o => o!.GetValue<string>()).ShouldBe([$"{BodyUrl}/organization/{Kkr}"]);
        meeting["meetingState"]!.GetValue<string>().ShouldBe("Afholdt");
        meeting["klima:date"]!.GetValue<string>().ShouldBe("2023-02-10");
        // Klima holds the date only: start and end span that day in Danish time (winter: +01:00), no hour is invented.
        meeting["start"]!.GetValue<string>().ShouldBe("2023-02-10T00:00:00+01:00");
        meeting["end"]!.GetValue<string>().ShouldBe("2023-02-11T00:00:00+01:00");
        meeting.ContainsKey("cancelled").ShouldBeFalse();
        meeting["agendaItem"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ShouldBe([$"{BodyUrl}/agenda-item/{KkrItem}"]);

        var (kkr, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/organization/{Kkr}", Canaries);
        var (kkrMeetings, _) = await OParlConformance.FetchAsync(_anonymous, kkr["meeting"]!.GetValue<string>(), Canaries);
        kkrMeetings["data"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ShouldBe([$"{BodyUrl}/meeting/{KkrMeeting}", $"{BodyUrl}/meeting/{KkrMeeting2022}"], ignoreOrder: true,
            "an organization's meeting list holds its own meetings only");
    }

    [Test]
    public async Task A_replaced_step_and_a_deleted_case_are_tombstones_when_syncing()
    {
        var since = Uri.EscapeDataString("2026-03-01T00:00:00+00:00");
        var (consultations, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/consultations?modified_since={since}&limit=500", Canaries);
        var replaced = consultations["data"]!.AsArray().Select(c => c!.AsObject()).ShouldHaveSingleItem();
        replaced["id"]!.GetValue<string>().ShouldBe($"{BodyUrl}/consultation/{_supersededStep:D}");
        OParlConformance.IsTombstone(replaced).ShouldBeTrue();
        replaced["modified"]!.GetValue<string>().ShouldBe("2026-03-02T08:15:00+00:00");

        var (papers, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/papers?modified_since={since}&limit=500", Canaries);
        var changed = papers["data"]!.AsArray().Select(p => p!.AsObject()).ToList();
        changed.Where(OParlConformance.IsTombstone).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe($"{BodyUrl}/paper/{_deletedCase:D}");
        changed.Where(p => !OParlConformance.IsTombstone(p)).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe($"{BodyUrl}/paper/{Case}");
        foreach (var item in changed) OParlConformance.Check(item).ShouldBeEmpty();

        var (plain, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/papers?limit=500", Canaries);
        plain["data"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ShouldBe([$"{BodyUrl}/paper/{Case}"]);

        var (atId, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/paper/{_deletedCase:D}", Canaries);
        OParlConformance.IsTombstone(atId).ShouldBeTrue();
    }

    [TestCase("papers")]
    [TestCase("consultations")]
    [TestCase("meetings")]
    [TestCase("agenda-items")]
    [TestCase("files")]
    public async Task Case_lists_take_the_date_filters(string list)
    {
        var seed = Uri.EscapeDataString("2023-04-13T00:00:00+00:00");
        var (until, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/{list}?created_until={seed}&limit=500", Canaries);
        until["data"]!.AsArray().Count.ShouldBeGreaterThan(0, "the seed's objects were created exactly then");
        var (before, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/{list}?modified_until={Uri.EscapeDataString("2023-04-12T23:59:59+00:00")}", Canaries);
        before["data"]!.AsArray().ShouldBeEmpty();
        var (future, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/{list}?created_since={Uri.EscapeDataString("2099-01-01T00:00:00+00:00")}", Canaries);
        future["data"]!.AsArray().ShouldBeEmpty();
        future["links"]!.AsObject().ContainsKey("next").ShouldBeFalse();
    }
}
