using System.Net;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.OParl;

/// <summary>
/// OParl 1.1 conformance of the public view, tried as an OParl client would: anonymous, starting from the System
/// object and following links only. The seed has no people, so the fixture plants some (with canary strings in the
/// restricted fields), plus deleted objects for the tombstone rules.
/// </summary>
public sealed class OParlConformanceTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Root = "http://localhost/oparl/v1";
    private const string Model = "01000000-0000-0000-0000-000000000001";
    private const string BodyUrl = Root + "/body/" + Model;
    private const string BrnBoard = "20000000-0000-0000-0000-000000000001";
    private const string T11 = "20000000-0000-0000-0000-000000000005";
    private const string Aalborg = "10000000-0000-0000-0000-000000000851";

    /// <summary>Planted in email, phone and notes (and a pseudonymised person's title): must never be served.</summary>
    private static readonly string[] Canaries = ["canary-mail-5f1c", "canary-phone-77d2", "canary-notes-a9e4", "canary-title-03bb"];

    private static readonly DateTimeOffset Planted = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Deleted = new(2026, 2, 1, 9, 30, 0, TimeSpan.Zero);

    private readonly Guid _mayor = Guid.CreateVersion7();
    private readonly Guid _substitute = Guid.CreateVersion7();
    private readonly Guid _pseudonymised = Guid.CreateVersion7();
    private readonly Guid _deletedPerson = Guid.CreateVersion7();
    private readonly Guid _mayorMembership = Guid.CreateVersion7();
    private readonly Guid _directorMembership = Guid.CreateVersion7();
    private readonly Guid _deletedMembership = Guid.CreateVersion7();
    private readonly Guid _deletedPersonMembership = Guid.CreateVersion7();
    private readonly Guid _deletedOrganisation = Guid.CreateVersion7();
    private readonly Guid _erased = Guid.CreateVersion7();
    private readonly Guid _erasedMembership = Guid.CreateVersion7();
    private HttpClient _anonymous = null!;
    private int _organizations;

    /// <summary>A small page size, so that walking the seed exercises paging.</summary>
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["OParl:PageSize"] = "7",
        ["RateLimiting:Enabled"] = "false",
    };

    [OneTimeSetUp]
    public async Task PlantPeopleAndTombstones()
    {
        _anonymous = CreateClient(role: null);
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var brnSeat = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM seat WHERE body_id = @Body AND ordinal = 1", new { Body = Guid.Parse(BrnBoard) });
        var t11Seat = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM seat WHERE body_id = @Body AND ordinal = 1", new { Body = Guid.Parse(T11) });

        const string person = """
            INSERT INTO person (id, name, title, organisation_id, email, phone, notes, pseudonymised_at, version, created_at, modified_at, deleted_at)
            VALUES (@Id, @Name, @Title, @Organisation, @Email, @Phone, @Notes, @Pseudonymised, 1, @Created, @Modified, @DeletedAt)
            """;
        object Person(Guid id, string name, string? title, DateTimeOffset? pseudonymised = null, DateTimeOffset? deleted = null) => new
        {
            Id = id, Name = name, Title = title, Organisation = (Guid?)Guid.Parse(Aalborg),
            Email = $"{Canaries[0]}@example.dk", Phone = $"+45 {Canaries[1]}", Notes = $"Privat: {Canaries[2]}",
            Pseudonymised = pseudonymised, Created = Planted, Modified = deleted ?? Planted, DeletedAt = deleted,
        };
        await connection.ExecuteAsync(person, Person(_mayor, "Anna Østergaard", "Borgmester"));
        await connection.ExecuteAsync(person, Person(_substitute, "Bo Bæk", "Viceborgmester"));
        await connection.ExecuteAsync(person, Person(_pseudonymised, "Person 7f2a", $"Direktør {Canaries[3]}", pseudonymised: Planted));
        await connection.ExecuteAsync(person, Person(_deletedPerson, "Slettet Person", "Rådmand", deleted: Deleted));

        const string membership = """
            INSERT INTO membership (id, seat_id, person_id, valid_from, valid_to, appointed_by_decision_ref, substitute_person_id,
                                    tied_to_election_term, end_reason, version, created_at, modified_at, deleted_at)
            VALUES (@Id, @Seat, @Person, @From, @To, @Decision, @Substitute, @Tied, NULL, 1, @Created, @Modified, @DeletedAt)
            """;
        object Membership(Guid id, Guid seat, Guid holder, DateOnly from, DateOnly? to, Guid? substitute = null, DateTimeOffset? deleted = null) => new
        {
            Id = id, Seat = seat, Person = holder, From = from, To = to, Decision = "SAG-2022-00042", Substitute = substitute, Tied = to is not null,
            Created = Planted, Modified = deleted ?? Planted, DeletedAt = deleted,
        };
        await connection.ExecuteAsync(membership, Membership(_mayorMembership, brnSeat, _mayor, new DateOnly(2022, 1, 1), new DateOnly(2026, 1, 1), _substitute));
        await connection.ExecuteAsync(membership, Membership(_directorMembership, t11Seat, _pseudonymised, new DateOnly(2023, 3, 1), null));
        await connection.ExecuteAsync(membership, Membership(_deletedMembership, t11Seat, _mayor, new DateOnly(2023, 1, 1), null, deleted: Deleted));
        await connection.ExecuteAsync(membership, Membership(_deletedPersonMembership, brnSeat, _deletedPerson, new DateOnly(2026, 1, 1), null));

        // Erased through the API by one test; until then an ordinary member.
        await connection.ExecuteAsync(person, Person(_erased, "Carla Canarysen", "Teknisk direktør"));
        var t11Seat2 = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM seat WHERE body_id = @Body AND ordinal = 2", new { Body = Guid.Parse(T11) });
        await connection.ExecuteAsync(membership, Membership(_erasedMembership, t11Seat2, _erased, new DateOnly(2024, 1, 1), null));

        await connection.ExecuteAsync("""
            INSERT INTO organisation (id, kind, name, short_name, version, created_at, modified_at, deleted_at)
            VALUES (@Id, 'other', 'Nedlagt Partner', 'NP', 2, @Created, @DeletedAt, @DeletedAt)
            """, new { Id = _deletedOrganisation, Created = Planted, DeletedAt = Deleted });
        await connection.ExecuteAsync("""
            INSERT INTO governance_model_party (governance_model_id, organisation_id, role) VALUES (@Model, @Organisation, 'member')
            """, new { Model = Guid.Parse(Model), Organisation = _deletedOrganisation });

        // What the view must show as Organizations: the model's bodies and its (live) parties.
        _organizations = await connection.ExecuteScalarAsync<int>("""
            SELECT (SELECT COUNT(*) FROM body WHERE governance_model_id = @Model AND deleted_at IS NULL)
                 + (SELECT COUNT(*) FROM governance_model_party p JOIN organisation o ON o.id = p.organisation_id
                    WHERE p.governance_model_id = @Model AND o.deleted_at IS NULL)
            """, new { Model = Guid.Parse(Model) });
    }

    [OneTimeTearDown]
    public void DisposeAnonymousClient() => _anonymous?.Dispose();

    private static string PersonUrl(Guid id) => $"{BodyUrl}/person/{id:D}";
    private static string MembershipUrl(Guid id) => $"{BodyUrl}/membership/{id:D}";

    [Test]
    public async Task Walking_from_the_system_by_links_alone_reaches_every_public_object_and_each_is_valid()
    {
        var walk = await OParlConformance.WalkAsync(_anonymous, Root + "/system", Root, Canaries);

        walk.Failures.ShouldBeEmpty();
        var byType = walk.Objects.Values.Where(o => !OParlConformance.IsTombstone(o))
            .GroupBy(OParlConformance.ShortType).ToDictionary(g => g.Key, g => g.Select(o => o["id"]!.GetValue<string>()).ToHashSet());
        byType["System"].ShouldBe([Root + "/system"]);
        byType["Body"].ShouldBe([BodyUrl]);
        byType["LegislativeTerm"].Count.ShouldBe(3);
        byType["Organization"].Count.ShouldBe(_organizations, "the model's bodies and parties");
        _organizations.ShouldBeGreaterThanOrEqualTo(11 + 17, "at least the 11 bodies and the 17 parties of the seed");
        byType["Organization"].ShouldContain($"{BodyUrl}/organization/{BrnBoard}");
        byType["Organization"].ShouldContain($"{BodyUrl}/party/{Aalborg}");
        // (The erasure test may have run first: Carla is then gone too, so she is not asserted either way here.)
        byType["Person"].ShouldContain(PersonUrl(_mayor));
        byType["Person"].ShouldContain(PersonUrl(_substitute));
        byType["Person"].ShouldNotContain(PersonUrl(_pseudonymised), "an erased person has left the view");
        byType["Person"].ShouldNotContain(PersonUrl(_deletedPerson));
        byType["Membership"].ShouldContain(MembershipUrl(_mayorMembership));
        byType["Membership"].ShouldNotContain(MembershipUrl(_directorMembership), "a membership of an erased person counts as deleted");
        byType["Membership"].ShouldNotContain(MembershipUrl(_deletedPersonMembership), "a membership of a deleted person counts as deleted");
        walk.Objects.Values.ShouldNotContain(o => OParlConformance.IsTombstone(o), "without modified_since, lists hold no deleted objects");
        walk.Lists.Keys.ShouldContain($"{BodyUrl}/organizations");
        walk.Lists[$"{BodyUrl}/organizations"].Count.ShouldBe(_organizations);
    }

    [Test]
    public async Task A_membership_maps_seat_role_voting_right_representation_and_an_inclusive_end_date()
    {
        var (membership, _) = await OParlConformance.FetchAsync(_anonymous, MembershipUrl(_mayorMembership), Canaries);
        membership["person"]!.GetValue<string>().ShouldBe(PersonUrl(_mayor));
        membership["organization"]!.GetValue<string>().ShouldBe($"{BodyUrl}/organization/{BrnBoard}");
        membership["votingRight"]!.GetValue<bool>().ShouldBeTrue();
        membership["onBehalfOf"]!.GetValue<string>().ShouldBe($"{BodyUrl}/party/{Aalborg}");
        membership["startDate"]!.GetValue<string>().ShouldBe("2022-01-01");
        membership["endDate"]!.GetValue<string>().ShouldBe("2025-12-31", "Klima's valid_to is exclusive; OParl's endDate is the last day");
        membership["role"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        membership["klima:substitute"]!.GetValue<string>().ShouldBe(PersonUrl(_substitute));
        membership["klima:appointedBy"]!.GetValue<string>().ShouldBe($"{BodyUrl}/party/{Aalborg}");
        membership["klima:seat"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();

        var (open, _) = await OParlConformance.FetchAsync(_anonymous, MembershipUrl(_directorMembership), Canaries);
        open.ContainsKey("endDate").ShouldBeFalse("an open-ended membership has no endDate (omitted, not null)");
    }

    [Test]
    public async Task A_person_shows_name_and_position_and_an_erased_person_is_a_deleted_object()
    {
        var (mayor, _) = await OParlConformance.FetchAsync(_anonymous, PersonUrl(_mayor), Canaries);
        mayor["name"]!.GetValue<string>().ShouldBe("Anna Østergaard");
        mayor["status"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["Borgmester"]);
        var memberships = mayor["membership"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()).ToList();
        memberships.ShouldBe([MembershipUrl(_mayorMembership)], "live memberships only, embedded without the person back reference");
        mayor["membership"]![0]!.AsObject().ContainsKey("person").ShouldBeFalse();
        mayor.ContainsKey("email").ShouldBeFalse();
        mayor.ContainsKey("phone").ShouldBeFalse();

        // Spec 2.8 and Klima's rule: an object that leaves the public view (an erased person) is deleted there.
        var (pseudonymised, _) = await OParlConformance.FetchAsync(_anonymous, PersonUrl(_pseudonymised), Canaries);
        OParlConformance.IsTombstone(pseudonymised).ShouldBeTrue();
        pseudonymised.Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(["created", "deleted", "id", "modified", "type"]);
        pseudonymised["created"]!.GetValue<string>().ShouldBe("2026-01-05T10:00:00+00:00");
    }

    [Test]
    public async Task Bodies_and_parties_carry_Danish_types_and_the_host_as_parent()
    {
        var (board, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/organization/{BrnBoard}", Canaries);
        board["organizationType"]!.GetValue<string>().ShouldBe("Organ");
        board["classification"]!.GetValue<string>().ShouldBe("Bestyrelse");
        board["subOrganizationOf"]!.GetValue<string>().ShouldBe($"{BodyUrl}/party/10000000-0000-0000-0000-000000000001");
        board["post"]!.AsArray().Count.ShouldBeGreaterThan(0);
        board["klima:seat"]!.AsArray()[0]!["votingRight"]!.GetValue<bool>().ShouldBeTrue();
        board["membership"]!.AsArray().Select(m => m!.GetValue<string>())
            .ShouldBe([MembershipUrl(_mayorMembership)], "live memberships only: not the deleted person's");

        var (aalborg, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/party/{Aalborg}", Canaries);
        aalborg["classification"]!.GetValue<string>().ShouldBe("Kommune");
        aalborg["klima:municipalityCode"]!.GetValue<string>().ShouldBe("851");
    }

    [Test]
    public async Task Erasing_a_person_through_the_API_makes_them_and_their_memberships_deleted_objects()
    {
        var person = _erased;
        var (before, _) = await OParlConformance.FetchAsync(_anonymous, PersonUrl(person), Canaries);
        before["name"]!.GetValue<string>().ShouldBe("Carla Canarysen");

        using var erased = await Client.PostAsync($"/api/people/{person:D}/erase", null);
        erased.IsSuccessStatusCode.ShouldBeTrue(await erased.Content.ReadAsStringAsync());

        var (after, text) = await OParlConformance.FetchAsync(_anonymous, PersonUrl(person), [.. Canaries, "Carla", "carla@", "Anonymiseret"]);
        OParlConformance.IsTombstone(after).ShouldBeTrue();
        OParlConformance.Check(after).ShouldBeEmpty();
        var erasedAt = DateTimeOffset.Parse(after["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        erasedAt.ShouldBeGreaterThan(Planted);

        // A syncing client learns it from the lists, with the membership that named the person.
        var since = Uri.EscapeDataString(erasedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        var (people, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/people?modified_since={since}&limit=500", [.. Canaries, "Carla"]);
        people["data"]!.AsArray().Select(o => o!.AsObject()).Where(OParlConformance.IsTombstone).Select(o => o["id"]!.GetValue<string>()).ShouldContain(PersonUrl(person));
        var (membership, _) = await OParlConformance.FetchAsync(_anonymous, MembershipUrl(_erasedMembership), Canaries);
        OParlConformance.IsTombstone(membership).ShouldBeTrue();
    }

    [TestCase("organizations", 5)]
    [TestCase("organizations", 7)]
    [TestCase("organizations", 500)]
    [TestCase("people", 1)]
    [TestCase("legislative-terms", 2)]
    public async Task Lists_page_to_the_end_in_a_stable_order(string list, int limit)
    {
        async Task<List<string>> Collect()
        {
            var ids = new List<string>();
            string? next = $"{BodyUrl}/{list}?limit={limit}";
            var total = -1;
            while (next is not null)
            {
                var (page, _) = await OParlConformance.FetchAsync(_anonymous, next, Canaries);
                total = page["pagination"]!["totalElements"]!.GetValue<int>();
                page["pagination"]!["elementsPerPage"]!.GetValue<int>().ShouldBe(limit);
                ids.AddRange(page["data"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
                next = page["links"]!["next"]?.GetValue<string>();
                next?.ShouldContain($"limit={limit}", customMessage: "the next link keeps the client's parameters");
            }
            ids.Count.ShouldBe(total);
            return ids;
        }

        var first = await Collect();
        first.ShouldBeUnique();
        (await Collect()).ShouldBe(first, "the same order every time");
    }

    [Test]
    public async Task Date_filters_select_by_created_and_modified_and_are_inclusive_at_whole_seconds()
    {
        static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        async Task<List<JsonObject>> All(string url)
        {
            var items = new List<JsonObject>();
            string? next = url;
            while (next is not null)
            {
                var (page, _) = await OParlConformance.FetchAsync(_anonymous, next, Canaries);
                items.AddRange(page["data"]!.AsArray().Select(o => o!.AsObject()));
                next = page["links"]!["next"]?.GetValue<string>();
            }
            return items;
        }
        var seedTime = new DateTimeOffset(2023, 4, 13, 0, 0, 0, TimeSpan.Zero);

        var created = await All($"{BodyUrl}/organizations?created_since={Q(Planted)}");
        created.ShouldBeEmpty("the deleted organisation is the only one created since, and tombstones need modified_since");
        var seedOnly = await All($"{BodyUrl}/organizations?created_until={Q(seedTime)}");
        seedOnly.Count.ShouldBe(_organizations, "created_until is inclusive: the seed was created exactly then");
        (await All($"{BodyUrl}/organizations?created_until={Q(seedTime.AddSeconds(-1))}")).ShouldBeEmpty();

        // Offsets other than UTC mean the same instant: 11:00+01:00 is Planted.
        var local = Planted.ToOffset(TimeSpan.FromHours(1));
        var people = await All($"{BodyUrl}/people?modified_since={Q(local)}");
        people.Select(p => p["id"]!.GetValue<string>())
            .ShouldBe([PersonUrl(_mayor), PersonUrl(_substitute), PersonUrl(_pseudonymised), PersonUrl(_erased), PersonUrl(_deletedPerson)], ignoreOrder: true);
        people.Where(OParlConformance.IsTombstone).Select(p => p["id"]!.GetValue<string>())
            .ShouldBe([PersonUrl(_deletedPerson), PersonUrl(_pseudonymised)], ignoreOrder: true, customMessage: "deleted and erased people are deleted objects");
        foreach (var person in people)
        {
            DateTimeOffset.Parse(person["modified"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThanOrEqualTo(Planted);
        }
        (await All($"{BodyUrl}/people?modified_until={Q(Planted.AddSeconds(-1))}")).ShouldBeEmpty();
        (await All($"{BodyUrl}/memberships?created_since={Q(Planted)}&created_until={Q(Planted)}")).Count.ShouldBe(2,
            "the mayor's and (until the erasure test) Carla's: the erased director's and the deleted person's memberships are deleted");

        // A '+' sent unencoded arrives as a space; the filter still reads it.
        using var lenient = await _anonymous.GetAsync($"{BodyUrl}/people?modified_since=2026-01-05T11:00:00+01:00");
        (await lenient.ReadJsonAsync())["data"]!.AsArray().Count.ShouldBe(5);
    }

    [Test]
    public async Task Deleted_objects_are_tombstones_only_when_syncing_with_modified_since()
    {
        var since = Uri.EscapeDataString("2026-01-31T00:00:00+00:00");
        var (organizations, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/organizations?modified_since={since}&limit=500", Canaries);
        var changed = organizations["data"]!.AsArray().Select(o => o!.AsObject()).ToList();
        changed.Where(o => !OParlConformance.IsTombstone(o)).Select(o => o["id"]!.GetValue<string>())
            .ShouldBe([$"{BodyUrl}/organization/{BrnBoard}", $"{BodyUrl}/organization/{T11}"], ignoreOrder: true,
                customMessage: "a body whose memberships changed counts as modified");
        var tombstone = changed.Where(OParlConformance.IsTombstone).ShouldHaveSingleItem();
        tombstone["id"]!.GetValue<string>().ShouldBe($"{BodyUrl}/party/{_deletedOrganisation:D}");
        tombstone["deleted"]!.GetValue<bool>().ShouldBeTrue();
        tombstone["modified"]!.GetValue<string>().ShouldBe("2026-02-01T09:30:00+00:00");
        OParlConformance.Check(tombstone).ShouldBeEmpty();

        var (people, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/people?modified_since={since}", Canaries);
        var changedPeople = people["data"]!.AsArray().Select(o => o!.AsObject()).ToList();
        changedPeople.Where(OParlConformance.IsTombstone).ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldBe(PersonUrl(_deletedPerson));
        var changedLive = changedPeople.Where(o => !OParlConformance.IsTombstone(o)).Select(o => o["id"]!.GetValue<string>()).ToList();
        changedLive.ShouldContain(PersonUrl(_mayor), "the mayor's embedded memberships changed when one was deleted");
        changedLive.ShouldNotContain(PersonUrl(_substitute));
        var (memberships, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/memberships?modified_since={since}", Canaries);
        var deletedMemberships = memberships["data"]!.AsArray().Select(o => o!.AsObject()).ToList();
        deletedMemberships.ShouldAllBe(m => OParlConformance.IsTombstone(m));
        deletedMemberships.Select(m => m["id"]!.GetValue<string>())
            .ShouldBe([MembershipUrl(_deletedMembership), MembershipUrl(_deletedPersonMembership)], ignoreOrder: true);

        // A deleted object stays retrievable at its id, as a tombstone.
        var (person, _) = await OParlConformance.FetchAsync(_anonymous, PersonUrl(_deletedPerson), Canaries);
        OParlConformance.IsTombstone(person).ShouldBeTrue();
        person.Select(p => p.Key).Order(StringComparer.Ordinal).ToList().ShouldBe(["created", "deleted", "id", "modified", "type"], customMessage: "spec 2.8 keeps created");

        // Without modified_since they are left out.
        var (plain, _) = await OParlConformance.FetchAsync(_anonymous, $"{BodyUrl}/people?limit=500", Canaries);
        plain["data"]!.AsArray().ShouldNotContain(o => o!["id"]!.GetValue<string>() == PersonUrl(_deletedPerson));
    }

    [Test]
    public async Task A_full_sync_walk_with_modified_since_is_valid_and_leaks_nothing()
    {
        var since = Uri.EscapeDataString("2000-01-01T00:00:00+00:00");
        foreach (var list in new[] { "organizations", "people", "memberships", "legislative-terms", "meetings", "papers", "agenda-items", "consultations", "files" })
        {
            string? next = $"{BodyUrl}/{list}?modified_since={since}";
            while (next is not null)
            {
                var (page, _) = await OParlConformance.FetchAsync(_anonymous, next, Canaries);
                foreach (var item in page["data"]!.AsArray().Select(o => o!.AsObject()))
                {
                    OParlConformance.Check(item).ShouldBeEmpty();
                }
                next = page["links"]!["next"]?.GetValue<string>();
            }
        }
    }

    [Test]
    public async Task Every_response_allows_any_origin_including_errors_and_preflights()
    {
        foreach (var (url, status) in new[]
                 {
                     (Root + "/system", HttpStatusCode.OK),
                     ($"{BodyUrl}/people?modified_since=yesterday", HttpStatusCode.BadRequest),
                     ($"{BodyUrl}/people?page=abc", HttpStatusCode.BadRequest),
                     ($"{Root}/body/{Guid.NewGuid():D}", HttpStatusCode.NotFound),
                     ($"{Root}/body/{Guid.NewGuid():D}/people", HttpStatusCode.NotFound),
                     ($"{BodyUrl}/person/{Guid.NewGuid():D}", HttpStatusCode.NotFound),
                     ($"{BodyUrl}/organization/{Guid.NewGuid():D}/meetings", HttpStatusCode.NotFound),
                     (Root + "/no-such-thing", HttpStatusCode.NotFound),
                 })
        {
            using var response = await _anonymous.GetAsync(url);
            response.StatusCode.ShouldBe(status, url);
            response.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"], url);
            response.Headers.Contains("Set-Cookie").ShouldBeFalse(url);
        }

        using var preflight = new HttpRequestMessage(HttpMethod.Options, Root + "/system");
        preflight.Headers.Add("Origin", "https://ris.example.org");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        using var answer = await _anonymous.SendAsync(preflight);
        answer.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        answer.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe(["*"]);
        answer.Headers.GetValues("Access-Control-Allow-Methods").Single().ShouldContain("GET");

        using var elsewhere = await Client.GetAsync("/api/organisations");
        elsewhere.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse("CORS is opened for /oparl only");
    }

    [Test]
    public async Task Every_OParl_endpoint_is_public_read_only_and_declares_no_permission()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/oparl/", StringComparison.Ordinal) == true).ToList();
        endpoints.Count.ShouldBeGreaterThan(10);
        foreach (var endpoint in endpoints)
        {
            endpoint.Metadata.GetMetadata<PublicEndpoint>().ShouldNotBeNull(endpoint.RoutePattern.RawText);
            endpoint.Metadata.GetMetadata<RequiredPermission>().ShouldBeNull(endpoint.RoutePattern.RawText);
            // The one write route exists only to answer 405 to anyone.
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != "oparlReadOnly")
            {
                endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.ShouldBe(["GET"], endpoint.RoutePattern.RawText);
            }
        }

        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
        {
            using var request = new HttpRequestMessage(method, Root + "/system") { Content = new StringContent("{}") };
            using var response = await _anonymous.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed, $"{method} answers 405: the view is read-only");
            response.Content.Headers.Allow.ShouldBe(["GET"]);
        }
    }

    [Test]
    public async Task Ids_never_follow_the_Host_header_a_client_sends()
    {
        using var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://evil.example:8443"),
        });
        var system = await client.GetStringAsync("/oparl/v1/system");
        var json = JsonNode.Parse(system)!;
        json["id"]!.GetValue<string>().ShouldBe(Root + "/system", "unset, Klima:PublicBaseUrl is http://localhost");
        json["body"]!.GetValue<string>().ShouldBe(Root + "/bodies");
        system.ShouldNotContain("evil.example");
    }
}
