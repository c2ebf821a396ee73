"""One request: the ranked candidates, the near misses (exactly one rule failed), and one volunteer explained."""

from __future__ import annotations

import numpy as np

from kommandesk.domain.matching.explain import part_lines, reason
from kommandesk.domain.matching.model import RULES, Candidate, MatchResult, MatchWeights, NearMiss, Rule
from kommandesk.domain.matching.pool import Pool
from kommandesk.domain.matching.score import RULE_ROW, Evaluation, RequestFacts, evaluate, part_values, scores


def _best_first(idx: np.ndarray, score: np.ndarray, pool: Pool, limit: int) -> list[int]:
    """Positions into ``idx`` of the ``limit`` best scores (ties: the lower reference first, stable)."""
    if idx.size == 0 or limit <= 0:
        return []
    if idx.size > limit:
        top = np.argpartition(-score, limit - 1)[:limit]
    else:
        top = np.arange(idx.size)
    return sorted(top.tolist(), key=lambda k: (-round(float(score[k]), 6), pool.references[idx[k]]))


def rank(facts: RequestFacts, pool: Pool, weights: MatchWeights, *, limit: int = 20, near_limit: int = 20,
         notes: tuple[str, ...] = (), evaluation: Evaluation | None = None) -> MatchResult:
    ev = evaluation or evaluate(facts, pool)
    shown = ~ev.already
    cand = np.flatnonzero((ev.nfail == 0) & shown)
    near = np.flatnonzero((ev.nfail == 1) & shown)
    both = np.concatenate([cand, near])
    values = part_values(facts, pool, ev, both)
    score, points = scores(values, weights)
    k = cand.size

    candidates = []
    for pos in _best_first(cand, score[:k], pool, limit):
        i = int(cand[pos])
        candidates.append(Candidate(pool.ids[i], pool.references[i], pool.names[i], round(float(score[pos]), 1),
                                    part_lines(facts, pool, ev, i, values[:, pos], points[:, pos])))
    misses = []
    for pos in _best_first(near, score[k:], pool, near_limit):
        i = int(near[pos])
        rule = RULES[int(np.argmax(ev.fails[:, i]))]
        misses.append(NearMiss(pool.ids[i], pool.references[i], pool.names[i], rule,
                               reason(rule, facts, pool, ev, i), round(float(score[k + pos]), 1)))
    excluded = {rule: int(ev.fails[RULE_ROW[rule]][shown].sum()) for rule in RULES}
    return MatchResult(request_id=facts.request_id, reference=facts.reference, candidates=tuple(candidates),
                       total_candidates=int(k), near_misses=tuple(misses), total_near_misses=int(near.size),
                       excluded=excluded, notes=tuple(notes))


def explain_one(facts: RequestFacts, pool: Pool, weights: MatchWeights, i: int,
                evaluation: Evaluation | None = None) -> Candidate | NearMiss | list[str]:
    """Volunteer ``i`` (a pool position): a Candidate, a NearMiss, or the reasons of the 2+ rules it fails."""
    ev = evaluation or evaluate(facts, pool)
    failed = ev.failed(i)
    if len(failed) >= 2:
        return [reason(rule, facts, pool, ev, i) for rule in failed]
    idx = np.array([i], dtype=np.int64)
    values = part_values(facts, pool, ev, idx)
    score, points = scores(values, weights)
    if not failed:
        return Candidate(pool.ids[i], pool.references[i], pool.names[i], round(float(score[0]), 1),
                         part_lines(facts, pool, ev, i, values[:, 0], points[:, 0]))
    rule: Rule = failed[0]
    return NearMiss(pool.ids[i], pool.references[i], pool.names[i], rule, reason(rule, facts, pool, ev, i),
                    round(float(score[0]), 1))
