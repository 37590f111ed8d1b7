"""CompactWeights keeps each used row as int8 with a scale: close to the trained weights,
and a table saved before quantisation (float16 weights, no scale) still loads."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from assist.nlp.linear import BUCKETS, CompactWeights, quantise_rows

finite = st.floats(-50, 50, allow_nan=False, allow_subnormal=False, width=32)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float32, st.tuples(st.integers(1, 30), st.integers(1, 26)), elements=finite))
def test_each_weight_stays_within_a_254th_of_its_rows_largest(weights: np.ndarray) -> None:
    quantised, scale = quantise_rows(weights)
    assert quantised.dtype == np.int8
    restored = quantised.astype(np.float32) * scale[:, None]
    peak = np.abs(weights).max(axis=1, keepdims=True)
    assert np.all(np.abs(restored - weights) <= peak / 254 * 1.0001 + 1e-12)
    # A row of zeros stays zeros, and the largest weight of a row keeps its sign.
    assert np.all(np.sign(restored) * np.sign(weights) >= 0)


def _dense(seed: int, outputs: int = 5) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    weights = np.zeros((BUCKETS, outputs), np.float32)
    used = rng.choice(BUCKETS, 2_000, replace=False)
    weights[used] = rng.normal(0, 0.5, (len(used), outputs))
    idf = np.ones(BUCKETS, np.float32)
    idf[used] = rng.uniform(1, 9, len(used))
    return weights, idf


def test_scores_match_the_dense_table_it_came_from() -> None:
    weights, idf = _dense(1)
    table = CompactWeights.from_dense(weights, idf)
    buckets = [int(b) for b in table.rows[:40]] + [7, 7, 123_456]
    index, counts = np.unique(buckets, return_counts=True)
    values = (1 + np.log(counts)) * idf[index]
    exact = values / np.linalg.norm(values) @ weights[index]
    assert np.allclose(table.group(buckets), exact, atol=0.01)


def test_save_and_load_give_the_same_scores(tmp_path: Path) -> None:
    weights, idf = _dense(2)
    table = CompactWeights.from_dense(weights, idf)
    table.save(tmp_path, np.arange(5, dtype=np.float32))
    loaded, bias = CompactWeights.load(tmp_path)
    buckets = [int(b) for b in table.rows[::50]]
    assert np.allclose(loaded.group(buckets), table.group(buckets), atol=1e-3)
    assert loaded.weights.dtype == np.int8 and list(bias) == [0, 1, 2, 3, 4]


def test_a_table_saved_before_quantisation_still_loads(tmp_path: Path) -> None:
    weights, idf = _dense(3)
    used = np.flatnonzero(np.any(weights != 0, axis=1))
    np.savez_compressed(
        tmp_path / "weights.npz",
        rows=used.astype(np.int32),
        weights=weights[used].astype(np.float16),
        idf=idf[used].astype(np.float16),
        bias=np.zeros(5, np.float32),
    )
    loaded, _ = CompactWeights.load(tmp_path)
    buckets = [int(b) for b in used[:60]]
    assert loaded.weights.dtype == np.int8
    assert np.allclose(
        loaded.group(buckets), CompactWeights.from_dense(weights, idf).group(buckets), atol=0.01
    )
