using System.Net;
using System.Net.Http.Json;
using Dapper;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Auth;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Tests.Infrastructure;
using Klima.Api.Tests.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// Cases created at the same moment (issue 19, seventh round: on SQLite the cases queued behind the write gate share one
/// transaction, each in its own savepoint): every case lands with its own number, steps, audit rows and feed events; one
/// that fails inside the group (a source reference taken) is refused on its own and leaves no row behind.
/// </summary>
public sealed class GroupCommitTests(DatabaseLane lane) : ApiTest(lane)
{
    private IDbConnectionFactory Connections => Factory.Services.GetRequiredService<IDbConnectionFactory>();

    private SqliteWriter? Writer => (Connections as RecordingConnectionFactory)?.Inner is SqliteConnectionFactory sqlite ? sqlite.Writer : null;

    /// <summary>
    /// Sends the requests while the write gate is held, until every one has queued (one at a time, in this order, when
    /// <paramref name="oneAtATime"/>), so that they meet in one group; without the SQLite writer (SQL Server) all at once.
    /// </summary>
    private async Task<HttpResponseMessage[]> SendInOneGroupAsync(List<Func<Task<HttpResponseMessage>>> sends, bool oneAtATime)
    {
        if (Writer is not { } writer)
        {
            return await Task.WhenAll(sends.Select(send => send()));
        }
        await using var held = await Connections.WriteAsync(CancellationToken.None);
        var sending = new List<Task<HttpResponseMessage>>();
        foreach (var send in sends)
        {
            sending.Add(send());
            if (oneAtATime)
            {
                await QueuedAsync(writer, sending.Count);
            }
        }
        await QueuedAsync(writer, sends.Count);
        writer.Queued.ShouldBe(sends.Count);
        await held.Transaction.CommitAsync();
        await held.DisposeAsync();
        return await Task.WhenAll(sending);
    }

    private static async Task QueuedAsync(SqliteWriter writer, int count)
    {
        for (var wait = 0; writer.Queued < count && wait < 6000; wait++)
        {
            await Task.Delay(10);
        }
    }

