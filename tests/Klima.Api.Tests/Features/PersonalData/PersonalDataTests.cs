using System.Net;
using Dapper;
using Klima.Api.Features.PersonalData;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.PersonalData;

public sealed class PersonalDataTests(DatabaseLane lane) : ApiTest(lane)
{
    private const string Canary = "canary-7f3e@private.example";

    private async Task<Guid> InsertPerson()
    {
        var id = Guid.CreateVersion7();
        var db = Factory.Services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO person (id, name, title, email, phone, notes, version, created_at, modified_at)
            VALUES (@Id, 'Fiktiv Testperson', 'Borgmester', @Canary, '+45 0000 0000', @Canary, 1, @Now, @Now)
            """, new { Id = id, Canary, Now = DateTimeOffset.UtcNow });
        return id;
    }

    [Test]
    public async Task Export_returns_everything_held_and_records_the_read()
    {
        var id = await InsertPerson();
        var export = await GetAsync<ExportPersonalDataOfPerson.Export>($"/api/people/{id}/personal-data");
        export.Person.Email.ShouldBe(Canary);
        var again = await GetAsync<ExportPersonalDataOfPerson.Export>($"/api/people/{id}/personal-data");
        again.Accesses.ShouldContain(a => a.Purpose == "export" && a.AccessedBy == "test-administrator");
    }

    [Test]
    public async Task Members_and_readers_may_not_export_personal_data()
    {
        var id = await InsertPerson();
        using var member = CreateClient("member");
        (await member.GetAsync($"/api/people/{id}/personal-data")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Erasure_pseudonymises_the_person_and_keeps_no_contact_details()
    {
        var id = await InsertPerson();
        using var erased = await PostAsync($"/api/people/{id}/erase", new { });
        await erased.ShouldHaveStatus(HttpStatusCode.NoContent);
        var export = await GetAsync<ExportPersonalDataOfPerson.Export>($"/api/people/{id}/personal-data");
        export.Person.Name.ShouldBe(ErasePerson.Pseudonym(id));
        export.Person.Email.ShouldBeNull();
        export.Person.Notes.ShouldBeNull();
        export.Person.PseudonymisedAt.ShouldNotBeNull();
        using var twice = await PostAsync($"/api/people/{id}/erase", new { });
        await twice.ShouldHaveStatus(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Restricted_fields_never_reach_the_audit_log()
    {
        var id = await InsertPerson();
        using var erased = await PostAsync($"/api/people/{id}/erase", new { });
        var audit = await (await Client.GetAsync($"/api/audit?entityType=person&entityId={id}")).Content.ReadAsStringAsync();
        audit.ShouldContain("Fiktiv Testperson");
        audit.ShouldNotContain(Canary);
    }
}
