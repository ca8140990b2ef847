"""The 3PL model, the level rule and the initial parameters, against hand-computed values."""

import math
from typing import Any

import numpy as np
import pytest

from assessment.engine import initial_params, level_for_theta, theta_for_level
from assessment.engine.irt import information, probability
from assessment.engine.levels import level_range


def arr(*values: float) -> np.ndarray:
    return np.array(values, dtype=np.float64)


def test_probability_matches_hand_computed_values() -> None:
    p = probability(arr(0.0, 0.0, 1.0), arr(1.0, 1.4, 2.0), arr(0.0, 0.0, 0.5), arr(0.0, 0.25, 0.0))
    # 1/(1+e^0) = 0.5; 0.25 + 0.75 * 0.5 = 0.625; 1/(1+e^-1) = 0.7310586
    assert p == pytest.approx([0.5, 0.625, 0.7310586], abs=1e-7)


def test_information_matches_hand_computed_values() -> None:
    info = information(arr(0.0, 0.0, 1.0), arr(1.0, 1.4, 2.0), arr(0.0, 0.0, 0.5), arr(0.0, 0.25, 0.0))
    # a² P Q = 0.25; 1.96 * (0.375/0.625) * (0.375/0.75)² = 0.294; 4 * 0.7310586 * 0.2689414
    assert info == pytest.approx([0.25, 0.294, 0.7864477], abs=1e-6)


def test_probability_stays_inside_zero_and_one_far_from_the_item() -> None:
    p = probability(arr(-50.0, 50.0), arr(3.0, 3.0), arr(0.0, 0.0), arr(0.0, 0.0))
    assert 0 < p[0] < 1e-6
    assert 1 - 1e-6 < p[1] < 1
    assert np.all(np.isfinite(information(arr(-50.0, 50.0), arr(3.0, 3.0), arr(0.0, 0.0), arr(0.2, 0.2))))


@pytest.mark.parametrize(
    ("theta", "level"),
    [
        (-9.0, 1),
        (-1.8001, 1),
        (-1.8, 2),
        (-1.2, 3),
        (-0.0001, 4),
        (0.0, 5),
        (0.6, 6),
        (1.7999, 7),
        (1.8, 8),
        (9, 8),
    ],
)
def test_level_for_theta_follows_the_documented_bands(theta: float, level: int) -> None:
    assert level_for_theta(theta) == level


def test_theta_for_level_is_the_difficulty_rule_and_round_trips() -> None:
    assert [theta_for_level(lvl) for lvl in (1, 4, 5, 8)] == pytest.approx([-2.1, -0.3, 0.3, 2.1])
    assert [level_for_theta(theta_for_level(lvl)) for lvl in range(1, 9)] == list(range(1, 9))
    with pytest.raises(ValueError, match=r"1\.\.8"):
        theta_for_level(9)


def test_level_range_is_the_80_percent_interval() -> None:
    assert level_range(0.3, 0.0) == (5, 5)
    # 0.3 ± 1.2816 * 0.5 = [-0.34, 0.94] → levels 4..6
    assert level_range(0.3, 0.5) == (4, 6)
    assert level_for_theta(math.inf) == 8
    assert level_for_theta(-math.inf) == 1


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((4, "single_choice", 4), (1.4, -0.3, 0.25)),
        ((1, "single_choice", 3), (1.4, -2.1, 0.25)),
        ((8, "single_choice", 5), (1.4, 2.1, 0.2)),
        ((5, "multiple_response", 4), (1.6, 0.3, 0.0)),
        ((3, "ordering", 4), (1.6, -0.9, 0.0)),
        ((6, "matching", 6), (1.6, 0.9, 0.0)),
        ((2, "scenario", 4, "single_choice"), (1.4, -1.5, 0.25)),
        ((2, "scenario", 4, "multiple_response"), (1.6, -1.5, 0.0)),
    ],
)
def test_initial_params_follow_the_documented_rule(
    args: tuple[Any, ...], expected: tuple[float, float, float]
) -> None:
    assert initial_params(*args) == pytest.approx(expected)
