using System.Net;
using System.Security.Claims;
using System.Text;
using Klima.Api.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Klima.Api.Tests.Security;

public sealed class BearerTokenTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Key = "a-development-signing-key-of-sufficient-length-0123456789";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Auth:Jwt:Issuer"] = "https://idp.example.test",
        ["Auth:Jwt:Audience"] = "api://klima",
        ["Auth:Jwt:SymmetricKey"] = Key,
        ["Auth:Jwt:RoleMap:Klima.Readers"] = "reader",
    };

    private static string Token(string issuer = "https://idp.example.test", string role = "Klima.Readers", DateTime? expires = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "api://klima",
            Subject = new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("roles", role)]),
            NotBefore = DateTime.UtcNow.AddMinutes(-5),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Key)), SecurityAlgorithms.HmacSha256),
        });

    private async Task<HttpStatusCode> Get(string token, string url = "/api/organisations")
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    [Test]
    public async Task A_valid_token_maps_the_providers_role_onto_Klimas_permissions()
    {
        (await Get(Token())).ShouldBe(HttpStatusCode.OK);
        (await Get(Token(), "/api/users")).ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Tokens_from_another_issuer_or_expired_are_refused()
    {
        (await Get(Token(issuer: "https://evil.example.test"))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get(Token(expires: DateTime.UtcNow.AddMinutes(-10)))).ShouldBe(HttpStatusCode.Unauthorized);
        (await Get("not.a.token")).ShouldBe(HttpStatusCode.Unauthorized);
    }
}
