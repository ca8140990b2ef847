"""Simulation benchmark of the adaptive test engine against catsim per-area CATs and fixed forms.

Simulated test-takers with known, correlated area abilities (multivariate normal) answer by
the 3PL model, on the shipped bank (or a synthetic bank shaped like it while the shipped one is
small) and on a synthetic 500-item bank, in two sections:

- the product configuration (the engine's defaults: at most 40 items, catsim at most 8 per area);
- the same stopping precision: every method stops at SE <= 0.35 per area under a length cap that
  does not bind for either (`--comparison-cap`, 100 items; catsim at most 20 per area), so
  "fewer items at the same precision" compares lengths, not caps.

Each section prints a table per bank (with fixed forms of the engine's mean length and of twice
it, and a bound: the most informative items of that length at the TRUE ability, which no
adaptive test can beat) and the acceptance checks.

    .venv/bin/python scripts/bench_assessment.py [--simulees 1000] [--jobs 2] [--comparison-cap 100]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np
from catsim import irt as cirt
from catsim.estimation import NumericalSearchEstimator
from catsim.item_bank import ItemBank
from catsim.selection import MaxInfoSelector

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "services/assessment/src"))

from assessment.engine import (  # noqa: E402
    Answer,
    BankItem,
    EngineConfig,
    estimate,
    initial_params,
    irt,
    level_for_theta,
    select_next,
)

BANK_DIR = ROOT / "services/assessment/src/assessment/items/data/bank/digcomp-2.2"
COMPETENCES = {"1": 3, "2": 6, "3": 4, "4": 4, "5": 4}
MIN_SHIPPED = 100
EXPOSURE_LIMIT = 0.25
THETA_CLIP = 4.0  # catsim's MLE can run to ±6 on all-correct/all-wrong patterns


@dataclass
class Outcome:
    """What one method did for a batch of simulees."""

    theta: list[list[float]] = field(default_factory=list)
    lengths: list[int] = field(default_factory=list)
    area_lengths: list[int] = field(default_factory=list)
    times_ms: list[float] = field(default_factory=list)
    wall_ms: list[float] = field(default_factory=list)
    exposure: Counter[str] = field(default_factory=Counter)

    def merge(self, other: Outcome) -> None:
        self.theta += other.theta
        self.lengths += other.lengths
        self.area_lengths += other.area_lengths
        self.times_ms += other.times_ms
        self.wall_ms += other.wall_ms
        self.exposure.update(other.exposure)


def shipped_bank() -> tuple[list[BankItem], str]:
    """Every shipped item with its parameters, or a synthetic bank shaped like it."""
    items = []
    for path in sorted(BANK_DIR.glob("*.json")):
        for doc in json.loads(path.read_text(encoding="utf-8")).get("items", []):
            p = doc.get("params") or {}
            a, b, c = initial_params(doc["level"], doc["type"], len(doc["options"]), doc.get("interaction"))
            comp = doc["competence"]
            items.append(
                BankItem(
                    doc["key"],
                    comp.split(".")[0],
                    comp,
                    float(p.get("a", a)),
                    float(p.get("b", b)),
                    float(p.get("c", c)),
                    bool(doc.get("pretest", False)),
                )
            )
    operational = sum(1 for it in items if not it.pretest)
    if operational >= MIN_SHIPPED:
        return items, f"shipped bank: {operational} operational items from {BANK_DIR.relative_to(ROOT)}"
    return shipped_like_bank(), (
        f"shipped bank has only {operational} operational items (< {MIN_SHIPPED}): using a SYNTHETIC bank "
        "shaped like it (8 items per competence, levels 1-6, initial-params rule)"
    )


def shipped_like_bank() -> list[BankItem]:
    """8 items per competence over levels 1-6, alternating single choice and multiple response."""
    levels = (1, 2, 3, 4, 5, 6, 3, 4)
    items = []
    for area, n in COMPETENCES.items():
        for q in range(1, n + 1):
            for i, level in enumerate(levels):
                kind = "single_choice" if i % 2 == 0 else "multiple_response"
                a, b, c = initial_params(level, kind, 4)
                items.append(BankItem(f"c{area}-{q}-{i}", area, f"{area}.{q}", a, b, c))
    return items


def synthetic_bank(n: int, seed: int) -> list[BankItem]:
    """n items over the 21 competences: a in [1.0, 2.2], b ~ N(0, 1.1), c = 0.2 for 30 %."""
    rng = np.random.default_rng(seed)
    items = []
    for i in range(n):
        area = str(i % 5 + 1)
        comp = f"{area}.{(i // 5) % COMPETENCES[area] + 1}"
        c = 0.2 if rng.random() < 0.3 else 0.0
        items.append(BankItem(f"s{i}", area, comp, rng.uniform(1.0, 2.2), rng.normal(0.0, 1.1), c))
    return items


def correct(item: BankItem, theta: float, rng: np.random.Generator) -> bool:
    """A simulated answer by the 3PL."""
    p = item.c + (1.0 - item.c) / (1.0 + np.exp(-item.a * (theta - item.b)))
    return bool(rng.random() < p)


def run_engine(
    bank: list[BankItem], thetas: np.ndarray, config: EngineConfig, seed: int, first: int
) -> Outcome:
    """Our engine, test-taker by test-taker, timing every select_next."""
    out, by_id = Outcome(), {it.id: it for it in bank}
    for n, true in enumerate(thetas):
        rng, answers = np.random.default_rng([seed, first + n]), list[Answer]()
        pick = random.Random(seed * 1_000_003 + first + n)
        while True:
            start, cpu = time.perf_counter(), time.thread_time()
            item = select_next(bank, answers, config, pick)
            out.times_ms.append((time.thread_time() - cpu) * 1000)
            out.wall_ms.append((time.perf_counter() - start) * 1000)
            if item is None:
                break
            out.exposure[item.id] += 1
            answers.append(Answer(item.id, correct(item, true[config.areas.index(item.area)], rng)))
        out.theta.append(list(estimate(by_id, answers, config).theta))
        out.lengths.append(sum(1 for ans in answers if not by_id[ans.item_id].pretest))
    return out


def run_catsim(
    bank: list[BankItem], thetas: np.ndarray, config: EngineConfig, seed: int, first: int, r_max: float
) -> Outcome:
    """Five independent catsim CATs (max information, MLE), each to the SE target or max/5 items."""
    out = Outcome()
    per_area = config.max_items // len(config.areas)
    banks = {}
    for code in config.areas:
        items = [it for it in bank if it.area == code and not it.pretest]
        with contextlib.redirect_stdout(io.StringIO()):  # catsim prints its (empty) validation report
            banks[code] = (items, ItemBank(np.array([[it.a, it.b, it.c] for it in items])))
    selector, estimator = MaxInfoSelector(r_max=r_max), NumericalSearchEstimator()
    for n, true in enumerate(thetas):
        rng, row, length = np.random.default_rng([seed, first + n]), [], 0
        for k, code in enumerate(config.areas):
            items, ib = banks[code]
            theta, given = _catsim_area(items, ib, true[k], rng, selector, estimator, per_area, config, out)
            row.append(float(np.clip(theta, -THETA_CLIP, THETA_CLIP)))
            length += len(given)
            out.area_lengths.append(len(given))
            for i in given:
                out.exposure[items[i].id] += 1
            if r_max < 1:
                _update_rates(ib, given, n)
        out.theta.append(row)
        out.lengths.append(length)
    return out


def _update_rates(ib: ItemBank, given: list[int], n: int) -> None:
    """Running exposure rates after test-taker n, which catsim's r_max reads (as its Simulator does)."""
    counts = np.zeros(ib.n_items)
    counts[given] = 1
    for i in range(ib.n_items):
        ib.update_exposure_rate(i, float((ib.exposure_rates[i] * n + counts[i]) / (n + 1)))


