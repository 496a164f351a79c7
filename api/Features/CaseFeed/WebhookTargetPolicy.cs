using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Klima.Api.Features.CaseFeed;

/// <summary>Bound from <c>CaseFeed:Webhooks</c> (beside the delivery settings).</summary>
public sealed class WebhookTargetOptions
{
    /// <summary>Only https receivers; default: on everywhere but Development. Allow-listed targets may use http.</summary>
    public bool? RequireHttps { get; set; }

    /// <summary>
    /// Host names and addresses or CIDR networks that may receive webhooks although the policy would refuse them
    /// (e.g. "127.0.0.1" for a receiver on this machine, "10.20.0.0/16" for an internal network, "hooks.intern.dk").
    /// </summary>
    public List<string> AllowedTargets { get; set; } = [];
}

/// <summary>Why a webhook target was refused; the delivery log and the 422 both say "refused by policy".</summary>
public sealed class WebhookPolicyException(string reason) : Exception("Refused by policy: " + reason);

/// <summary>
/// The outbound policy of webhook deliveries (SSRF): a target must be https (outside Development), carry no
/// user:password, and neither name nor resolve to a loopback, private, link-local, CGNAT, unspecified, multicast,
/// reserved or cloud-metadata address (IPv4-mapped and other IPv6 forms that embed an IPv4 address are checked as that
/// address; decimal, octal and hex spellings are read as the address they mean). Checked when a subscription is
/// registered (422 on <c>url</c>) and again when each delivery connects: the connection goes only to an address that
/// was resolved and checked in the same step, so a name that changes its answer (DNS rebinding) cannot slip through.
/// Redirects are not followed, and no HTTP proxy is used. <see cref="WebhookTargetOptions.AllowedTargets"/> lifts the
/// policy for named hosts and networks.
/// </summary>
public sealed class WebhookTargetPolicy
{
    private static readonly string[] MetadataHosts =
    [
        "localhost", "metadata", "metadata.google.internal", "metadata.goog", "metadata.azure.com", "instance-data", "instance-data.ec2.internal",
    ];

    private static readonly string[] RefusedSuffixes = [".localhost", ".internal", ".local", ".localdomain"];

    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("0.0.0.0/8"), "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "reserved"),
        (IPNetwork.Parse("192.0.2.0/24"), "reserved"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "reserved"),
        (IPNetwork.Parse("198.51.100.0/24"), "reserved"),
        (IPNetwork.Parse("203.0.113.0/24"), "reserved"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved"),
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("100::/64"), "reserved"),
        (IPNetwork.Parse("2001:db8::/32"), "reserved"),
        (IPNetwork.Parse("fc00::/7"), "private"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "private"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
    ];

    private readonly bool _requireHttps;
    private readonly HashSet<string> _allowedHosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _allowedNetworks = [];

    public WebhookTargetPolicy(IOptions<WebhookTargetOptions> options, IHostEnvironment environment)
    {
        _requireHttps = options.Value.RequireHttps ?? !environment.IsDevelopment();
        foreach (var entry in options.Value.AllowedTargets.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (IPNetwork.TryParse(entry, out var network))
            {
                _allowedNetworks.Add(network);
            }
            else if (IPAddress.TryParse(entry.Trim('[', ']'), out var address))
            {
                _allowedNetworks.Add(new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                _allowedHosts.Add(entry.TrimEnd('.'));
            }
        }
    }

    /// <summary>The reason an address may not receive webhooks, or null. IPv6 forms embedding an IPv4 address are checked as it.</summary>
    public static string? RefusedKind(IPAddress address)
    {
        address = Embedded(address);
        foreach (var (network, kind) in Refused)
        {
            if (network.Contains(address))
            {
                return kind;
            }
        }
        return null;
    }

    /// <summary>IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) as their IPv4 address.</summary>
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 && !(bytes[12] == 0 && bytes[13] == 0 && bytes[14] == 0 && bytes[15] <= 1))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (IPNetwork.Parse("64:ff9b::/96").Contains(address))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }
        if (bytes[0] == 0x20 && bytes[1] == 0x02)
        {
            return new IPAddress(bytes.AsSpan(2, 4));
        }
        return address;
    }

    private bool IsAllowListed(string host, IPAddress? address) =>
        _allowedHosts.Contains(host.TrimEnd('.')) ||
        (address is not null && _allowedNetworks.Exists(n => n.Contains(address) || n.Contains(Embedded(address))));

    private static bool IsRefusedName(string host)
    {
        var name = host.TrimEnd('.');
        return MetadataHosts.Contains(name, StringComparer.OrdinalIgnoreCase) ||
               RefusedSuffixes.Any(s => name.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The checks that need no name resolution: scheme, user info, refused names, literal addresses. Null = acceptable.</summary>
    public string? CheckUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return "a webhook URL is an absolute http(s) URL";
        }
        if (uri.UserInfo.Length > 0)
        {
            return "a webhook URL carries no user name or password (user:password@); the signature authenticates deliveries";
        }
        var host = uri.IdnHost;
        var literal = IPAddress.TryParse(host, out var parsed) ? parsed : null;
        var allowListed = IsAllowListed(host, literal);
        if (_requireHttps && uri.Scheme != Uri.UriSchemeHttps && !allowListed)
        {
            return "webhooks are delivered over https only";
        }
        if (allowListed)
        {
            return null;
        }
        if (literal is not null && RefusedKind(literal) is { } kind)
        {
            return $"the target is a {kind} address";
        }
        if (literal is null && IsRefusedName(host))
        {
            return "the target is a local or cloud-metadata host name";
        }
        return null;
    }

    /// <summary>Registration: <see cref="CheckUrl"/> and, for a host name, every address it resolves to now.</summary>
    public async Task<string?> CheckUrlAsync(string url, CancellationToken cancellationToken)
    {
        if (CheckUrl(url) is { } refused)
        {
            return refused;
        }
        var uri = new Uri(url);
        if (IPAddress.TryParse(uri.IdnHost, out _) || IsAllowListed(uri.IdnHost, null))
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            // Not resolvable now (e.g. not yet in DNS): every delivery resolves and checks again before it connects.
            return null;
        }
        return addresses.Where(a => !IsAllowListed(uri.IdnHost, a)).Select(RefusedKind).FirstOrDefault(k => k is not null) is { } kind
            ? $"the host name resolves to a {kind} address"
            : null;
    }

    /// <summary>
    /// SocketsHttpHandler.ConnectCallback: resolves the host, refuses the connection when any of its addresses is
    /// refused by the policy, and connects to the checked addresses only.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else if (!IsAllowListed(host, null) && IsRefusedName(host))
        {
            throw new WebhookPolicyException("the target is a local or cloud-metadata host name");
        }
        else
        {
            addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        foreach (var address in addresses)
        {
            if (!IsAllowListed(host, address) && RefusedKind(address) is { } kind)
            {
                throw new WebhookPolicyException($"the target resolves to a {kind} address");
            }
        }
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>What the delivery log says about a failed request: the policy's refusal, or the kind of failure without the socket's details (no host:port oracle).</summary>
    public static string Describe(HttpRequestException exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is WebhookPolicyException refused)
            {
                return refused.Message;
            }
        }
        return exception.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "The receiver's host name did not resolve.",
            HttpRequestError.ConnectionError => "The receiver could not be reached.",
            HttpRequestError.SecureConnectionError => "The TLS connection to the receiver failed.",
            _ => "The request to the receiver failed.",
        };
    }
}
