"""What matching answers: the hard rules, the score parts and their weights, and the result types.

No numpy here: the UI and the CLI import these names without paying for the engine.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from enum import Enum

from kommandesk.domain.requests import Urgency
from kommandesk.i18n import _, pgettext


class Rule(str, Enum):
    """The hard rules, in the order they are checked and shown."""

    ACTIVE = "active"  # volunteer active and with consent
    LANGUAGE = "language"
    CLEARANCE = "clearance"
    AVAILABILITY = "availability"
    GENDER = "gender"
    DISTANCE = "distance"
    CAPACITY = "capacity"
    OVERLAP = "overlap"

    def label(self) -> str:
        return {Rule.ACTIVE: pgettext("matching rule", "active, with consent"),
                Rule.LANGUAGE: pgettext("matching rule", "speaks a needed language"),
                Rule.CLEARANCE: pgettext("matching rule", "valid clearance"),
                Rule.AVAILABILITY: pgettext("matching rule", "available at the requested times"),
                Rule.GENDER: pgettext("matching rule", "preferred gender"),
                Rule.DISTANCE: pgettext("matching rule", "within travel radius"),
                Rule.CAPACITY: pgettext("matching rule", "has a free place"),
                Rule.OVERLAP: pgettext("matching rule", "free at the same time")}[self]


RULES: tuple[Rule, ...] = tuple(Rule)


class Part(str, Enum):
    """The parts of the score (each 0..1, weighted)."""

    LANGUAGE = "language"
    DISTANCE = "distance"
    EXPERIENCE = "experience"
    TRAININGS = "trainings"
    WORKLOAD = "workload"
    CONTINUITY = "continuity"

    def label(self) -> str:
        return {Part.LANGUAGE: pgettext("score part", "language"),
                Part.DISTANCE: pgettext("score part", "distance"),
                Part.EXPERIENCE: pgettext("score part", "experience"),
                Part.TRAININGS: pgettext("score part", "trainings"),
                Part.WORKLOAD: pgettext("score part", "workload"),
                Part.CONTINUITY: pgettext("score part", "continuity")}[self]


PARTS: tuple[Part, ...] = tuple(Part)
MAX_WEIGHT = 10.0


@dataclass(frozen=True)
class MatchWeights:
    """How much each part counts (0..10 each, at least one above 0). Stored as JSON in organisation.match_weights."""

    language: float = 2.0
    distance: float = 2.0
    experience: float = 1.5
    trainings: float = 1.0
    workload: float = 1.5
    continuity: float = 2.0

    def of(self, part: Part) -> float:
        return float(getattr(self, part.value))

    def as_dict(self) -> dict[str, float]:
        return {part.value: self.of(part) for part in PARTS}

    @classmethod
    def from_dict(cls, values: dict) -> "MatchWeights":
        """Known keys only; anything unusable falls back to its default (a hand-edited database)."""
        defaults = cls()
        found = {}
        for part in PARTS:
            value = values.get(part.value) if isinstance(values, dict) else None
            ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) \
                and 0 <= value <= MAX_WEIGHT
            found[part.value] = float(value) if ok else defaults.of(part)
        weights = cls(**found)
        return weights if any(weights.of(p) > 0 for p in PARTS) else defaults


def validate_weights(weights: MatchWeights) -> dict[str, str]:
    """Field name -> translated message; empty when the weights can be saved."""
    errors: dict[str, str] = {}
    for part in PARTS:
        value = getattr(weights, part.value)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or not 0 <= value <= MAX_WEIGHT:
            errors[part.value] = _("Between 0 and {limit}, please.").format(limit=int(MAX_WEIGHT))
    if not errors and not any(getattr(weights, part.value) > 0 for part in PARTS):
        message = _("At least one weight must be above 0.")
        errors = {part.value: message for part in PARTS}
    return errors


def cleaned_weights(weights: MatchWeights) -> MatchWeights:
    return dataclasses.replace(weights, **{part.value: float(getattr(weights, part.value)) for part in PARTS})


@dataclass(frozen=True)
class PartLine:
    part: Part
    value: float  # 0..1
    points: float  # its share of the 0..100 score
    text: str  # "speaks Dari C1 (needed B1)", "4.2 km away", ...


@dataclass(frozen=True)
class Candidate:
    volunteer_id: str
    reference: str
    name: str
    score: float
    parts: tuple[PartLine, ...]


@dataclass(frozen=True)
class NearMiss:
    """Fails exactly one hard rule; ``reason`` names it with figures; ``score`` is what it would score."""

    volunteer_id: str
    reference: str
    name: str
    rule: Rule
    reason: str
    score: float


@dataclass(frozen=True)
class MatchResult:
    request_id: str
    reference: str
    candidates: tuple[Candidate, ...]  # best first, at most ``limit``
    total_candidates: int
    near_misses: tuple[NearMiss, ...]  # best score first, at most ``near_limit``
    total_near_misses: int
    excluded: dict[Rule, int]  # how many volunteers failed each rule (a volunteer counts under each it fails)
    notes: tuple[str, ...]


@dataclass(frozen=True)
class ProposalRow:
    request_id: str
    request_reference: str
    person: str
    urgency: Urgency
    volunteer_id: str
    volunteer_reference: str
    volunteer_name: str
    score: float
    parts: tuple[PartLine, ...]


@dataclass(frozen=True)
class Unserved:
    request_id: str
    reference: str
    person: str
    urgency: Urgency
    rule: Rule | None  # the rule that excluded the most active volunteers; None: those who fit went elsewhere
    excluded: int
    reason: str


@dataclass(frozen=True)
class Proposal:
    rows: tuple[ProposalRow, ...]
    unserved: tuple[Unserved, ...]
    seconds_total: float
    seconds_solver: float
    greedy_served: int  # a greedy run (best score first) for comparison
