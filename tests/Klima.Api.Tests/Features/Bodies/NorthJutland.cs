namespace Klima.Api.Tests.Features.Bodies;

/// <summary>Fixed identifiers of the North Jutland seed (db/seed/north-jutland/0001_north_jutland.ids.json, the ids the model document is loaded with).</summary>
public static class NorthJutland
{
    public const string Model = "01000000-0000-0000-0000-000000000001";

    public const string Aalborg = "10000000-0000-0000-0000-000000000851";
    public const string Bronderslev = "10000000-0000-0000-0000-000000000810";
    public const string Frederikshavn = "10000000-0000-0000-0000-000000000813";
    public const string Hjorring = "10000000-0000-0000-0000-000000000860";
    public const string Jammerbugt = "10000000-0000-0000-0000-000000000849";
    public const string Laeso = "10000000-0000-0000-0000-000000000825";
    public const string Mariagerfjord = "10000000-0000-0000-0000-000000000846";
    public const string Morso = "10000000-0000-0000-0000-000000000773";
    public const string Rebild = "10000000-0000-0000-0000-000000000840";
    public const string Thisted = "10000000-0000-0000-0000-000000000787";
    public const string Vesthimmerland = "10000000-0000-0000-0000-000000000820";
    public const string Region = "10000000-0000-0000-0000-000000001081";
    public const string Brn = "10000000-0000-0000-0000-000000000001";

    public const string BrnBoard = "20000000-0000-0000-0000-000000000001";
    public const string Kkr = "20000000-0000-0000-0000-000000000002";
    public const string RegionalCouncil = "20000000-0000-0000-0000-000000000003";
    public const string DialogueForum = "20000000-0000-0000-0000-000000000004";
    public const string T11 = "20000000-0000-0000-0000-000000000005";
    public const string ProjectSteeringGroup = "20000000-0000-0000-0000-000000000006";
    public const string ClimateSecretariat = "20000000-0000-0000-0000-000000000007";
    public const string BrnSecretariat = "20000000-0000-0000-0000-000000000008";
    public const string KkrSecretariat = "20000000-0000-0000-0000-000000000009";
    public const string NationalPoliticalGroup = "20000000-0000-0000-0000-000000000010";
    public const string NationalPartnership = "20000000-0000-0000-0000-000000000011";

    /// <summary>Seat n (1-based) of the dialogue forum: 1-4 Aalborg, 5-8 Brønderslev, ... 45-48 the region.</summary>
    public static string DialogueForumSeat(int n) => $"30000000-0000-0000-0004-{n:D12}";

    public static string T11Seat(int n) => $"30000000-0000-0000-0005-{n:D12}";

    public static string SteeringGroupSeat(int n) => $"30000000-0000-0000-0006-{n:D12}";

    public static string SecretariatSeat(int n) => $"30000000-0000-0000-0007-{n:D12}";

    public static string KkrSeat(int n) => $"30000000-0000-0000-0002-{n:D12}";

    public static string BrnBoardSeat(int n) => $"30000000-0000-0000-0001-{n:D12}";
}
