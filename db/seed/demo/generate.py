#!/usr/bin/env python3
"""Writes 0001_demo_people_and_memberships.sql: a clearly fictional demo data set for North Jutland's model.

Every person is named "Fiktiv ..."; nobody here exists. The memberships keep every hard composition rule of the
seed (one holder per seat at a time, max per organisation / category, the steering group's chair on T11+) and leave
a few seats vacant so that the warnings show. Run it from this folder; the output is committed, the script is kept
so that the data can be regenerated rather than hand-edited. Loaded only when Database:DemoData=true.
"""
import itertools

NOW = "2026-01-05T00:00:00.0000000Z"
MUNICIPALITIES = [  # (seed org id suffix, short name) in the seed's seat order
    ("000000000851", "Aalborg"), ("000000000810", "Brønderslev"), ("000000000813", "Frederikshavn"), ("000000000860", "Hjørring"),
    ("000000000849", "Jammerbugt"), ("000000000825", "Læsø"), ("000000000846", "Mariagerfjord"), ("000000000773", "Morsø"),
    ("000000000840", "Rebild"), ("000000000787", "Thisted"), ("000000000820", "Vesthimmerland"),
]
REGION = ("000000001081", "Region Nordjylland")
TERMS = [("2018-01-01", "2022-01-01"), ("2022-01-01", "2026-01-01"), ("2026-01-01", "2030-01-01")]

people, memberships = [], []
person_ids = itertools.count(1)
membership_ids = itertools.count(1)


def org(suffix):
    return f"10000000-0000-0000-0000-{suffix}"


def seat(body, n):
    return f"30000000-0000-0000-{body:04d}-{n:012d}"


def person(name, organisation, title):
    pid = f"d0000000-0000-0000-0000-{next(person_ids):012d}"
    people.append((pid, name, title, organisation))
    return pid


def member(seat_id, pid, valid_from, valid_to, tied, decision, end_reason=None):
    mid = f"d1000000-0000-0000-0000-{next(membership_ids):012d}"
    memberships.append((mid, seat_id, pid, valid_from, valid_to, decision, tied, end_reason))
    return mid


# BRN board: the 11 mayors and the regional council chair, three terms; some re-elected in 2026.
parties = MUNICIPALITIES + [REGION]
for i, (suffix, name) in enumerate(parties, start=1):
    title = "Regionsrådsformand" if suffix == REGION[0] else "Borgmester"
    a = person(f"Fiktiv {title} {name} A", org(suffix), title)
    b = person(f"Fiktiv {title} {name} B", org(suffix), title)
    member(seat(1, i), a, *TERMS[0], True, f"Fiktiv konstituering {name} 2017")
    member(seat(1, i), b, *TERMS[1], True, f"Fiktiv konstituering {name} 2021")
    third = b if i % 3 else person(f"Fiktiv {title} {name} C", org(suffix), title)
    member(seat(1, i), third, *TERMS[2], True, f"Fiktiv konstituering {name} 2025")
    if suffix == REGION[0]:
        # The regional council's chair seat is held by the same people.
        member(seat(3, 1), a, *TERMS[0], True, "Fiktiv konstituering regionsrådet 2017")
        member(seat(3, 1), b, *TERMS[1], True, "Fiktiv konstituering regionsrådet 2021")
        member(seat(3, 1), third, *TERMS[2], True, "Fiktiv konstituering regionsrådet 2025")

# KKR Nordjylland: 2 per municipality, 2022-2026 and 2026-2030; one resignation mid-term with a successor.
for i, (suffix, name) in enumerate(MUNICIPALITIES):
    for k in (1, 2):
        n = 2 * i + k
        old = person(f"Fiktiv KKR-medlem {name} {k}", org(suffix), "Byrådsmedlem")
        new = person(f"Fiktiv KKR-medlem {name} {k + 2}", org(suffix), "Byrådsmedlem")
        if n == 3:
            member(seat(2, n), old, "2022-01-01", "2024-03-01", True, "Fiktiv byrådsbeslutning 2021", "Fiktiv udtræden af byrådet")
            successor = person(f"Fiktiv KKR-medlem {name} stedfortræder", org(suffix), "Byrådsmedlem")
            member(seat(2, n), successor, "2024-03-01", "2026-01-01", True, "Fiktiv byrådsbeslutning 2024")
        else:
            member(seat(2, n), old, *TERMS[1], True, "Fiktiv byrådsbeslutning 2021")
        member(seat(2, n), new, *TERMS[2], True, "Fiktiv byrådsbeslutning 2025")

# Klimapolitisk Dialogforum (from 2023): all 48 seats in 2023-2026; from 2026 three of four per party, leaving 12 vacant.
for i, (suffix, name) in enumerate(parties):
    for k in range(1, 5):
        n = 4 * i + k
        first = person(f"Fiktiv Dialogforum {name} {k}", org(suffix), "Politisk repræsentant")
        member(seat(4, n), first, "2023-06-01", "2026-01-01", True, f"Fiktiv udpegning {name} 2023")
        if k < 4:
            later = first if k == 1 else person(f"Fiktiv Dialogforum {name} {k + 4}", org(suffix), "Politisk repræsentant")
            member(seat(4, n), later, *TERMS[2], True, f"Fiktiv udpegning {name} 2026")

