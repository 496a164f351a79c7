using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Dapper;
using Klima.Api.Features.CaseFeed;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Features.Cases;
using Klima.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Klima.Api.Tests.Features.CaseFeed;

/// <summary>
/// The outbound webhook policy (SSRF) with no allow-list, outside Development: https only, public targets only,
/// no user:password, checked at registration (422 on url) and again before each delivery connects.
/// </summary>
public sealed class WebhookPolicyTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Secret = "policy-secret-0123456789abcdef";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["CaseFeed:Webhooks:AllowedTargets:0"] = "",
        ["CaseFeed:Webhooks:PollInterval"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["CaseFeed:Webhooks:RetryMaxDelay"] = "00:00:00.100",
    };

    [TestCase("https://127.0.0.1:5899/hook", TestName = "loopback")]
    [TestCase("https://[::1]/hook", TestName = "IPv6 loopback")]
    [TestCase("https://169.254.169.254/latest/meta-data/", TestName = "link-local metadata address")]
    [TestCase("https://10.1.2.3/hook", TestName = "private 10/8")]
    [TestCase("https://172.16.5.4/hook", TestName = "private 172.16/12")]
    [TestCase("https://192.168.1.1/hook", TestName = "private 192.168/16")]
    [TestCase("https://100.64.0.1/hook", TestName = "CGNAT 100.64/10")]
    [TestCase("https://0.0.0.0/hook", TestName = "unspecified")]
    [TestCase("https://224.0.0.1/hook", TestName = "multicast")]
    [TestCase("https://2130706433/hook", TestName = "decimal spelling of 127.0.0.1")]
    [TestCase("https://0177.0.0.1/hook", TestName = "octal spelling of 127.0.0.1")]
    [TestCase("https://0xa9.0xfe.0xa9.0xfe/hook", TestName = "hex spelling of 169.254.169.254")]
    [TestCase("https://[::ffff:127.0.0.1]/hook", TestName = "IPv4-mapped IPv6 loopback")]
    [TestCase("https://[::ffff:a9fe:a9fe]/hook", TestName = "IPv4-mapped IPv6 metadata address")]
    [TestCase("https://[64:ff9b::a00:1]/hook", TestName = "NAT64 form of 10.0.0.1")]
    [TestCase("https://[fc00::1]/hook", TestName = "unique local fc00::/7")]
    [TestCase("https://[fe80::1]/hook", TestName = "IPv6 link-local")]
    [TestCase("https://metadata.google.internal/computeMetadata/v1/", TestName = "metadata host name")]
    [TestCase("https://localhost/hook", TestName = "localhost")]
    [TestCase("https://LOCALHOST./hook", TestName = "localhost with trailing dot")]
    [TestCase("https://user:pw@93.184.215.14/hook", TestName = "user info")]
    [TestCase("http://93.184.215.14/hook", TestName = "plain http outside Development")]
    public async Task Registering_a_refused_target_is_422_on_url(string url)
    {
        using var response = await PostAsync("/api/webhooks", new { url, secret = Secret });
        await response.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        var problem = await response.ReadJsonAsync();
        problem["errors"]!["url"]![0]!.GetValue<string>().ShouldStartWith("Refused by policy");
    }

    [Test]
    public async Task A_public_https_target_is_accepted_and_its_secret_is_encrypted_at_rest_and_absent_from_the_audit_log()
    {
        using var response = await PostAsync("/api/webhooks", new { url = "https://93.184.215.14/hooks/klima", secret = Secret });
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        var created = await response.ReadAsync<WebhookResponse>();
        created.Secret.ShouldBe(Secret);

        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var stored = await connection.ExecuteScalarAsync<string>("SELECT secret FROM webhook_subscription WHERE id = @Id", new { created.Id });
        stored.ShouldStartWith("dp1:");
        stored.ShouldNotContain(Secret);
        Factory.Services.GetRequiredService<WebhookSecrets>().Reveal(stored!).ShouldBe(Secret);

        var audit = await Client.GetStringAsync($"/api/audit?entityType=webhook_subscription&entityId={created.Id}");
        JsonNode.Parse(audit)!["items"]!.AsArray().Count.ShouldBeGreaterThan(0);
        audit.ShouldNotContain(Secret);
        audit.ShouldNotContain("dp1:");
        audit.ShouldNotContain("secret", Case.Insensitive);
        Factory.Logs.Lines.Where(l => l.Contains(Secret, StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Test]
    public async Task A_subscription_stored_before_the_policy_is_refused_by_policy_when_it_delivers_without_a_connection()
    {
        // A receiver that would accept: the policy must stop the delivery before it gets there.
        var port = LoopbackReceiver.FreePort();
        await using var receiver = await LoopbackReceiver.StartAsync(port, Secret);
        var id = Guid.NewGuid();
        await using (var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync("""
                INSERT INTO webhook_subscription (id, url, secret, event_types, created_by, version, created_at, modified_at)
                VALUES (@Id, @Url, @Secret, 'case.created', 'earlier-version', 1, @Now, @Now)
                """, new { Id = id, Url = $"http://127.0.0.1:{port}/old/", Secret, Now = DateTimeOffset.UtcNow });
        }
        await Client.CreateCaseAsync(Seed.NewCase("municipal"));

        ListWebhookDeliveries.DeliveryLog log;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            await Task.Delay(50);
            log = await GetAsync<ListWebhookDeliveries.DeliveryLog>($"/api/webhooks/{id}/deliveries");
        }
        while (log.Attempts.Count == 0 && DateTime.UtcNow < deadline);
        log.Attempts.ShouldNotBeEmpty();
        log.Attempts.ShouldAllBe(a => !a.Succeeded && a.StatusCode == null && a.Error!.StartsWith("Refused by policy", StringComparison.Ordinal));
        log.Attempts.ShouldAllBe(a => !a.Error!.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        receiver.Accepted.ShouldBeEmpty();
    }

    [Test]
    public async Task Clear_text_secrets_of_earlier_versions_are_encrypted_at_start_up_and_still_sign()
    {
        var id = Guid.NewGuid();
        await using var connection = await Factory.Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO webhook_subscription (id, url, secret, created_by, version, created_at, modified_at)
            VALUES (@Id, 'https://93.184.215.14/old', @Secret, 'earlier-version', 1, @Now, @Now)
            """, new { Id = id, Secret, Now = DateTimeOffset.UtcNow });
        var secrets = Factory.Services.GetRequiredService<WebhookSecrets>();
        secrets.Reveal(Secret).ShouldBe(Secret);

        await Factory.Services.GetServices<IHostedService>().OfType<WebhookSecretEncryption>().Single().StartAsync(CancellationToken.None);

        var stored = await connection.ExecuteScalarAsync<string>("SELECT secret FROM webhook_subscription WHERE id = @Id", new { Id = id });
        stored.ShouldStartWith("dp1:");
        secrets.Reveal(stored!).ShouldBe(Secret);
    }
}

/// <summary>The policy where the socket is opened, and the allow-list, without the API around it.</summary>
[TestFixture]
public sealed class WebhookTargetPolicyTests
{
    private static WebhookTargetPolicy Policy(params string[] allowed) =>
        new(Options.Create(new WebhookTargetOptions { AllowedTargets = [.. allowed] }), new Environment("Production"));

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Klima.Api";
        public string ContentRootPath { get; set; } = "/";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }

    private static HttpClient Client(WebhookTargetPolicy policy) =>
        new(new SocketsHttpHandler { ConnectCallback = policy.ConnectAsync, AllowAutoRedirect = false, UseProxy = false });

    [Test]
    public async Task The_connect_step_refuses_loopback_and_the_log_text_names_the_policy_not_the_socket()
    {
        var port = LoopbackReceiver.FreePort();
        await using var receiver = await LoopbackReceiver.StartAsync(port, "x");
        using var client = Client(Policy());
        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.PostAsync($"http://127.0.0.1:{port}/", new StringContent("{}")));
        WebhookTargetPolicy.Describe(refused).ShouldStartWith("Refused by policy");
        WebhookTargetPolicy.Describe(refused).ShouldNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        receiver.Accepted.ShouldBeEmpty();
        receiver.Rejected.ShouldBe(0);
    }

    [Test]
    public async Task The_connect_step_resolves_names_before_it_checks_them()
    {
        // "localhost" is refused by name; the machine's own name resolves (from /etc/hosts) to a loopback or private address.
        using var client = Client(Policy());
        var name = Dns.GetHostName();
        var addresses = await Dns.GetHostAddressesAsync(name);
        Assume.That(addresses.All(a => WebhookTargetPolicy.RefusedKind(a) is not null), "this machine's name resolves to a public address");
        var refused = await Should.ThrowAsync<HttpRequestException>(() => client.PostAsync($"http://{name}:9/", new StringContent("{}")));
        WebhookTargetPolicy.Describe(refused).ShouldStartWith("Refused by policy: the target resolves to a");
    }

    [Test]
    public async Task An_allow_listed_network_is_reached_and_a_redirect_is_not_followed()
    {
        var port = LoopbackReceiver.FreePort();
        await using var receiver = await LoopbackReceiver.StartAsync(port, "x", failFirst: 1);
        using var client = Client(Policy("127.0.0.0/8"));
        using var response = await client.PostAsync($"http://127.0.0.1:{port}/", new StringContent("{}"));
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        receiver.Rejected.ShouldBe(1);
    }

    [Test]
    public void A_connection_refused_reads_as_unreachable_without_address_or_port()
    {
        var error = new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:5899)", new SocketException((int)SocketError.ConnectionRefused));
        WebhookTargetPolicy.Describe(error).ShouldBe("The receiver could not be reached.");
    }

    [TestCase("127.0.0.1", "loopback")]
    [TestCase("::ffff:10.0.0.1", "private")]
    [TestCase("::10.0.0.1", "private")]
    [TestCase("2002:a9fe:a9fe::1", "link-local")]
    [TestCase("100.127.255.255", "shared (CGNAT)")]
    [TestCase("ff02::1", "multicast")]
    [TestCase("93.184.215.14", null)]
    [TestCase("2a00:1450:4001:80b::200e", null)]
    public void Address_ranges(string address, string? kind) => WebhookTargetPolicy.RefusedKind(IPAddress.Parse(address)).ShouldBe(kind);

    [Test]
    public void Http_is_allowed_only_to_allow_listed_targets_outside_Development()
    {
        var policy = Policy("hooks.intern.example", "10.20.0.0/16");
        policy.CheckUrl("http://93.184.215.14/x").ShouldNotBeNull();
        policy.CheckUrl("http://hooks.intern.example/x").ShouldBeNull();
        policy.CheckUrl("http://10.20.3.4/x").ShouldBeNull();
        policy.CheckUrl("https://10.21.3.4/x").ShouldNotBeNull();
        new WebhookTargetPolicy(Options.Create(new WebhookTargetOptions()), new Environment("Development")).CheckUrl("http://93.184.215.14/x").ShouldBeNull();
    }
}