def _catsim_area(
    items: list[BankItem],
    ib: ItemBank,
    true: float,
    rng: np.random.Generator,
    selector: MaxInfoSelector,
    estimator: NumericalSearchEstimator,
    max_items: int,
    config: EngineConfig,
    out: Outcome,
) -> tuple[float, list[int]]:
    """One unidimensional CAT built from catsim's selector, estimator and SE."""
    theta, given, responses = 0.0, list[int](), list[bool]()
    while len(given) < max_items:
        start, cpu = time.perf_counter(), time.thread_time()
        index = selector.select(item_bank=ib, administered_items=given, est_theta=theta)
        out.times_ms.append((time.thread_time() - cpu) * 1000)
        out.wall_ms.append((time.perf_counter() - start) * 1000)
        if index is None:
            break
        given.append(index)
        responses.append(correct(items[index], true, rng))
        theta = estimator.estimate(
            item_bank=ib, administered_items=given, response_vector=responses, est_theta=theta
        )
        if cirt.see(theta, ib.get_items(given)) <= config.se_target:
            break
    return theta, given


def fixed_form(bank: list[BankItem], length: int, areas: Sequence[str]) -> list[BankItem]:
    """A linear form: equal items per area, competences in turn, difficulties spread like N(0, 1)."""
    from statistics import NormalDist

    form = []
    for k, code in enumerate(areas):
        n = length // len(areas) + (1 if k < length % len(areas) else 0)
        pool = [it for it in bank if it.area == code and not it.pretest]
        comps = sorted({it.competence for it in pool})
        for j in range(min(n, len(pool))):
            target = NormalDist().inv_cdf((j + 0.5) / n)
            same = [it for it in pool if it.competence == comps[j % len(comps)]] or pool
            best = min(same, key=lambda it: (abs(it.b - target), -it.a, it.id))
            pool.remove(best)
            form.append(best)
    return form


