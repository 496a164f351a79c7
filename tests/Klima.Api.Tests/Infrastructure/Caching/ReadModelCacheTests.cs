using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Dapper;
using Klima.Api.Features.ApiKeys;
using Klima.Api.Features.Bodies;
using Klima.Api.Features.Cases;
using Klima.Api.Features.Organisations;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Infrastructure.Caching;

/// <summary>
/// The read-model cache (Infrastructure/Caching): answers come from cached serialized responses keyed by the data version,
/// so a write on any instance or connection is never answered stale, If-None-Match answers 304 while nothing changed, and
/// one caller's view is never served to another.
/// </summary>
public sealed class ReadModelCacheTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<OrganisationResponse> CreateOrganisationAsync(string name)
    {
        using var created = await PostAsync("/api/organisations", new { kind = "foundation", name });
        await created.ShouldHaveStatus(HttpStatusCode.Created);
        return await created.ReadAsync<OrganisationResponse>();
    }

    private async Task<long> DataVersionAsync()
    {
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await DataVersion.ReadAsync(connection, CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> GetWithIfNoneMatchAsync(HttpClient client, string url, string tag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("If-None-Match", tag);
        return await client.SendAsync(request);
    }

    [Test]
    public async Task A_write_acknowledged_by_another_instance_is_never_answered_stale()
    {
        var organisation = await CreateOrganisationAsync("Cachefonden");
        var url = $"/api/organisations/{organisation.Id}";
        // Read twice on this instance, so the second answer comes from its cache.
        (await GetAsync<OrganisationResponse>(url)).Name.ShouldBe("Cachefonden");
        using var cached = await Client.GetAsync(url);
        await cached.ShouldHaveStatus(HttpStatusCode.OK);

        await using var otherInstance = new KlimaApiFactory(Database);
        using var other = otherInstance.CreateClient();
        other.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        using var update = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(new { kind = "foundation", name = "Cachefonden A/S" }, options: Json) };
        update.Headers.TryAddWithoutValidation("If-Match", cached.ETag());
        using var updated = await other.SendAsync(update);
        await updated.ShouldHaveStatus(HttpStatusCode.OK);

        var read = await GetAsync<OrganisationResponse>(url);
        read.Name.ShouldBe("Cachefonden A/S");
        read.Version.ShouldBe(2);
    }

    [Test]
    public async Task A_write_on_another_connection_moves_the_data_version_and_the_next_read_sees_it()
    {
        var organisation = await CreateOrganisationAsync("Direkte fonden");
        var url = $"/api/organisations/{organisation.Id}";
        (await GetAsync<OrganisationResponse>(url)).Name.ShouldBe("Direkte fonden");
        var before = await DataVersionAsync();

        // Straight SQL on a connection of its own, outside any handler: the audit log's trigger moves the version.
        await using (var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            (await connection.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = "Direkte fonden II", organisation.Id })).ShouldBe(1);
        }

        (await DataVersionAsync()).ShouldBeGreaterThan(before);
        (await GetAsync<OrganisationResponse>(url)).Name.ShouldBe("Direkte fonden II");
    }

    [Test]
    public async Task A_write_the_audit_log_leaves_out_still_moves_the_data_version()
    {
        var organisation = await CreateOrganisationAsync("Versionsfonden");
        var url = $"/api/organisations/{organisation.Id}";
        (await GetAsync<OrganisationResponse>(url)).Version.ShouldBe(1);

        // Only the version moves: no audit row (AuditTriggers.VersionColumns), but the write transaction moves the data version.
        await using (var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        await using (var transaction = await connection.BeginWriteAsync(CancellationToken.None))
        {
            (await connection.ExecuteAsync("UPDATE organisation SET version = version + 1 WHERE id = @Id", new { organisation.Id }, transaction)).ShouldBe(1);
            await transaction.CommitAsync();
        }

        (await GetAsync<OrganisationResponse>(url)).Version.ShouldBe(2);
    }

    [Test]
    public async Task If_None_Match_answers_304_until_anything_changes_and_If_Match_reads_the_leading_version()
    {
        var url = $"/api/bodies/{NorthJutland.Kkr}";
        using var first = await Client.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var body = await first.ReadAsync<BodyDetailResponse>();
        var tag = first.ETag();
        // The body's own version, then the data version, the day and the caller.
        tag.ShouldStartWith($"\"{body.Version}.");
        tag.Split('.').Length.ShouldBe(4);

        using (var unchanged = await GetWithIfNoneMatchAsync(Client, url, tag))
        {
            unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified);
            unchanged.ETag().ShouldBe(tag);
        }

        // A change anywhere (here an organisation) makes the copy the client holds unconfirmable: a full answer follows.
        await CreateOrganisationAsync("Ændringsfonden");
        using (var changed = await GetWithIfNoneMatchAsync(Client, url, tag))
        {
            await changed.ShouldHaveStatus(HttpStatusCode.OK);
            changed.ETag().ShouldNotBe(tag);
            changed.ETag().ShouldStartWith($"\"{body.Version}.");
        }

        // The read model's tag works as If-Match on an update: its leading number is the resource's version.
        var organisation = await CreateOrganisationAsync("Tagfonden");
        var organisationUrl = $"/api/organisations/{organisation.Id}";
        using var read = await Client.GetAsync(organisationUrl);
        var readTag = read.ETag();
        readTag.ShouldStartWith("\"1.");
        using var updated = await SendAsync(HttpMethod.Put, organisationUrl, new { kind = "foundation", name = "Tagfonden A/S" }, readTag);
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        using var stale = await SendAsync(HttpMethod.Put, organisationUrl, new { kind = "foundation", name = "Tagfonden igen" }, readTag);
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
    }

    [Test]
    public async Task A_cached_view_is_never_served_to_a_caller_who_may_not_see_it()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        using var anonymous = CreateClient(null);
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        var url = $"/api/cases/{own.Id}";

        // Cached for the owner and for an administrator, twice each.
        for (var i = 0; i < 2; i++)
        {
            (await aalborg.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await Client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await frederikshavn.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await anonymous.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Nor does a tag learnt by another caller open a 304 for one who may not see the case.
        using var owners = await aalborg.GetAsync(url);
        using var probe = await GetWithIfNoneMatchAsync(frederikshavn, url, owners.ETag());
        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Test]
    public void The_caller_key_differs_by_every_claim_and_is_shared_by_anonymous_callers()
    {
        static ClaimsPrincipal Caller(params (string Type, string Value)[] claims) =>
            new(new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value)), "Test"));

        var aalborg = Caller((ClaimTypes.Name, "system"), (Permissions.ClaimType, Permissions.CasesRead), (Permissions.OrganisationClaimType, Seed.Aalborg.ToString()));
        var frederikshavn = Caller((ClaimTypes.Name, "system"), (Permissions.ClaimType, Permissions.CasesRead), (Permissions.OrganisationClaimType, Seed.Frederikshavn.ToString()));
        var sameAsAalborgInAnotherOrder = Caller((Permissions.OrganisationClaimType, Seed.Aalborg.ToString()), (Permissions.ClaimType, Permissions.CasesRead), (ClaimTypes.Name, "system"));

        ReadModelCachePolicy.CallerKey(aalborg).ShouldNotBe(ReadModelCachePolicy.CallerKey(frederikshavn));
        ReadModelCachePolicy.CallerKey(aalborg).ShouldBe(ReadModelCachePolicy.CallerKey(sameAsAalborgInAnotherOrder));
        ReadModelCachePolicy.CallerKey(new ClaimsPrincipal(new ClaimsIdentity())).ShouldBe("anonymous");
    }

    [Test]
    public void The_vary_value_differs_by_version_day_caller_and_each_header_however_the_headers_are_split()
    {
        var values = new[]
        {
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "application/json", "da"),
            ReadModelCachePolicy.VaryValue(4, 812, "abc", "application/json", "da"),
            ReadModelCachePolicy.VaryValue(3, 813, "abc", "application/json", "da"),
            ReadModelCachePolicy.VaryValue(3, 812, "abd", "application/json", "da"),
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "text/csv", "da"),
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "application/json", "en"),
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "application/json", ""),
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "", "application/json"),
            // The same text split differently between the two headers.
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "a2:b", "c"),
            ReadModelCachePolicy.VaryValue(3, 812, "abc", "a", "2:bc"),
            ReadModelCachePolicy.VaryValue(31, 2, "abc", "application/json", "da"),
        };
        values.Distinct(StringComparer.Ordinal).Count().ShouldBe(values.Length);
        ReadModelCachePolicy.VaryValue(3, 812, "abc", "text/csv", "da").ShouldBe(ReadModelCachePolicy.VaryValue(3, 812, "abc", "text/csv", "da"));
    }

    [Test]
    public async Task One_url_cached_as_JSON_and_as_CSV_answers_each_by_its_Accept_header()
    {
        var url = $"/api/financing/rollups?programmeId={Klima.Api.Tests.Features.Financing.Seeded.Dk2020}&groupBy=period,payer&granularity=year";
        for (var i = 0; i < 3; i++)
        {
            using var json = await Client.GetAsync(url);
            await json.ShouldHaveStatus(HttpStatusCode.OK);
            json.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Accept.Add(new System.Net.Http.Headers.MediaTypeWithQualityHeaderValue("text/csv"));
            using var csv = await Client.SendAsync(request);
            await csv.ShouldHaveStatus(HttpStatusCode.OK);
            csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
            (await csv.Content.ReadAsStringAsync()).ShouldNotStartWith("{");
        }
    }

    private HttpClient WithApiKey(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        return client;
    }

    private async Task<HttpClient> CaseSystemAsync(Guid organisation)
    {
        using var response = await PostAsync("/api/api-keys", new { name = "Cache " + Guid.NewGuid().ToString("N")[..6], scopes = new[] { "cases:read", "cases:write", "governance:read" }, organisationId = organisation });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return WithApiKey((await response.ReadAsync<IssuedApiKey>()).Key);
    }

    [Test]
    public async Task Two_api_keys_with_different_claims_never_share_a_cached_answer_though_each_key_is_hashed_once()
    {
        // Each key's caller key is remembered per key record (CallerKeys); two keys that differ only by organisation must
        // still land on different entries, however often each reads.
        using var aalborg = await CaseSystemAsync(Seed.Aalborg);
        using var frederikshavn = await CaseSystemAsync(Seed.Frederikshavn);
        var own = await aalborg.CreateCaseAsync(Seed.NewCase("municipal"));
        var url = $"/api/cases/{own.Id}";
        for (var i = 0; i < 3; i++)
        {
            (await aalborg.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await frederikshavn.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        // Their tags differ too (the variant holds the caller key), so neither opens a 304 for the other.
        using var owners = await aalborg.GetAsync(url);
        using var probe = await GetWithIfNoneMatchAsync(frederikshavn, url, owners.ETag());
        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var again = await GetWithIfNoneMatchAsync(aalborg, url, owners.ETag());
        again.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Test]
    public async Task A_write_from_a_second_instance_moves_what_the_first_serves_to_an_api_key()
    {
        using var system = await CaseSystemAsync(Seed.Aalborg);
        var url = $"/api/bodies/{NorthJutland.Kkr}";
        using var first = await system.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        var name = (await first.ReadAsync<BodyDetailResponse>()).Name;
        using (var cached = await system.GetAsync(url))
        {
            await cached.ShouldHaveStatus(HttpStatusCode.OK);
            cached.ETag().ShouldBe(first.ETag());
            cached.Content.Headers.ContentLength.ShouldBe((await first.Content.ReadAsByteArrayAsync()).Length);
        }

        await using var otherInstance = new KlimaApiFactory(Database);
        await using (var connection = await otherInstance.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            (await connection.ExecuteAsync("UPDATE body SET name = @Name WHERE id = @Id", new { Name = name + " (ny)", Id = Guid.Parse(NorthJutland.Kkr) })).ShouldBe(1);
        }

        using var after = await system.GetAsync(url);
        await after.ShouldHaveStatus(HttpStatusCode.OK);
        (await after.ReadAsync<BodyDetailResponse>()).Name.ShouldBe(name + " (ny)");
        after.ETag().ShouldNotBe(first.ETag());
    }

    /// <summary>
    /// Changes an organisation's name behind the cache's back: the audit trigger moves the data version, which is then set
    /// back, so a request keyed by the old version can only see the old name if it is answered from the cache.
    /// </summary>
    private async Task RenameWithoutMovingTheVersionAsync(Guid organisation, string name)
    {
        var before = await DataVersionAsync();
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        (await connection.ExecuteAsync("UPDATE organisation SET name = @Name WHERE id = @Id", new { Name = name, Id = organisation })).ShouldBe(1);
        await connection.ExecuteAsync("UPDATE data_version SET version = @Version WHERE id = 1", new { Version = before });
        (await DataVersionAsync()).ShouldBe(before);
    }

    [Test]
    public async Task A_hit_is_the_stored_answer_sent_with_its_length_and_the_handlers_headers()
    {
        var organisation = await CreateOrganisationAsync("Gemtefonden");
        var url = $"/api/organisations/{organisation.Id}";
        using var miss = await Client.GetAsync(url);
        await miss.ShouldHaveStatus(HttpStatusCode.OK);
        var stored = await miss.Content.ReadAsByteArrayAsync();

        await RenameWithoutMovingTheVersionAsync(organisation.Id, "Ændret bag cachen");
        using var hit = await Client.GetAsync(url);
        await hit.ShouldHaveStatus(HttpStatusCode.OK);
        (await hit.Content.ReadAsByteArrayAsync()).ShouldBe(stored);
        hit.Content.Headers.ContentLength.ShouldBe(stored.Length);
        hit.Content.Headers.ContentType!.ToString().ShouldBe(miss.Content.Headers.ContentType!.ToString());
        hit.ETag().ShouldBe(miss.ETag());
        (await hit.ReadAsync<OrganisationResponse>()).Name.ShouldBe("Gemtefonden");

        // HEAD answers like the hit without a body.
        using var head = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        await head.ShouldHaveStatus(HttpStatusCode.OK);
        head.ETag().ShouldBe(miss.ETag());
        head.Content.Headers.ContentLength.ShouldBe(stored.Length);
        (await head.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();

        // Any write moves the version: the next request misses and sees the change.
        await CreateOrganisationAsync("Flyttefonden");
        (await GetAsync<OrganisationResponse>(url)).Name.ShouldBe("Ændret bag cachen");
    }

    [Test]
    public async Task An_answer_larger_than_the_cache_size_limit_is_answered_but_not_kept()
    {
        var organisation = await CreateOrganisationAsync("Pladsfonden");
        var url = $"/api/organisations/{organisation.Id}";
        await using var small = new KlimaApiFactory(Database, new Dictionary<string, string?> { ["ReadModels:SizeLimitBytes"] = "64" });
        using var client = small.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthHandler.RoleHeader, Roles.Administrator);
        using (var first = await client.GetAsync(url))
        {
            await first.ShouldHaveStatus(HttpStatusCode.OK);
            (await first.Content.ReadAsStringAsync()).ShouldContain("Pladsfonden");
        }

        // Only a kept answer could still show the old name: over the limit, the handler answers every time.
        await RenameWithoutMovingTheVersionAsync(organisation.Id, "Ny plads");
        using var second = await client.GetAsync(url);
        await second.ShouldHaveStatus(HttpStatusCode.OK);
        (await second.ReadAsync<OrganisationResponse>()).Name.ShouldBe("Ny plads");
    }

    [Test]
    public async Task Concurrent_misses_of_one_key_all_get_the_same_answer()
    {
        var organisation = await CreateOrganisationAsync("Samtidighedsfonden");
        var url = $"/api/organisations/{organisation.Id}";
        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(async _ =>
        {
            using var response = await Client.GetAsync(url);
            await response.ShouldHaveStatus(HttpStatusCode.OK);
            return (Body: await response.Content.ReadAsStringAsync(), Tag: response.ETag());
        }));
        answers.Select(a => a.Body).Distinct().Count().ShouldBe(1);
        answers.Select(a => a.Tag).Distinct().Count().ShouldBe(1);
        answers[0].Body.ShouldContain("Samtidighedsfonden");
    }

    [Test]
    public async Task An_answer_other_than_200_is_not_kept_and_the_next_read_of_the_key_is()
    {
        var organisation = await CreateOrganisationAsync("Betingetfonden");
        var url = $"/api/organisations/{organisation.Id}";
        using var first = await Client.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        // The handler's own tag (its version alone, as an update's If-Match would hold it) answers 304 from the handler
        // itself; that answer is not kept for the key, though the key has no If-None-Match in it.
        await CreateOrganisationAsync("Versionsskifte");
        using (var own = await GetWithIfNoneMatchAsync(Client, url, "\"1\""))
        {
            own.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }
        using var full = await Client.GetAsync(url);
        await full.ShouldHaveStatus(HttpStatusCode.OK);
        var stored = await full.Content.ReadAsStringAsync();
        stored.ShouldContain("Betingetfonden");

        // Now kept: a change made without moving the version is not seen.
        await RenameWithoutMovingTheVersionAsync(organisation.Id, "Betingetfonden II");
        using var hit = await Client.GetAsync(url);
        (await hit.Content.ReadAsStringAsync()).ShouldBe(stored);
    }

    [Test]
    public void The_key_holds_the_host_path_and_query_then_the_vary_value()
    {
        static string Key(string path, string query, string accept)
        {
            var http = new Microsoft.AspNetCore.Http.DefaultHttpContext();
            http.Request.Host = new Microsoft.AspNetCore.Http.HostString("klima.example:8443");
            http.Request.Path = path;
            http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
            http.Request.Headers.Accept = accept;
            http.Request.Headers.AcceptLanguage = "da";
            return ReadModelCachePolicy.Key(http.Request, ReadModelStateFor(http));
        }

        var keys = new[]
        {
            Key("/api/bodies/1", "", "application/json"),
            Key("/api/bodies/1", "?asOf=2026-01-01", "application/json"),
            Key("/api/bodies/1", "?asOf=2026-01-02", "application/json"),
            Key("/api/bodies/2", "", "application/json"),
            Key("/api/bodies/1", "", "text/csv"),
        };
        keys.Distinct(StringComparer.Ordinal).Count().ShouldBe(keys.Length);
        keys[1].ShouldBe("klima.example:8443/api/bodies/1?asOf=2026-01-01 " + ReadModelCachePolicy.VaryValue(7, 812, "anonymous", "application/json", "da"));
        // No control character: the cache refuses such keys.
        keys.ShouldAllBe(k => !k.Any(char.IsControl));
    }

    private static ReadModelState ReadModelStateFor(Microsoft.AspNetCore.Http.HttpContext http) => ReadModelState.For(7, 812, "anonymous", http.Request);

    [Test]
    public void A_remembered_caller_key_holds_only_for_the_same_principal_with_the_same_claims()
    {
        static List<Claim> Claims(string organisation) =>
            [new Claim(ClaimTypes.Name, "system"), new Claim(Permissions.OrganisationClaimType, organisation)];

        var record = new object();
        var claims = Claims(Seed.Aalborg.ToString());
        var key = CallerKeys.ForRecord(record, claims, "ApiKey");
        key.ShouldBe(ReadModelCachePolicy.ComputeCallerKey(new ClaimsPrincipal(new ClaimsIdentity(Claims(Seed.Aalborg.ToString()), "ApiKey"))));
        var aalborg = new ClaimsPrincipal(CallerKeys.Identity(claims, "ApiKey", key));
        ReadModelCachePolicy.CallerKey(aalborg).ShouldBe(key);
        ReadModelCachePolicy.ComputeCallerKey(aalborg).ShouldBe(key);

        // The same record yields the remembered key without hashing again (even if handed other claims: it is per record).
        CallerKeys.ForRecord(record, Claims(Seed.Frederikshavn.ToString()), "ApiKey").ShouldBe(key);
        // Another authentication type is another key.
        CallerKeys.ForRecord(record, claims, "Bearer").ShouldNotBe(key);

        // A principal with other claims never borrows the key: without a keyed identity it is hashed from its own claims.
        var frederikshavn = new ClaimsPrincipal(new ClaimsIdentity(Claims(Seed.Frederikshavn.ToString()), "ApiKey"));
        CallerKeys.Remembered(frederikshavn).ShouldBeNull();
        ReadModelCachePolicy.CallerKey(frederikshavn).ShouldNotBe(key);

        // A claim or an identity added after authentication drops the memo.
        aalborg.Identities.First().AddClaim(new Claim(Permissions.ClaimType, Permissions.CasesWrite));
        CallerKeys.Remembered(aalborg).ShouldBeNull();
        ReadModelCachePolicy.CallerKey(aalborg).ShouldNotBe(key);
        var widened = new ClaimsPrincipal(CallerKeys.Identity(Claims(Seed.Aalborg.ToString()), "ApiKey", key));
        CallerKeys.Remembered(widened).ShouldBe(key);
        widened.AddIdentity(new ClaimsIdentity([new Claim(Permissions.ClaimType, Permissions.CasesWrite)], "Other"));
        CallerKeys.Remembered(widened).ShouldBeNull();
    }
}