    [Test]
    public async Task Cases_created_together_all_land_and_a_taken_reference_among_them_is_refused_alone()
    {
        var titles = Enumerable.Range(0, 12).Select(i => $"Gruppesag {i}").Append("Gruppesag med samme kildereference").ToList();
        var bodies = Enumerable.Range(0, 12).Select(i => Seed.NewCase(councils: i % 3 == 0, externalReference: $"GROUP-{i}", title: titles[i])).ToList();
        // Which of the two with GROUP-5 comes first in the group is the order the requests arrived in.
        bodies.Add(Seed.NewCase(externalReference: "GROUP-5", title: titles[12]));
        var groupsBefore = Writer?.Groups ?? 0;

        // The write gate held while the requests route and queue, so that they meet in one group.
        var responses = await SendInOneGroupAsync(bodies.Select(b => (Func<Task<HttpResponseMessage>>)(() => Client.PostAsJsonAsync("/api/cases", b, Json))).ToList(),
            oneAtATime: false);

        if (Writer is not null)
        {
            Writer.Groups.ShouldBe(groupsBefore + 1);
        }
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(1);
        var created = new List<CaseResponse>();
        foreach (var response in responses.Where(r => r.StatusCode != HttpStatusCode.Conflict))
        {
            await response.ShouldHaveStatus(HttpStatusCode.Created);
            created.Add(await response.ReadAsync<CaseResponse>());
        }
        created.Count.ShouldBe(12);
        created.Select(c => c.CaseNumber).Distinct().Count().ShouldBe(12);
        created.Select(c => c.ExternalReference).Distinct().Count().ShouldBe(12);

        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        foreach (var found in created)
        {
            // As written, read back: the answer given is the case's.
            var read = await GetAsync<CaseResponse>($"/api/cases/{found.Id}");
            read.CaseNumber.ShouldBe(found.CaseNumber);
            read.Steps().Count().ShouldBe(found.Steps().Count());
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'case_step' AND after_json LIKE @Case",
                new { Case = $"%{found.Id}%" })).ShouldBe(found.Steps().Count());
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM audit_log WHERE entity_type = 'case_file' AND entity_id = @Id AND actor IS NOT NULL",
                new { found.Id })).ShouldBe(1);
            (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM case_event WHERE case_id = @Id", new { found.Id })).ShouldBe(2);
        }
        // The refused one is one of the two with GROUP-5, and it left nothing: one case with the reference, none with its title.
        var refused = titles[Array.FindIndex(responses, r => r.StatusCode == HttpStatusCode.Conflict)];
        new[] { titles[5], titles[12] }.ShouldContain(refused);
        created.Select(c => c.Title).ShouldBe(titles.Where(t => t != refused), ignoreOrder: true);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM case_file WHERE external_reference = 'GROUP-5'")).ShouldBe(1);
        (await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM case_file WHERE title = @Refused", new { Refused = refused })).ShouldBe(0);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Cases_created_together_by_different_callers_are_each_written_as_their_own_callers()
    {
        using var aalborg = CreateClient(Roles.Secretariat, Seed.Aalborg);
        using var frederikshavn = CreateClient(Roles.Secretariat, Seed.Frederikshavn);
        // In arrival order: the first leads the group, whose writes must still read their own request's user.
        var senders = new[] { (Client: Client, Owner: (Guid?)null), (aalborg, Seed.Aalborg), (frederikshavn, Seed.Frederikshavn), (aalborg, Seed.Aalborg), (Client, null) };
        var bodies = senders.Select((s, i) => Seed.NewCase(s.Owner is null ? "joint" : "municipal", externalReference: $"CALLERS-{i}", title: $"Sag fra kalder {i}")).ToList();

        var responses = await SendInOneGroupAsync(
            senders.Select((s, i) => (Func<Task<HttpResponseMessage>>)(() => s.Client.PostAsJsonAsync("/api/cases", bodies[i], Json))).ToList(), oneAtATime: true);

        await using var connection = await Connections.OpenAsync(CancellationToken.None);
        for (var i = 0; i < senders.Length; i++)
        {
            await responses[i].ShouldHaveStatus(HttpStatusCode.Created);
            var created = await responses[i].ReadAsync<CaseResponse>();
            var row = await connection.QuerySingleAsync<(Guid? Owner, string CreatedBy)>(
                "SELECT owner_organisation_id, created_by FROM case_file WHERE id = @Id", new { created.Id });
            row.Owner.ShouldBe(senders[i].Owner, $"case {i}");
            row.CreatedBy.ShouldBe(senders[i].Owner is null ? "test-administrator" : "test-secretariat", $"case {i}");
            responses[i].Dispose();
        }
    }

    [Test]
    public async Task An_organisation_renamed_between_two_cases_names_the_second_cases_step_by_its_new_name()
    {
        var first = await Client.CreateCaseAsync(Seed.NewCase(councils: true));
        first.Steps().Single(s => s.OrganisationId == Seed.Aalborg).OrganisationName.ShouldNotBeNull();

        using var current = await Client.GetAsync($"/api/organisations/{Seed.Aalborg}");
        await current.ShouldHaveStatus(HttpStatusCode.OK);
        var organisation = await current.ReadJsonAsync();
        using var renamed = await SendAsync(HttpMethod.Put, $"/api/organisations/{Seed.Aalborg}", new
        {
            kind = organisation["kind"]!.GetValue<string>(),
            name = "Aalborg Kommune, omdøbt",
            shortName = organisation["shortName"]?.GetValue<string>(),
            municipalityCode = organisation["municipalityCode"]?.GetValue<string>(),
            regionCode = organisation["regionCode"]?.GetValue<string>(),
            cvr = organisation["cvr"]?.GetValue<string>(),
        }, current.ETag());
        await renamed.ShouldHaveStatus(HttpStatusCode.OK);

        var second = await Client.CreateCaseAsync(Seed.NewCase(councils: true));
        second.Steps().Single(s => s.OrganisationId == Seed.Aalborg).OrganisationName.ShouldBe("Aalborg Kommune, omdøbt");
        (await GetAsync<CaseResponse>($"/api/cases/{second.Id}")).Steps().Single(s => s.OrganisationId == Seed.Aalborg)
            .OrganisationName.ShouldBe("Aalborg Kommune, omdøbt");
    }
}