def run_fixed(
    bank: list[BankItem], thetas: np.ndarray, config: EngineConfig, seed: int, first: int, length: int
) -> Outcome:
    """Every simulee answers the same form, scored by the engine's estimator."""
    out, by_id = Outcome(), {it.id: it for it in bank}
    form = fixed_form(bank, length, config.areas)
    for n, true in enumerate(thetas):
        rng = np.random.default_rng([seed, first + n])
        answers = [Answer(it.id, correct(it, true[config.areas.index(it.area)], rng)) for it in form]
        out.theta.append(list(estimate(by_id, answers, config).theta))
        out.lengths.append(len(form))
        out.exposure.update(it.id for it in form)
    return out


def run_bound(
    bank: list[BankItem], thetas: np.ndarray, config: EngineConfig, seed: int, first: int, length: int
) -> Outcome:
    """What no adaptive test of `length` items can beat: the most informative items at the TRUE
    ability, an equal share per area, no exposure control or balancing, scored by the engine."""
    out, by_id = Outcome(), {it.id: it for it in bank}
    n_areas = len(config.areas)
    pools = [[it for it in bank if it.area == code and not it.pretest] for code in config.areas]
    params = [tuple(np.array([getattr(it, p) for it in pool]) for p in "abc") for pool in pools]
    for n, true in enumerate(thetas):
        rng, answers = np.random.default_rng([seed, first + n]), list[Answer]()
        for k, (pool, (a, b, c)) in enumerate(zip(pools, params, strict=True)):
            share = length // n_areas + (1 if k < length % n_areas else 0)
            best = np.argsort(-irt.information(true[k], a, b, c), kind="stable")[:share]
            answers += [Answer(pool[i].id, correct(pool[i], true[k], rng)) for i in best]
        out.theta.append(list(estimate(by_id, answers, config).theta))
        out.lengths.append(len(answers))
        out.exposure.update(ans.item_id for ans in answers)
    return out


Job = Callable[[list[BankItem], np.ndarray, EngineConfig, int, int], Outcome]


def run_parallel(
    pool: ProcessPoolExecutor,
    job: Job,
    bank: list[BankItem],
    thetas: np.ndarray,
    config: EngineConfig,
    args: Args,
) -> Outcome:
    """Split the simulees over the worker processes and merge what they did."""
    chunks = np.array_split(np.arange(len(thetas)), args.jobs)
    futures = [pool.submit(job, bank, thetas[c], config, args.seed, int(c[0])) for c in chunks if len(c)]
    total = Outcome()
    for future in futures:
        total.merge(future.result())
    return total


@dataclass(frozen=True)
class Row:
    """One method's line in the table."""

    name: str
    items: float
    at_cap: float | None
    rmse: np.ndarray
    bias: np.ndarray
    exact: float
    within_one: float
    max_exposure: float
    ms_median: float | None
    ms_p95: float | None
    wall_p95: float | None
    squared_errors: np.ndarray  # simulee x area, in the order of the simulees (paired across methods)


