"""The documented rule between proficiency levels 1-8 and θ, and the initial item parameters."""

from __future__ import annotations

import math

LEVELS = range(1, 9)
_WIDTH = 0.6
# θ sitting exactly on a band's lower edge belongs to that band despite float rounding.
_EDGE = 1e-9
# The two-sided 80 % interval of a normal posterior.
Z80 = 1.2815515655446004


def theta_for_level(level: int) -> float:
    """The centre of a level's band: b = 0.6 x (level - 4.5)."""
    if level not in LEVELS:
        raise ValueError("level must be 1..8")
    return _WIDTH * (level - 4.5)


def level_for_theta(theta: float) -> int:
    """The level whose band [0.6(l - 5), 0.6(l - 4)) holds θ, clamped to 1..8."""
    if math.isnan(theta):
        raise ValueError("theta is not a number")
    if math.isinf(theta):
        return 8 if theta > 0 else 1
    return min(8, max(1, math.floor(theta / _WIDTH + _EDGE) + 5))


def level_range(theta: float, se: float) -> tuple[int, int]:
    """The levels of the 80 % interval θ ± 1.28 SE."""
    return level_for_theta(theta - Z80 * se), level_for_theta(theta + Z80 * se)


def initial_params(
    level: int, type: str, n_options: int, interaction: str | None = None
) -> tuple[float, float, float]:
    """(a, b, c) by the documented rule before calibration: see docs/assessment.md."""
    if n_options < 2:
        raise ValueError("an item has at least two options")
    single = type == "single_choice" or (type == "scenario" and interaction == "single_choice")
    a = 1.4 if single else 1.6
    c = min(0.25, 1.0 / n_options) if single else 0.0
    return a, theta_for_level(level), c