# T11+: technical directors, not tied to elections; Hjørring changed director in 2024.
directors = {}
for i, (suffix, name) in enumerate(parties, start=1):
    title = "Regional udviklingsdirektør" if suffix == REGION[0] else "Teknisk direktør"
    d = person(f"Fiktiv {title} {name}", org(suffix), title)
    if name == "Hjørring":
        member(seat(5, i), d, "2019-09-01", "2024-05-01", False, "Fiktiv ansættelse 2019", "Fiktiv fratræden")
        d = person(f"Fiktiv {title} {name} (ny)", org(suffix), title)
        member(seat(5, i), d, "2024-05-01", None, False, "Fiktiv ansættelse 2024")
    else:
        member(seat(5, i), d, "2020-01-01", None, False, "Fiktiv ansættelse")
    directors[name] = d

# Project steering group (from 2023-02-17): chair and one more from T11+, two chiefs, the third chief seat vacant.
member(seat(6, 1), directors["Aalborg"], "2023-02-17", None, False, "Fiktiv T11+-beslutning 2023-02")
member(seat(6, 2), directors["Region Nordjylland"], "2023-02-17", None, False, "Fiktiv T11+-beslutning 2023-02")
member(seat(6, 4), person("Fiktiv Klimachef Rebild", org("000000000840"), "Klimachef"), "2023-02-17", None, False, "Fiktiv T11+-beslutning 2023-02")
member(seat(6, 5), person("Fiktiv Miljøchef Region", org(REGION[0]), "Miljøchef"), "2023-02-17", None, False, "Fiktiv T11+-beslutning 2023-02")

# The joint climate secretariat's three staff and the head of the BRN secretariat.
staff = []
for k in range(1, 4):
    employer = org("000000000001") if k == 3 else org(REGION[0])
    p = person(f"Fiktiv Klimamedarbejder {k}", employer, "Klimakonsulent")
    member(seat(7, k), p, "2023-07-01", None, False, "Fiktiv BRN-bestyrelsesbeslutning 2023-02-17")
    staff.append(p)
head = person("Fiktiv Sekretariatschef BRN", org("000000000001"), "Sekretariatschef")
member(seat(8, 1), head, "2019-01-01", None, False, "Fiktiv ansættelse")

# National bodies (Figure 2).
member(seat(10, 1), person("Fiktiv KKR-repræsentant national gruppe", org("000000000851"), "Byrådsmedlem"), *TERMS[2], True, "Fiktiv KKR-udpegning 2026")
member(seat(10, 2), person("Fiktiv Regionsrepræsentant national gruppe", org(REGION[0]), "Regionsrådsmedlem"), *TERMS[2], True, "Fiktiv regionsrådsudpegning 2026")
for k, suffix in enumerate(["000000000002", "000000000003", "000000000004"], start=1):
    member(seat(11, k), person(f"Fiktiv Partnerrepræsentant {k}", org(suffix), "Direktør"), "2023-01-01", None, False, "Fiktiv partnerskabsaftale 2023")


def q(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    return "'" + str(value).replace("'", "''") + "'"


def chunks(rows, size=200):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


lines = [
    "-- Clearly fictional demo data (every person is \"Fiktiv ...\"): people in most seats of North Jutland's model with",
    "-- membership histories over the 2018-2022, 2022-2026 and 2026-2030 election terms. Generated by generate.py in this",
    "-- folder; loaded only when Database:DemoData=true. Keeps every hard composition rule; leaves some seats vacant.",
    "",
]
for rows in chunks(people):
    lines.append("INSERT INTO person (id, name, title, organisation_id, version, created_at, modified_at) VALUES")
    lines.append(",\n".join(f"({q(p)}, {q(n)}, {q(t)}, {q(o)}, 1, {q(NOW)}, {q(NOW)})" for p, n, t, o in rows) + ";")
    lines.append("")
for rows in chunks(memberships):
    lines.append("INSERT INTO membership (id, seat_id, person_id, valid_from, valid_to, appointed_by_decision_ref, tied_to_election_term, end_reason, version, created_at, modified_at) VALUES")
    lines.append(",\n".join(
        f"({q(m)}, {q(s)}, {q(p)}, {q(f)}, {q(t)}, {q(d)}, {q(tied)}, {q(e)}, 1, {q(NOW)}, {q(NOW)})"
        for m, s, p, f, t, d, tied, e in rows) + ";")
    lines.append("")
for k, p in enumerate(staff, start=1):
    lines.append(f"UPDATE staff_position SET holder_person_id = {q(p)}, version = version + 1, modified_at = {q(NOW)} "
                 f"WHERE id = '33000000-0000-0000-0000-{k:012d}';")
lines.append("")

with open("0001_demo_people_and_memberships.sql", "w", encoding="utf-8") as out:
    out.write("\n".join(lines))
print(f"{len(people)} people, {len(memberships)} memberships")
