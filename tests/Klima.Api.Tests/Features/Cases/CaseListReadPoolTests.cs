using Klima.Api.Domain.Routing;
using Klima.Api.Features.Cases;
using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;
using Klima.Api.Tests.Infrastructure;
using Klima.Api.Tests.Infrastructure.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Klima.Api.Tests.Features.Cases;

/// <summary>
/// The cases page is read through the read connections that keep their prepared commands (issue 19; on SQLite
/// <see cref="SqliteReadPool"/>): a write acknowledged by the API is on the next page read through the same connection and
/// the same prepared commands (the page's and its steps').
/// </summary>
public sealed class CaseListReadPoolTests(DatabaseLane lane) : ApiTest(lane)
{
    private async Task<List<ListCases.CaseSummary>> ListAsync(string token) =>
        (await GetAsync<Page<ListCases.CaseSummary>>($"/api/cases?limit=50&interest=joint&q={token}")).Items.ToList();

    private SqliteReadPool? Pool =>
        Factory.Services.GetRequiredService<IDbConnectionFactory>() is var factory
        && (factory is RecordingConnectionFactory recording ? recording.Inner : factory) is SqliteConnectionFactory sqlite
            ? sqlite.Reads
            : null;

    [Test]
    public async Task A_write_through_the_API_is_on_the_next_page_read_through_the_pooled_prepared_commands()
    {
        var token = $"P{Guid.NewGuid():N}"[..12];
        (await ListAsync(token)).ShouldBeEmpty();
        var opened = Pool?.OpenConnections;

        var created = await Client.CreateCaseAsync(Seed.NewCase("joint", title: $"Pulje {token}"));
        var first = (await ListAsync(token)).ShouldHaveSingleItem();
        first.Id.ShouldBe(created.Id);
        first.State.ShouldBe(CaseState.Open);
        var stage = first.CurrentStageName.ShouldNotBeNull();

        // The route moves on (written through the API): the page's steps, read with the same prepared command, show it.
        await Client.CompleteStagesBeforeAsync(created, 4);
        var moved = (await ListAsync(token)).ShouldHaveSingleItem();
        moved.CurrentStageName.ShouldNotBe(stage);

        if (Pool is { } pool)
        {
            // One request after another: the page was read on the connection the first read opened, not on new ones.
            pool.OpenConnections.ShouldBe(opened!.Value);
            pool.OpenConnections.ShouldBeGreaterThan(0);
        }
    }
}
