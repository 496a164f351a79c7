using System.Net;
using System.Net.Http.Json;
using Klima.Api.Features.People;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Features.Bodies;
using Klima.Api.Tests.Infrastructure;

namespace Klima.Api.Tests.Features.People;

public sealed class PeopleTests(DatabaseLane lane) : ApiTest(lane)
{
    [Test]
    public async Task Contact_details_and_notes_are_shown_only_to_callers_who_may_read_personal_data()
    {
        var person = await CreateAsync(new { name = "Fiktiv Person Kontakt", organisationId = NorthJutland.Hjorring, email = "fiktiv@example.invalid", phone = "+45 12 34 56 78", notes = "Foretrækker mail" });
        person.Email.ShouldBe("fiktiv@example.invalid");

        // The secretariat may read personal data; a member may not.
        using var secretariat = CreateClient(Roles.Secretariat);
        var full = await secretariat.GetFromJsonAsync<PersonResponse>($"/api/people/{person.Id}", Json);
        full!.Phone.ShouldBe("+45 12 34 56 78");
        full.Notes.ShouldBe("Foretrækker mail");

        using var member = CreateClient(Roles.Member);
        var restricted = await member.GetFromJsonAsync<PersonResponse>($"/api/people/{person.Id}", Json);
        restricted!.Name.ShouldBe("Fiktiv Person Kontakt");
        restricted.OrganisationName.ShouldBe("Hjørring Kommune");
        restricted.Email.ShouldBeNull();
        restricted.Phone.ShouldBeNull();
        restricted.Notes.ShouldBeNull();

        var listed = await member.GetFromJsonAsync<Page<PersonResponse>>($"/api/people?q=Kontakt", Json);
        listed!.Items.ShouldHaveSingleItem().Email.ShouldBeNull();
        var raw = await member.GetStringAsync($"/api/people/{person.Id}");
        raw.ShouldNotContain("fiktiv@example.invalid");
    }

    [Test]
    public async Task Lists_filter_by_organisation_and_name_and_page_with_next_links()
    {
        for (var i = 1; i <= 3; i++)
        {
            await CreateAsync(new { name = $"Fiktiv Thisted-person {i}", organisationId = NorthJutland.Thisted });
        }
        await CreateAsync(new { name = "Fiktiv Rebild-person", organisationId = NorthJutland.Rebild });

        var byOrganisation = await GetAsync<Page<PersonResponse>>($"/api/people?organisationId={NorthJutland.Thisted}");
        byOrganisation.Items.Count.ShouldBe(3);
        var byName = await GetAsync<Page<PersonResponse>>("/api/people?q=Rebild-person");
        byName.Items.ShouldHaveSingleItem().OrganisationId.ShouldBe(Guid.Parse(NorthJutland.Rebild));

        var first = await GetAsync<Page<PersonResponse>>($"/api/people?organisationId={NorthJutland.Thisted}&limit=2");
        first.Items.Count.ShouldBe(2);
        var second = await GetAsync<Page<PersonResponse>>(first.Next!);
        second.Items.ShouldHaveSingleItem();
        second.Next.ShouldBeNull();
    }

    [Test]
    public async Task Update_needs_the_current_ETag()
    {
        using var created = await PostAsync("/api/people", new { name = "Fiktiv Person Opdatering" });
        var person = await created.ReadAsync<PersonResponse>();
        var url = $"/api/people/{person.Id}";
        using var updated = await SendAsync(HttpMethod.Put, url, new { name = "Fiktiv Person Opdateret", title = "Teknisk direktør" }, created.ETag());
        await updated.ShouldHaveStatus(HttpStatusCode.OK);
        (await updated.ReadAsync<PersonResponse>()).Title.ShouldBe("Teknisk direktør");

        using var stale = await SendAsync(HttpMethod.Put, url, new { name = "X" }, created.ETag());
        await stale.ShouldHaveStatus(HttpStatusCode.PreconditionFailed);
        using var missing = await SendAsync(HttpMethod.Put, url, new { name = "X" });
        await missing.ShouldHaveStatus(HttpStatusCode.PreconditionRequired);

        using var read = await Client.GetAsync(url);
        read.ETag().ShouldBe(updated.ETag());
    }

    [Test]
    public async Task Invalid_people_come_back_field_by_field()
    {
        using var response = await PostAsync("/api/people", new { name = "", email = "not-an-email", phone = "call me", organisationId = Guid.NewGuid() });
        await response.ShouldHaveStatus(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync())["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["name", "email", "phone"], ignoreOrder: true);

        using var unknownOrganisation = await PostAsync("/api/people", new { name = "Fiktiv", organisationId = Guid.NewGuid() });
        await unknownOrganisation.ShouldHaveStatus(HttpStatusCode.UnprocessableEntity);
        (await unknownOrganisation.ReadJsonAsync())["errors"]!["organisationId"].ShouldNotBeNull();
    }

    [Test]
    public async Task Readers_cannot_create_people_and_anonymous_callers_cannot_list_them()
    {
        using var reader = CreateClient(Roles.Reader);
        using var write = await reader.PostAsJsonAsync("/api/people", new { name = "Nej" }, Json);
        await write.ShouldHaveStatus(HttpStatusCode.Forbidden);
        using var anonymous = CreateClient(null);
        using var list = await anonymous.GetAsync("/api/people");
        await list.ShouldHaveStatus(HttpStatusCode.Unauthorized);
    }

    private async Task<PersonResponse> CreateAsync(object person)
    {
        using var response = await PostAsync("/api/people", person);
        await response.ShouldHaveStatus(HttpStatusCode.Created);
        return await response.ReadAsync<PersonResponse>();
    }
}