def summarise(name: str, out: Outcome, thetas: np.ndarray, timed: bool, cap: int | None) -> Row:
    """RMSE, bias, level agreement, exposure and timing of one method (`cap`: the length cap, the
    whole test's for the engine and one area's for catsim, whose share of tests reaching it is
    reported)."""
    est = np.array(out.theta)
    err = est - thetas
    level = np.vectorize(level_for_theta)
    gap = np.abs(level(est) - level(thetas))
    times = np.array(out.times_ms)
    at_cap = None
    if cap is not None:
        lengths = np.array(out.area_lengths if out.area_lengths else out.lengths)
        at_cap = float(np.mean(lengths >= cap))
    return Row(
        name,
        float(np.mean(out.lengths)),
        at_cap,
        np.sqrt(np.mean(err**2, axis=0)),
        np.mean(err, axis=0),
        float(np.mean(gap == 0)),
        float(np.mean(gap <= 1)),
        max(out.exposure.values()) / len(thetas),
        float(np.median(times)) if timed else None,
        float(np.percentile(times, 95)) if timed else None,
        float(np.percentile(out.wall_ms, 95)) if timed else None,
        err**2,
    )


def rmse_gap_interval(ours: Row, other: Row, seed: int, resamples: int = 2000) -> np.ndarray:
    """95 % bootstrap interval of (our RMSE - the other's) per area, resampling the simulees, who
    are the same for both (area x [low, high])."""
    rng = np.random.default_rng(seed)
    n = ours.squared_errors.shape[0]
    picks = rng.integers(0, n, size=(resamples, n))
    ours_rmse = np.sqrt(ours.squared_errors[picks].mean(axis=1))
    gaps = ours_rmse - np.sqrt(other.squared_errors[picks].mean(axis=1))
    interval: np.ndarray = np.percentile(gaps, [2.5, 97.5], axis=0).T
    return interval


def print_table(title: str, rows: list[Row]) -> None:
    """The readable table for one bank."""
    print(f"\n{title}")
    head = (
        f"{'method':<34}{'items':>6}{'@cap':>6}  {'RMSE area 1-5':<29}  {'bias area 1-5':<34}"
        f"{'lvl=':>6}{'lvl±1':>7}{'maxexp':>8}{'ms med':>8}{'ms p95':>8}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        ms = (
            f"{r.ms_median:8.2f}{r.ms_p95:8.2f}"
            if r.ms_median is not None and r.ms_p95 is not None
            else f"{'-':>8}{'-':>8}"
        )
        cap = f"{r.at_cap:6.0%}" if r.at_cap is not None else f"{'-':>6}"
        print(
            f"{r.name:<34}{r.items:6.1f}{cap}  {' '.join(f'{v:.3f}' for v in r.rmse):<29}  "
            f"{' '.join(f'{v:+.3f}' for v in r.bias):<34}{r.exact:6.1%}{r.within_one:7.1%}"
            f"{r.max_exposure:8.2f}{ms}"
        )


@dataclass(frozen=True)
class Args:
    """Command-line settings."""

    simulees: int
    jobs: int
    seed: int
    max_items: int
    comparison_cap: int


def abilities(n: int, config: EngineConfig, seed: int) -> np.ndarray:
    """True area abilities: multivariate normal, unit variances, the configured correlation."""
    k = len(config.areas)
    cov = np.full((k, k), config.correlation)
    np.fill_diagonal(cov, 1.0)
    return np.random.default_rng(seed).multivariate_normal(np.zeros(k), cov, size=n)


