namespace Klima.Api.Tests.Features.Financing;

/// <summary>Fixed identifiers of North Jutland's financing seed (db/seed/north-jutland/0001_north_jutland.ids.json and 0020_financing_history.sql).</summary>
internal static class Seeded
{
    public const string Brn = "40000000-0000-0000-0000-000000000001";
    public const string Region = "40000000-0000-0000-0000-000000000002";
    public const string MunicipalitiesJointly = "40000000-0000-0000-0000-000000000003";

    public const string Dk2020 = "41000000-0000-0000-0000-000000000001";
    public const string Gen2040 = "41000000-0000-0000-0000-000000000002";
    public const string Gen2040Phase3 = "41000000-0000-0000-0000-000000000004";
    public const string Klimaalliancen = "41000000-0000-0000-0000-000000000005";
    public const string Secretariat = "41000000-0000-0000-0000-000000000006";

    public const string Gen2040Phase2Grant = "43000000-0000-0000-0000-000000000001";
    public const string Gen2040Phase3Reservation = "43000000-0000-0000-0000-000000000002";

    public const string Dk2020Budget = "44000000-0000-0000-0000-000000000001";
    public const string SecretariatBudget = "44000000-0000-0000-0000-000000000002";

    public const string ClimateSecretariatBody = "20000000-0000-0000-0000-000000000007";
    public const string Model = "01000000-0000-0000-0000-000000000001";

    /// <summary>The 11 municipalities' organisation ids (10000000-...-000000000&lt;code&gt;).</summary>
    public static readonly IReadOnlyList<string> MunicipalityCodes = ["851", "810", "813", "860", "849", "825", "846", "773", "840", "787", "820"];

    public static Guid Municipality(string code) => Guid.Parse($"10000000-0000-0000-0000-000000000{code}");
}
