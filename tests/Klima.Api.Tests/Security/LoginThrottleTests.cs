using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.Accounts;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Security;

/// <summary>Sign-in is limited per username (back-off) as well as per address, the same for known and unknown usernames.</summary>
public sealed class LoginThrottleTests(DatabaseLane lane) : ApiTest(lane)
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The per-address limit is out of the way here: these tests are about the per-account back-off.
        ["RateLimiting:LoginAttemptsPerMinute"] = "1000",
        ["Auth:LoginThrottle:FreeAttempts"] = "3",
        ["Auth:LoginThrottle:BaseDelay"] = "00:00:30",
    };

    private async Task<HttpResponseMessage> Login(string username, string password)
    {
        using var client = Factory.CreateClient();
        return await client.PostAsJsonAsync("/api/auth/login", new { username, password });
    }

    [Test]
    public async Task After_the_free_attempts_even_the_right_password_waits_with_Retry_After_while_other_accounts_sign_in()
    {
        using (var created = await PostAsync("/api/users", new { username = "gaet", displayName = "Gæt", password = "right-password-123", role = "reader" }))
        {
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        for (var i = 0; i < 3; i++)
        {
            using var wrong = await Login("gaet", "wrong-password-" + i);
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        using var throttled = await Login("gaet", "right-password-123");
        await throttled.ShouldHaveStatus(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(25, 30);
        (await throttled.ReadJsonAsync())["status"]!.GetValue<int>().ShouldBe(429);
        // Case does not dodge it.
        (await Login("GAET", "right-password-123")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // Another account from the same address is not affected.
        using var admin = await Login("admin", KlimaApiFactory.AdminPassword);
        await admin.ShouldHaveStatus(HttpStatusCode.OK);
    }

    /// <summary>The wait in a 429's text counts down between the two requests; the rest of the answer must be the same.</summary>
    private static string? Countdown(string? detail) => detail is null ? null : System.Text.RegularExpressions.Regex.Replace(detail, "[0-9]+ seconds", "N seconds");

    [Test]
    public async Task An_unknown_username_gets_exactly_the_answers_a_known_one_gets()
    {
        using (var created = await PostAsync("/api/users", new { username = "kendt", displayName = "Kendt", password = "right-password-123", role = "reader" }))
        {
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        var known = new List<(HttpStatusCode, string?)>();
        var unknown = new List<(HttpStatusCode, string?)>();
        for (var i = 0; i < 5; i++)
        {
            using var k = await Login("kendt", "wrong-password-" + i);
            known.Add((k.StatusCode, Countdown((await k.ReadJsonAsync())["detail"]?.GetValue<string>())));
            using var u = await Login("ukendt-bruger", "wrong-password-" + i);
            unknown.Add((u.StatusCode, Countdown((await u.ReadJsonAsync())["detail"]?.GetValue<string>())));
        }
        unknown.ShouldBe(known);
        known.Select(k => k.Item1).ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
    }

    [Test]
    public async Task The_count_is_shared_by_every_instance_on_the_database()
    {
        using (var created = await PostAsync("/api/users", new { username = "delt", displayName = "Delt", password = "right-password-123", role = "reader" }))
        {
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        // A second API instance on the same database, as behind a load balancer.
        await using var other = new KlimaApiFactory(Database, Settings);
        using var otherClient = other.CreateClient();
        using (var first = await Login("delt", "wrong-password-1")) first.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var second = await otherClient.PostAsJsonAsync("/api/auth/login", new { username = "delt", password = "wrong-password-2" })) second.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using (var third = await Login("Delt ", "wrong-password-3")) third.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        // Three failures in all, on two instances: both refuse the next attempt, the right password included.
        using var here = await Login("delt", "right-password-123");
        await here.ShouldHaveStatus(HttpStatusCode.TooManyRequests);
        using var there = await otherClient.PostAsJsonAsync("/api/auth/login", new { username = "delt", password = "right-password-123" });
        await there.ShouldHaveStatus(HttpStatusCode.TooManyRequests);
        there.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 30);
    }

    [Test]
    public async Task Guesses_sent_all_at_once_are_all_counted()
    {
        using (var created = await PostAsync("/api/users", new { username = "samtidig", displayName = "Samtidig", password = "right-password-123", role = "reader" }))
        {
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        await using var other = new KlimaApiFactory(Database, Settings);
        var guesses = Enumerable.Range(0, 12).Select(async i =>
        {
            using var client = i % 2 == 0 ? Factory.CreateClient() : other.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { username = "samtidig", password = "wrong-password-" + i });
            return response.StatusCode;
        });
        var answers = await Task.WhenAll(guesses);
        // Only the free attempts had their password checked, however the guesses interleaved.
        answers.Count(a => a == HttpStatusCode.Unauthorized).ShouldBe(3);
        answers.Count(a => a == HttpStatusCode.TooManyRequests).ShouldBe(9);
    }

    [Test]
    public async Task A_success_clears_the_count_and_an_unknown_username_leaves_the_same_kind_of_row_as_a_known_one()
    {
        using (var created = await PostAsync("/api/users", new { username = "rydder", displayName = "Rydder", password = "right-password-123", role = "reader" }))
        {
            await created.ShouldHaveStatus(HttpStatusCode.Created);
        }
        (await Login("rydder", "wrong-password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login("findes-ikke", "wrong-password-1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await using (var connection = await Factory.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            (await Dapper.SqlMapper.QueryAsync<(string, int)>(connection,
                    "SELECT username_key, attempts FROM login_throttle WHERE username_key IN ('rydder', 'findes-ikke') ORDER BY username_key"))
                .ShouldBe([("findes-ikke", 1), ("rydder", 1)]);
        }
        (await Login("rydder", "wrong-password-2")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await Login("rydder", "right-password-123")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // Cleared: three more wrong passwords are free again.
        for (var i = 0; i < 3; i++)
        {
            (await Login("rydder", "wrong-password-again-" + i)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        (await Login("rydder", "wrong-password-again-3")).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public void The_dummy_hash_for_unknown_users_costs_what_a_real_hash_costs()
    {
        var hasher = Factory.Services.GetRequiredService<IPasswordHasher<Login.Account>>();
        var dummy = Convert.FromBase64String(Factory.Services.GetRequiredService<DummyPasswordHash>().Hash);
        var real = Convert.FromBase64String(hasher.HashPassword(null!, "any-password-123"));
        // Format marker, PRF, iteration count and salt length: the same algorithm and work factor.
        dummy.AsSpan(0, 13).ToArray().ShouldBe(real.AsSpan(0, 13).ToArray());
        dummy.Length.ShouldBe(real.Length);
    }
}

/// <summary>
/// An unknown username costs as much to refuse as a known one (it was ~12 ms against ~256 ms): every sign-in, whatever
/// the username, makes exactly one password verification, against the account's hash or the dummy hash of the same
/// work factor (see <c>The_dummy_hash_for_unknown_users_costs_what_a_real_hash_costs</c>). Counted through the hasher
/// seam rather than timed, so a busy machine cannot fail it; the timing itself is measured on demand by
/// <c>benchmarks/Klima.Load login-timing</c> (docs/benchmarks.md).
/// </summary>
[TestFixture]
public sealed class LoginTimingTests
{
    /// <summary>The real hasher, counting each verification and which hash it was against.</summary>
    private sealed class CountingHasher : IPasswordHasher<Login.Account>
    {
        private readonly PasswordHasher<Login.Account> _inner = new();
        private readonly List<string> _verified = [];
        public string HashPassword(Login.Account user, string password) => _inner.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(Login.Account user, string hashedPassword, string providedPassword)
        {
            lock (_verified)
            {
                _verified.Add(hashedPassword);
            }
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
        public List<string> TakeVerified()
        {
            lock (_verified)
            {
                var taken = _verified.ToList();
                _verified.Clear();
                return taken;
            }
        }
    }

    [Test]
    public async Task Refusing_an_unknown_username_verifies_one_password_against_the_dummy_hash_as_a_known_one_verifies_against_its_own()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = new KlimaApiFactory(database, new Dictionary<string, string?>
        {
            ["RateLimiting:LoginAttemptsPerMinute"] = "1000",
            ["Auth:LoginThrottle:FreeAttempts"] = "1000",
        });
        var hasher = new CountingHasher();
        await using var counted = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<Login.Account>>(hasher)));
        async Task<HttpStatusCode> Login(string username, string password)
        {
            // A client of its own each time: a signed-in client's next POST would need its CSRF token.
            using var client = counted.CreateClient();
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { username, password });
            return response.StatusCode;
        }
        var dummy = counted.Services.GetRequiredService<DummyPasswordHash>().Hash;
        (await Login("admin", KlimaApiFactory.AdminPassword)).ShouldBe(HttpStatusCode.OK);
        var signedIn = hasher.TakeVerified();
        signedIn.Count.ShouldBe(1);
        var adminHash = signedIn[0];
        adminHash.ShouldNotBe(dummy);

        (await Login("admin", "wrong-password-1")).ShouldBe(HttpStatusCode.Unauthorized);
        hasher.TakeVerified().ShouldBe([adminHash]);

        (await Login("nobody-at-all", "wrong-password-1")).ShouldBe(HttpStatusCode.Unauthorized);
        hasher.TakeVerified().ShouldBe([dummy]);

        // A disabled account is refused after the same one verification, even with its right password.
        await using (var connection = await counted.Services.GetRequiredService<Klima.Api.Infrastructure.Data.IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            (await Dapper.SqlMapper.ExecuteAsync(connection,
                "UPDATE user_account SET disabled_at = @At WHERE username = 'admin'", new { At = DateTimeOffset.UnixEpoch })).ShouldBe(1);
        }
        (await Login("admin", KlimaApiFactory.AdminPassword)).ShouldBe(HttpStatusCode.Unauthorized);
        hasher.TakeVerified().ShouldBe([adminHash]);
    }
}

/// <summary>
/// Behind a configured proxy the per-address limit keys on the client in X-Forwarded-For, so one attacker does not
/// lock everyone out; a client that is not the proxy cannot choose its address with the header.
/// </summary>
[TestFixture]
public sealed class ForwardedHeadersTests
{
    private sealed class FromAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private static async Task<List<HttpStatusCode>> Attempts(HttpClient client, string? forwardedFor, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username = "user" + i, password = "wrong-password" }) };
            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }
        return statuses;
    }

    private static KlimaApiFactory Factory(SqliteTestDatabase database) => new(database, new Dictionary<string, string?>
    {
        ["RateLimiting:LoginAttemptsPerMinute"] = "3",
        ["ForwardedHeaders:KnownProxies:0"] = "10.9.8.7",
    });

    [Test]
    public async Task One_client_behind_the_proxy_using_up_its_limit_leaves_the_others_signing_in()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = Factory(database);
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FromAddress("10.9.8.7")))).CreateClient();

        var attacker = await Attempts(client, "203.0.113.5", 4);
        attacker.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
        var colleague = await Attempts(client, "203.0.113.6", 1);
        colleague.ShouldBe([HttpStatusCode.Unauthorized]);
    }

    [Test]
    public async Task A_client_that_is_not_a_known_proxy_cannot_pick_its_address()
    {
        using var database = new SqliteTestDatabase();
        await using var factory = Factory(database);
        using var client = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FromAddress("198.51.100.20")))).CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.AddRange(await Attempts(client, $"203.0.113.{i + 1}", 1));
        }
        statuses.Last().ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