def bench_bank(
    pool: ProcessPoolExecutor, bank: list[BankItem], config: EngineConfig, args: Args, unrationed: bool
) -> dict[str, Row]:
    """Every method on one bank with the same simulees (`unrationed`: also the engine without
    exposure control, to show what that control costs)."""
    thetas = abilities(args.simulees, config, args.seed)
    rows: dict[str, Row] = {}
    ours = run_parallel(pool, run_engine, bank, thetas, config, args)
    rows["engine"] = summarise("engine (joint MAP)", ours, thetas, True, config.max_items)
    if unrationed:
        free = replace(config, exposure_target=1.0)
        out = run_parallel(pool, run_engine, bank, thetas, free, args)
        rows["engine_free"] = summarise("engine, no exposure control", out, thetas, True, config.max_items)
    per_area = config.max_items // len(config.areas)
    plain = run_parallel(pool, partial(run_catsim, r_max=1.0), bank, thetas, config, args)
    rows["catsim"] = summarise("catsim 5x unidim. CAT", plain, thetas, True, per_area)
    limited = run_parallel(pool, partial(run_catsim, r_max=EXPOSURE_LIMIT), bank, thetas, config, args)
    rows["catsim_r"] = summarise(f"catsim 5x CAT, r_max={EXPOSURE_LIMIT}", limited, thetas, True, per_area)
    # Fixed forms of the engine's MEAN length in this run and of twice that mean.
    mean = rows["engine"].items
    for key, n in (("fixed", round(mean)), ("fixed2", round(2 * mean))):
        out = run_parallel(pool, partial(run_fixed, length=n), bank, thetas, config, args)
        rows[key] = summarise(f"fixed form, {n} items", out, thetas, False, None)
    out = run_parallel(pool, partial(run_bound, length=round(mean)), bank, thetas, config, args)
    rows["bound"] = summarise(f"bound: best {round(mean)} at true θ", out, thetas, False, None)
    return rows


def check(label: str, ok: bool, detail: str) -> bool:
    """Print one acceptance check."""
    print(f"  [{'PASS' if ok else 'FAIL'}] {label}: {detail}")
    return ok


def acceptance(
    section: str, results: dict[str, dict[str, Row]], sizes: dict[str, int], lengths_checked: bool
) -> bool:
    """The acceptance checks of the issue for one section, on both banks where they apply."""
    print(f"\nAcceptance checks: {section}")
    ok = True
    for bank, rows in results.items():
        e, f2 = rows["engine"], rows["fixed2"]
        worse = [i + 1 for i in range(len(e.rmse)) if e.rmse[i] > f2.rmse[i]]
        ok &= check(
            f"(1) {bank}: engine RMSE <= fixed form of 2x its mean length ({e.items:.1f}), all areas",
            not worse,
            f"engine {' '.join(f'{v:.3f}' for v in e.rmse)} vs {f2.name} "
            + " ".join(f"{v:.3f}" for v in f2.rmse)
            + (f"; worse in area {worse}" if worse else ""),
        )
        if worse:
            interval = rmse_gap_interval(e, f2, seed=len(e.squared_errors))
            beyond_noise = [k for k in worse if interval[k - 1][0] > 0.0]
            spans = ", ".join(
                f"area {k} [{interval[k - 1][0]:+.3f}, {interval[k - 1][1]:+.3f}]" for k in worse
            )
            verdict = f"worse beyond sampling error in area {beyond_noise}" if beyond_noise else "a tie"
            print(
                f"  [info] (1) {bank}: engine RMSE minus that of the {f2.name}, 95 % bootstrap "
                f"interval: {spans}: {verdict}"
            )
        bound = rows["bound"]
        beyond = [i + 1 for i in range(len(bound.rmse)) if bound.rmse[i] > f2.rmse[i]]
        if beyond:
            rmse = " ".join(f"{v:.3f}" for v in bound.rmse)
            print(
                f"  [info] (1) {bank}: out of reach for any adaptive test of {bound.items:.0f} items: even "
                f"the most informative items at the true ability give {rmse}, worse than {f2.name} in "
                f"area {beyond}"
            )
    for bank, rows in results.items():
        e, cs, cr = rows["engine"], rows["catsim"], rows["catsim_r"]
        detail = (
            f"{e.items:.1f} vs {cs.items:.1f} (ratio {e.items / cs.items:.2f}; at the cap: engine "
            f"{e.at_cap:.0%}, catsim {cs.at_cap:.0%} of areas); like for like with exposure control: "
            f"vs catsim r_max={EXPOSURE_LIMIT} {cr.items:.1f} (ratio {e.items / cr.items:.2f})"
        )
        if "engine_free" in rows:
            free = rows["engine_free"]
            detail += (
                f", without: engine {free.items:.1f} vs catsim {cs.items:.1f} "
                f"(ratio {free.items / cs.items:.2f})"
            )
        label = f"(2) {bank}: engine mean items <= 0.75 x catsim's at the same SE target"
        if lengths_checked:
            ok &= check(label, e.items <= 0.75 * cs.items, detail)
        else:
            print(f"  [info] {label}: not comparable here, both are cut by the cap: {detail}")
    synthetic = results["synthetic 500"]["engine"]
    assert synthetic.ms_p95 is not None
    ok &= check(
        "(3) p95 select_next on the 500-item bank < 10 ms",
        synthetic.ms_p95 < 10,
        f"{synthetic.ms_p95:.2f} ms",
    )
    ok &= check(
        f"(4) max item exposure on the 500-item bank <= {EXPOSURE_LIMIT}",
        synthetic.max_exposure <= EXPOSURE_LIMIT + 1e-9,
        f"{synthetic.max_exposure:.3f}",
    )
    if "shipped" not in results:
        print(
            "  [info] shipped bank: not in this section; with its 168 items at a = 1.4/1.6 the SE target is "
            "out of reach for many test-takers within any cap, so lengths there compare caps, not precision"
        )
        return ok
    shipped = results["shipped"]["engine"]
    floor = shipped.items / sizes["shipped"]
    print(
        f"  [info] shipped bank max exposure {shipped.max_exposure:.3f}; mean exposure there is "
        f"{shipped.items:.1f} items / {sizes['shipped']} items = {floor:.3f}, a floor no exposure control "
        "can beat"
    )
    return ok


