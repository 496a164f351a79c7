namespace Klima.Generator;

/// <summary>Denmark's 5 regions and 98 municipalities with their official codes: the national structure the data hangs on.</summary>
internal static class Denmark
{
    public sealed record Region(string Code, string ModelCode, string Name, string ShortName, string[] Municipalities);

    public static readonly Region[] Regions =
    [
        new("1081", "nordjylland", "Region Nordjylland", "RN",
        [
            "773 Morsø", "787 Thisted", "810 Brønderslev", "813 Frederikshavn", "820 Vesthimmerland", "825 Læsø",
            "840 Rebild", "846 Mariagerfjord", "849 Jammerbugt", "851 Aalborg", "860 Hjørring",
        ]),
        new("1082", "midtjylland", "Region Midtjylland", "RM",
        [
            "615 Horsens", "657 Herning", "661 Holstebro", "665 Lemvig", "671 Struer", "706 Syddjurs", "707 Norddjurs",
            "710 Favrskov", "727 Odder", "730 Randers", "740 Silkeborg", "741 Samsø", "746 Skanderborg", "751 Aarhus",
            "756 Ikast-Brande", "760 Ringkøbing-Skjern", "766 Hedensted", "779 Skive", "791 Viborg",
        ]),
        new("1083", "syddanmark", "Region Syddanmark", "RSD",
        [
            "410 Middelfart", "420 Assens", "430 Faaborg-Midtfyn", "440 Kerteminde", "450 Nyborg", "461 Odense",
            "479 Svendborg", "480 Nordfyns", "482 Langeland", "492 Ærø", "510 Haderslev", "530 Billund", "540 Sønderborg",
            "550 Tønder", "561 Esbjerg", "563 Fanø", "573 Varde", "575 Vejen", "580 Aabenraa", "607 Fredericia",
            "621 Kolding", "630 Vejle",
        ]),
        new("1084", "hovedstaden", "Region Hovedstaden", "RH",
        [
            "101 København", "147 Frederiksberg", "151 Ballerup", "153 Brøndby", "155 Dragør", "157 Gentofte",
            "159 Gladsaxe", "161 Glostrup", "163 Herlev", "165 Albertslund", "167 Hvidovre", "169 Høje-Taastrup",
            "173 Lyngby-Taarbæk", "175 Rødovre", "183 Ishøj", "185 Tårnby", "187 Vallensbæk", "190 Furesø", "201 Allerød",
            "210 Fredensborg", "217 Helsingør", "219 Hillerød", "223 Hørsholm", "230 Rudersdal", "240 Egedal",
            "250 Frederikssund", "260 Halsnæs", "270 Gribskov", "400 Bornholm",
        ]),
        new("1085", "sjaelland", "Region Sjælland", "RSJ",
        [
            "253 Greve", "259 Køge", "265 Roskilde", "269 Solrød", "306 Odsherred", "316 Holbæk", "320 Faxe",
            "326 Kalundborg", "329 Ringsted", "330 Slagelse", "336 Stevns", "340 Sorø", "350 Lejre", "360 Lolland",
            "370 Næstved", "376 Guldborgsund", "390 Vordingborg",
        ]),
    ];

    public static (string Code, string Name) Split(string municipality) => (municipality[..3], municipality[4..]);

    public static readonly string[] FirstNames =
    [
        "Anne", "Mette", "Kirsten", "Hanne", "Helle", "Susanne", "Lene", "Maria", "Marianne", "Camilla", "Louise", "Charlotte",
        "Pia", "Tina", "Ida", "Emma", "Sofie", "Julie", "Line", "Karen", "Peter", "Michael", "Lars", "Jens", "Thomas", "Henrik",
        "Søren", "Christian", "Martin", "Jan", "Morten", "Jesper", "Anders", "Niels", "Rasmus", "Mads", "Frederik", "Jakob",
        "Kasper", "Mikkel", "Ole", "Bo", "Torben", "Poul", "Erik", "Knud", "Birgitte", "Dorte", "Rikke", "Signe",
    ];

    public static readonly string[] LastNames =
    [
        "Nielsen", "Jensen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Rasmussen", "Jørgensen",
        "Petersen", "Madsen", "Kristensen", "Olsen", "Thomsen", "Christiansen", "Poulsen", "Johansen", "Møller", "Mortensen",
        "Knudsen", "Jakobsen", "Mikkelsen", "Frederiksen", "Laursen", "Lund", "Holm", "Schmidt", "Eriksen", "Kristiansen",
        "Nissen", "Clausen", "Simonsen", "Svendsen", "Andreasen", "Iversen", "Østergaard", "Jeppesen", "Vestergaard", "Mathiasen",
    ];
}
