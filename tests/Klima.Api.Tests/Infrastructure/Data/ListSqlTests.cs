using Klima.Api.Infrastructure.Data;
using Klima.Api.Infrastructure.Http;

namespace Klima.Api.Tests.Infrastructure.Data;

/// <summary>The one list skeleton: tombstones, modifiedSince, filters, cursor, order and the dialect's limit, in that order.</summary>
public sealed class ListSqlTests
{
    private sealed record Query(int? Limit, string? Cursor, DateTimeOffset? ModifiedSince) : IListQuery;

    [Test]
    public void A_first_page_leaves_tombstones_out_and_fetches_one_more_than_the_page()
    {
        var list = new ListSql("SELECT id FROM organisation", new Query(10, null, null)).Where(false, "kind = @Kind");

        list.ToSql(new SqliteDialect()).ShouldBe("SELECT id FROM organisation WHERE deleted_at IS NULL ORDER BY id LIMIT @Take");
        list.After.ShouldBeNull();
        list.Take.ShouldBe(11);
    }

    [Test]
    public void Incremental_sync_keeps_tombstones_and_a_cursor_continues_after_its_id_on_the_alias()
    {
        var id = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
        var list = new ListSql("SELECT p.id FROM person p", new Query(null, Cursor.Encode(id.ToString()), DateTimeOffset.UnixEpoch), alias: "p")
            .Where(true, "p.organisation_id = @OrganisationId");

        list.ToSql(new SqlServerDialect()).ShouldBe(
            "SELECT p.id FROM person p WHERE p.modified_at > @ModifiedSince AND p.organisation_id = @OrganisationId AND p.id > @After " +
            "ORDER BY p.id OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY");
        list.After.ShouldBe(id);
        list.Take.ShouldBe(Paging.DefaultLimit + 1);
    }

    [Test]
    public void A_cursor_the_API_did_not_give_out_is_a_validation_problem_on_the_cursor() =>
        Should.Throw<FluentValidation.ValidationException>(() => new ListSql("SELECT id FROM t", new Query(null, Cursor.Encode("not-a-guid"), null)))
            .Errors.Single().PropertyName.ShouldBe("cursor");
}
