"""Matching volunteers to support requests (issue 5): hard rules, an explained score, near misses, and an
optimal assignment of all open requests.

This package's names come from ``model`` (no numpy): importing them costs nothing at start-up. The engine
(numpy, scipy) lives in ``pool``, ``score``, ``explain``, ``rank`` and ``optimal`` and is imported when
matching runs.
"""

from kommandesk.domain.matching.model import (
    MAX_WEIGHT, PARTS, RULES, Candidate, MatchResult, MatchWeights, NearMiss, Part, PartLine, Proposal, ProposalRow,
    Rule, Unserved, validate_weights,
)

__all__ = ["MAX_WEIGHT", "PARTS", "RULES", "Candidate", "MatchResult", "MatchWeights", "NearMiss", "Part", "PartLine",
           "Proposal", "ProposalRow", "Rule", "Unserved", "validate_weights"]
