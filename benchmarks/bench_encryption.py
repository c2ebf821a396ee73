"""An encrypted database (SQLCipher) against the same database unencrypted, at 50,000 volunteers.

One database in the run's scratch folder: the demo organisation and 50,000 volunteers made by
``kommandesk.services.demo.seed.fill_volunteers``; then a copy of it encrypted through ``EncryptionService``. Both are
open in the same process; each figure is measured alternately on both (round 0 not counted), as the Volunteers page
asks: ``count`` + ``page`` of 100 rows.

* first page: the list without a filter, sorted by name, on a freshly opened store (the page being opened).
  Opening the encrypted store derives the key from the passphrase (PBKDF2, about 0.1-0.2 s) once per start: it is
  measured apart, not in the page figure.
* search: each successive prefix of a surname typed into the search field (count + first page), summed.
The issue's target: the encrypted side within 1.5x of the unencrypted one.
"""

from __future__ import annotations

import shutil
import statistics
import time

from run import Context, Row, benchmark
from timing import alternating_rounds, median_ms, timed

N = 50_000
PAGE = 100
PASSPHRASE = "benchmark passphrase"
TARGET = 1.5
SURNAME = "Schmidt"


@benchmark("encryption", "50,000 volunteers: list page and search, encrypted (SQLCipher) versus unencrypted")
def encryption(context: Context) -> list[Row]:
    from kommandesk import paths as paths_mod
    from kommandesk.i18n import set_language
    from kommandesk.services.context import Services
    from kommandesk.services.demo.seed import fill_volunteers
    from kommandesk.services.encryption import EncryptionService
    from kommandesk.services.volunteers import VolunteerQuery
    from kommandesk.store import encryption as crypt

    set_language("en")
    plain_paths = paths_mod.resolve(context.work / "encryption-plain")
    secret_paths = paths_mod.resolve(context.work / "encryption-secret")
    for paths in (plain_paths, secret_paths):
        shutil.rmtree(paths.data_dir, ignore_errors=True)
        paths.ensure()
    began = time.perf_counter()
    filled = Services.open(plain_paths)
    try:
        fill_volunteers(filled, N, seed=13)
        filled.store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        filled.close()
    shutil.copyfile(plain_paths.db_file, secret_paths.db_file)
    switched = time.perf_counter()
    EncryptionService(secret_paths).switch_on(PASSPHRASE, PASSPHRASE, close=lambda: None)
    context.log(f"  generated {N:,} volunteers in {switched - began:.1f} s; encrypted in "
                f"{time.perf_counter() - switched:.1f} s")
    assert not crypt.looks_encrypted(plain_paths.db_file) and crypt.looks_encrypted(secret_paths.db_file)

    prefixes = [SURNAME[:n] for n in range(2, len(SURNAME) + 1)]
    sides = {"unencrypted": plain_paths, "encrypted": secret_paths}

    def cold(service) -> None:
        service._repo._last_count = None  # as bench_volunteers: every query counted afresh

    def first_page(side: str) -> float:
        services = Services.open(sides[side])
        try:
            service = services.volunteers
            query = VolunteerQuery()
            cold(service)
            return timed(lambda: (service.count(query), service.page(query, 0, PAGE)))
        finally:
            services.close()

    def opening(side: str) -> float:
        return timed(lambda: Services.open(sides[side]).close())

    opened = {side: Services.open(paths) for side, paths in sides.items()}

    def search(side: str) -> float:
        service = opened[side].volunteers
        total = 0.0
        for prefix in prefixes:
            query = VolunteerQuery(search=prefix)
            cold(service)
            total += timed(lambda: (service.count(query), service.page(query, 0, PAGE)))
        return total

    try:
        pages = alternating_rounds(context, list(sides), first_page,
                                   lambda r: ", ".join(f"{s} {r[s][-1] * 1000:.1f} ms" for s in r))
        searches = alternating_rounds(context, list(sides), search,
                                      lambda r: ", ".join(f"{s} {r[s][-1] * 1000:.1f} ms" for s in r))
        opens = alternating_rounds(context, list(sides), opening,
                                   lambda r: ", ".join(f"{s} {r[s][-1] * 1000:.0f} ms" for s in r))
    finally:
        for services in opened.values():
            services.close()
    page_ms = {side: median_ms(values) for side, values in pages.items()}
    search_ms = {side: median_ms(values) for side, values in searches.items()}
    open_ms = {side: median_ms(values) for side, values in opens.items()}
    size_mb = statistics.mean(p.db_file.stat().st_size for p in sides.values()) / 1e6
    reference = "the same query on the same database unencrypted, in the same run"
    return [
        Row(f"encrypted: Volunteers first page (count + {PAGE} rows) at {N:,}, median", page_ms["encrypted"],
            page_ms["unencrypted"], target=TARGET, unit="ms", reference_name=reference,
            note=f"fresh store each round; {size_mb:.0f} MB; {context.rounds} rounds"),
        Row(f"encrypted: search as typed '{prefixes[0]}'..'{SURNAME}' (count + first page each), median",
            search_ms["encrypted"], search_ms["unencrypted"], target=TARGET, unit="ms", reference_name=reference,
            note=f"{len(prefixes)} keystrokes summed"),
        Row("encrypted: opening the store (key derivation, checks, pragmas)", open_ms["encrypted"],
            open_ms["unencrypted"], unit="ms", reference_name="opening the unencrypted store",
            note="once per start; no target"),
    ]
