using System.Net;
using System.Security.Claims;
using Klima.Api.Features.ApiKeys;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Caching;
using Klima.Api.Tests.Features.Bodies;

namespace Klima.Api.Tests.Infrastructure.Auth;

/// <summary>
/// An API key's repeated requests are authenticated from a cached credential (its record, its hash as bytes and one shared,
/// frozen identity): revocation and a wrong secret still refuse at once, on the read models' cached path too.
/// </summary>
public sealed class ApiKeyAuthenticationTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<IssuedApiKey> Issue(params string[] scopes)
    {
        using var response = await PostAsync("/api/api-keys", new { name = "Cache " + Guid.NewGuid().ToString("N")[..6], scopes });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<IssuedApiKey>();
    }

    private HttpClient WithKey(string key)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "ApiKey " + key);
        return client;
    }

    [Test]
    public async Task A_revoked_key_is_refused_on_a_cached_read_model_and_its_learnt_tag_opens_no_304()
    {
        var issued = await Issue("governance:read");
        using var client = WithKey(issued.Key);
        var url = $"/api/bodies/{NorthJutland.Kkr}";
        using var first = await client.GetAsync(url);
        await first.ShouldHaveStatus(HttpStatusCode.OK);
        // The second answer comes from the read-model cache (same tag), authenticated from the cached credential.
        using var hit = await client.GetAsync(url);
        await hit.ShouldHaveStatus(HttpStatusCode.OK);
        hit.Headers.ETag!.Tag.ShouldBe(first.Headers.ETag!.Tag);

        using var revoked = await PostAsync($"/api/api-keys/{issued.ApiKey.Id}/revoke", new { });
        await revoked.ShouldHaveStatus(HttpStatusCode.NoContent);
        (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.Tag);
        (await client.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_wrong_secret_for_a_prefix_whose_credential_is_cached_is_refused()
    {
        var issued = await Issue("governance:read");
        using var client = WithKey(issued.Key);
        (await client.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var secret = issued.Key[19..];
        using var forged = WithKey(issued.Key[..19] + (secret[0] == 'A' ? 'B' : 'A') + secret[1..]);
        (await forged.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var truncated = WithKey(issued.Key[..^1]);
        (await truncated.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task Two_keys_sharing_the_cache_each_keep_their_own_scopes()
    {
        var budgets = await Issue("budgets:read");
        var governance = await Issue("governance:read");
        using var budgetsClient = WithKey(budgets.Key);
        using var governanceClient = WithKey(governance.Key);
        for (var i = 0; i < 2; i++)
        {
            (await governanceClient.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await budgetsClient.GetAsync("/api/organisations")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }
}

public sealed class ApiKeyFormatTests
{
    [Test]
    public void A_key_is_read_without_splitting_and_as_the_string_form_reads_it()
    {
        var (key, prefix, hash) = ApiKeyFormat.Generate();
        ApiKeyFormat.TryParse(key.AsSpan(), out var p, out var s).ShouldBeTrue();
        p.ToString().ShouldBe(prefix);
        ApiKeyFormat.Hash(s.ToString()).ShouldBe(hash);
        ApiKeyFormat.TryParse(key, out var stringPrefix, out var stringSecret).ShouldBeTrue();
        (stringPrefix, stringSecret).ShouldBe((prefix, s.ToString()));

        // The secret is base64url and may hold '_'; the prefix may not.
        ApiKeyFormat.TryParse("klima_0123456789ab_abc_def_ghi_jkl_mno_pqr".AsSpan(), out p, out s).ShouldBeTrue();
        (p.ToString(), s.ToString()).ShouldBe(("0123456789ab", "abc_def_ghi_jkl_mno_pqr"));
        foreach (var bad in new[]
                 {
                     "", "not-a-key", "klima_0123456789ab_short", "klima_0123456789a_" + new string('x', 30),
                     "klima_0123456789abc_" + new string('x', 30), "klima_01234_6789ab_" + new string('x', 30),
                     "Klima_0123456789ab_" + new string('x', 30), "klima-0123456789ab_" + new string('x', 30),
                 })
        {
            ApiKeyFormat.TryParse(bad.AsSpan(), out _, out _).ShouldBeFalse(bad);
            ApiKeyFormat.TryParse(bad, out _, out _).ShouldBeFalse(bad);
        }
    }

    [Test]
    public void The_stack_hash_matches_exactly_the_secret_whose_hash_is_stored()
    {
        var (key, _, hash) = ApiKeyFormat.Generate();
        var secret = key[19..];
        var bytes = ApiKeyFormat.HashBytes(hash);
        bytes.Length.ShouldBe(32);
        ApiKeyFormat.Matches(secret.AsSpan(), bytes).ShouldBeTrue();
        ApiKeyFormat.Matches(secret, hash).ShouldBeTrue();
        ApiKeyFormat.Matches((secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A')).AsSpan(), bytes).ShouldBeFalse();
        ApiKeyFormat.Matches(secret[..^1].AsSpan(), bytes).ShouldBeFalse();
        // A stored hash that is not 32 bytes of hex never matches; nor does a secret too long to hash on the stack.
        ApiKeyFormat.HashBytes("not hex").ShouldBeEmpty();
        ApiKeyFormat.HashBytes(hash[..^2]).ShouldBeEmpty();
        ApiKeyFormat.Matches(secret.AsSpan(), ApiKeyFormat.HashBytes("zz")).ShouldBeFalse();
        var longSecret = new string('x', ApiKeyFormat.MaxSecretLength + 1);
        ApiKeyFormat.Matches(longSecret.AsSpan(), ApiKeyFormat.HashBytes(ApiKeyFormat.Hash(longSecret))).ShouldBeFalse();
    }

    [Test]
    public void A_credential_shares_one_frozen_identity_that_carries_the_caller_key_of_its_claims()
    {
        var record = new ApiKeyRecord
        {
            Id = Guid.NewGuid(), Name = "esdh", SecretHash = ApiKeyFormat.Hash("secret"), Scopes = "cases:read cases:write",
            OrganisationId = Guid.Parse(NorthJutland.Aalborg), GovernanceModelScope = NorthJutland.Model,
        };
        var credential = new ApiKeyCredential(record, "ApiKey");
        credential.Identity.Claims.Select(c => (c.Type, c.Value)).ShouldBe(
        [
            (ClaimTypes.Name, "api-key:esdh"), ("klima:api-key", record.Id.ToString()), (Permissions.ClaimType, "cases:read"),
            (Permissions.ClaimType, "cases:write"), (Permissions.OrganisationClaimType, NorthJutland.Aalborg),
            (Permissions.GovernanceModelClaimType, NorthJutland.Model),
        ]);
        var principal = new ClaimsPrincipal(credential.Identity);
        ReadModelCachePolicy.CallerKey(principal).ShouldBe(ReadModelCachePolicy.ComputeCallerKey(principal));
        ReadModelCachePolicy.CallerKey(principal).ShouldBe(ReadModelCachePolicy.ComputeCallerKey(
            new ClaimsPrincipal(new ClaimsIdentity(credential.Identity.Claims.Select(c => new Claim(c.Type, c.Value)), "ApiKey"))));

        // No request can change what the next one sees.
        Should.Throw<NotSupportedException>(() => credential.Identity.AddClaim(new Claim(Permissions.ClaimType, Permissions.CasesWrite)));
        Should.Throw<NotSupportedException>(() => credential.Identity.AddClaims([new Claim(Permissions.ClaimType, "governance:write")]));
        Should.Throw<NotSupportedException>(() => credential.Identity.RemoveClaim(credential.Identity.Claims.First()));
        credential.Identity.TryRemoveClaim(credential.Identity.Claims.First()).ShouldBeFalse();
        credential.Identity.Claims.Count().ShouldBe(6);

        // A principal given another identity after authentication is hashed afresh, so it never borrows the key.
        var widened = new ClaimsPrincipal(credential.Identity);
        widened.AddIdentity(new ClaimsIdentity([new Claim(Permissions.ClaimType, "governance:write")], "Other"));
        CallerKeys.Remembered(widened).ShouldBeNull();
        ReadModelCachePolicy.CallerKey(widened).ShouldNotBe(ReadModelCachePolicy.CallerKey(principal));
    }
}