def main() -> None:
    """Run the benchmark and print the tables and checks of both sections."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--simulees", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=20261201)
    parser.add_argument("--max-items", type=int, default=EngineConfig().max_items)
    parser.add_argument("--comparison-cap", type=int, default=100)
    ns = parser.parse_args()
    # Worker processes are forked while output may sit in the buffer: flush every line.
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(line_buffering=True)
    args = Args(ns.simulees, ns.jobs, ns.seed, ns.max_items, ns.comparison_cap)
    started = time.perf_counter()
    shipped, note = shipped_bank()
    banks = {"shipped": shipped, "synthetic 500": synthetic_bank(500, args.seed)}
    sizes = {name: sum(not it.pretest for it in bank) for name, bank in banks.items()}
    base = EngineConfig()
    print(f"Adaptive test engine benchmark: {args.simulees} simulees per bank, seed {args.seed}")
    print(f"true abilities ~ N(0, 1) per area, correlation {base.correlation}; 3PL answers")
    print(f"bank (a): {note}")
    print("bank (b): synthetic, 500 items, a ~ U[1.0, 2.2], b ~ N(0, 1.1), c = 0.2 for 30 %")
    print("@cap: share of tests (engine) or of area CATs (catsim) stopped by the length cap;")
    print("lvl= / lvl±1: share of area levels equal to / within one of the true level;")
    print("maxexp: largest share of test-takers shown one item;")
    print("ms: CPU time per item selection (catsim: selector only; ours: estimate + select)")
    # The same-precision comparison runs on the 500-item bank only: the shipped bank (168 items,
    # a = 1.4/1.6 by the initial rule) cannot reach SE 0.35 in every area for many test-takers
    # even with 100 items, so any cap there binds and the comparison would be of caps again.
    sections = (
        ("product configuration", args.max_items, False, False, tuple(banks)),
        ("same stopping precision", args.comparison_cap, True, True, ("synthetic 500",)),
    )
    passed = True
    with ProcessPoolExecutor(args.jobs) as pool:
        for section, cap, lengths_checked, unrationed, names in sections:
            config = replace(base, max_items=cap)
            print(
                f"\n=== {section}: SE target {config.se_target} in every area; "
                f"engine {config.min_items}-{cap} items, "
                f"catsim at most {cap // len(config.areas)} per area ==="
            )
            results = {}
            for name in names:
                results[name] = bench_bank(pool, banks[name], config, args, unrationed)
                print_table(f"{name} bank ({sizes[name]} operational items)", list(results[name].values()))
            passed &= acceptance(f"{section} (cap {cap})", results, sizes, lengths_checked)
    print(f"\n{'all checks pass' if passed else 'some checks FAIL'}; {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
