"""A prior from the self-assessment: a modest shift of each area's prior mean."""

from __future__ import annotations

from collections.abc import Mapping

from assessment.engine.model import EngineConfig

# A self-rating of 4.5 (the middle of levels 1-8) is neutral; 1 and 8 are the extremes.
_MIDDLE = 4.5
_HALF_RANGE = 3.5


def self_assessment_prior(ratings: Mapping[str, int], config: EngineConfig) -> tuple[float, ...]:
    """Prior means per area from self-rated levels 1..8, shifted at most ±`self_rating_max_shift` SD.

    The shift is linear in the rating and bounded, because people misjudge their own
    proficiency; it moves only the prior mean, so measured items soon outweigh it. Areas
    without a rating keep the population mean 0.
    """
    unknown = set(ratings) - set(config.areas)
    if unknown:
        raise ValueError(f"unknown area codes: {sorted(unknown)}")
    means = []
    for code in config.areas:
        rating = ratings.get(code)
        if rating is None:
            means.append(0.0)
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 8:
            raise ValueError("a self-rating is a level 1..8")
        means.append(config.self_rating_max_shift * (rating - _MIDDLE) / _HALF_RANGE)
    return tuple(means)
