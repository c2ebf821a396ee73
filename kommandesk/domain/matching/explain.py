"""The words of a match: a line per score part and the reason a hard rule failed, with its figures.

Made only for the volunteers shown (the top candidates and near misses), in the active UI language.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from kommandesk.domain.availability import Period
from kommandesk.domain.languages import Level
from kommandesk.domain.matching.model import PARTS, Part, PartLine, Rule
from kommandesk.domain.matching.pool import CLEARED, NO_CLEARANCE, Pool, slot_of_bit
from kommandesk.domain.matching.score import PART_ROW, Evaluation, RequestFacts, helped_before
from kommandesk.domain.requests import GenderPreference
from kommandesk.domain.volunteers import Status
from kommandesk.i18n import _, ngettext

LEVELS = list(Level)
A_MONDAY = dt.date(2024, 1, 1)


def _km(value: float) -> str:
    from kommandesk.i18n.formatting import format_number

    return format_number(round(float(value), 1))


def _date(ordinal_or_day) -> str:
    from kommandesk.i18n.formatting import format_date

    day = ordinal_or_day if isinstance(ordinal_or_day, dt.date) else dt.date.fromordinal(int(ordinal_or_day))
    return format_date(day)


def _weekday(day: int) -> str:
    from kommandesk.i18n.formatting import format_date

    return format_date(A_MONDAY + dt.timedelta(days=day), "EEEE")


def _language(code: str) -> str:
    from kommandesk.i18n.formatting import language_name

    return language_name(code)


def _speaks(code: str, rank: int, needed_rank: int) -> str:
    level, needed = LEVELS[rank], LEVELS[needed_rank]
    if level is Level.NATIVE:
        return _("speaks {language} as a native speaker (needed {needed})").format(
            language=_language(code), needed=needed.label())
    return _("speaks {language} {level} (needed {needed})").format(
        language=_language(code), level=level.value, needed=needed.label())


def _best_language(facts: RequestFacts, pool: Pool, i: int) -> tuple[str, int, int] | None:
    """(code, rank, needed rank) of the needed language the volunteer speaks best relative to its level."""
    best = None
    for code, min_rank in facts.needed:
        ranks = pool.languages.get(code)
        if ranks is not None and ranks[i] >= 0:
            margin = int(ranks[i]) - min_rank
            if best is None or margin > best[0]:
                best = (margin, code, int(ranks[i]), min_rank)
    return best[1:] if best else None


def language_text(facts: RequestFacts, pool: Pool, i: int) -> str:
    if not facts.needed:
        return _("no language needed")
    best = _best_language(facts, pool, i)
    if best is None:
        return _("speaks none of the needed languages ({languages})").format(
            languages=", ".join(_language(code) for code, _rank in facts.needed))
    return _speaks(*best)


def part_text(part: Part, facts: RequestFacts, pool: Pool, ev: Evaluation, i: int) -> str:
    if part is Part.LANGUAGE:
        return language_text(facts, pool, i)
    if part is Part.DISTANCE:
        distance = ev.distance[i]
        if np.isnan(distance):
            return _("distance unknown")
        return _("{km} km away").format(km=_km(distance))
    if part is Part.EXPERIENCE:
        listed = bool(facts.area_id and facts.area_id in pool.areas and pool.areas[facts.area_id][i])
        done = int(pool.completed[facts.area_id][i]) if facts.area_id in pool.completed else 0
        if listed and done:
            return ngettext("offers this area of help and completed {count} assignment in it",
                            "offers this area of help and completed {count} assignments in it", done).format(count=done)
        if done:
            return ngettext("completed {count} assignment in this area of help",
                            "completed {count} assignments in this area of help", done).format(count=done)
        if listed:
            return _("offers this area of help")
        return _("no experience in this area of help recorded")
    if part is Part.TRAININGS:
        count = int(pool.trainings[facts.area_id][i]) if facts.area_id in pool.trainings else 0
        if not count:
            return _("no relevant trainings recorded")
        return ngettext("{count} relevant training completed", "{count} relevant trainings completed",
                        count).format(count=count)
    if part is Part.WORKLOAD:
        count = int(pool.open_count[i])
        if not count:
            return _("no current assignments")
        return ngettext("{count} current assignment", "{count} current assignments", count).format(count=count)
    helped = helped_before(facts, pool).get(i)
    if helped:
        return _("helped this family before ({references})").format(references=", ".join(helped))
    return _("has not helped this family before")


def part_lines(facts: RequestFacts, pool: Pool, ev: Evaluation, i: int, values: np.ndarray,
               points: np.ndarray) -> tuple[PartLine, ...]:
    """``values`` and ``points``: this volunteer's column of each (rows in PARTS order)."""
    return tuple(PartLine(part, round(float(values[PART_ROW[part]]), 4), round(float(points[PART_ROW[part]]), 2),
                          part_text(part, facts, pool, ev, i)) for part in PARTS)


def reason(rule: Rule, facts: RequestFacts, pool: Pool, ev: Evaluation, i: int) -> str:
    """Why volunteer ``i`` fails ``rule``, with figures."""
    if rule is Rule.ACTIVE:
        if pool.statuses[i] != Status.ACTIVE.value:
            return _("not active ({status})").format(status=Status(pool.statuses[i]).label())
        return _("no consent recorded")
    if rule is Rule.LANGUAGE:
        return language_text(facts, pool, i)
    if rule is Rule.CLEARANCE:
        group = int(pool.clearance_group[i])
        if group == NO_CLEARANCE:
            return _("no clearance recorded")
        if group != CLEARED:
            return _("the clearance shows a relevant entry")
        expiry = int(pool.clearance_expiry[i])
        if expiry <= facts.first_day.toordinal():
            return _("clearance expired on {date}").format(date=_date(expiry))
        return _("clearance expires on {date}, before the help ends ({last})").format(
            date=_date(expiry), last=_date(facts.last_day))
    if rule is Rule.AVAILABILITY:
        hit = int(ev.absent_on[i])
        if hit >= 0:
            return _("absent from {first} to {last}").format(first=_date(int(pool.abs_first[hit])),
                                                             last=_date(int(pool.abs_last[hit])))
        missing = facts.need_mask & ~int(pool.slots[i])
        bit = (missing & -missing).bit_length() - 1
        day, period = slot_of_bit(bit)
        return _("not available on {weekday} {period}").format(weekday=_weekday(day), period=Period(period).label())
    if rule is Rule.GENDER:
        if facts.gender is GenderPreference.FEMALE:
            return _("the family asked for a woman")
        return _("the family asked for a man")
    if rule is Rule.DISTANCE:
        return _("{km} km away (travels up to {radius} km)").format(km=_km(ev.distance[i]),
                                                                     radius=_km(pool.radius[i]))
    if rule is Rule.CAPACITY:
        return _("already has {count} of {limit} assignments").format(count=int(pool.open_count[i]),
                                                                      limit=int(pool.max_assignments[i]))
    hit = int(ev.busy_with[i])
    return _("busy with {reference} at the same time").format(reference=pool.occ_reference[hit])
