"""Peka's message encoder: multilingual-e5-small fine-tuned on the hand-written customer
messages, run with numpy alone (issue 14, eleventh pass).

A 12-layer transformer (hidden 384, 12 heads) reads the first :data:`MAX_TOKENS`
SentencePiece pieces of a customer message, mean-pools them and gives probabilities for
emotion, sentiment, issue and fault. The engine mixes them with its own scores
(``Engine._analyze``); the keystroke path (the coach) never runs it.

Files, in ``resources/pipelines/encoder/`` (written by
``assist.nlp.training.encoder_train``):

* ``weights.npz`` — each matrix int8 with one scale per output row (as
  :func:`assist.nlp.linear.quantise_rows`), biases and layer norms float32, and the
  piece scores of the vocabulary;
* ``vocab.json`` — the pieces kept (every piece the training and evaluation texts use,
  and every single character), the special pieces, and the text normalisation map;
* ``meta.json`` — the shape of the model and the labels of each head.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from assist.nlp.models import EMOTIONS, FAULTS, ISSUES, SENTIMENTS

# The first 64 pieces (about 250 characters) of a message are read: customer messages
# are 35 pieces on average, and of writers 50-57's 3,249 only 29 are longer, whose
# emotion came out the same at 64 as at 128 but for one message (48: four); the cost grows
# with the pieces read, and at 128 a 1,000-character message took 93 ms against 49 at 64.
MAX_TOKENS = 64
PREFIX = "query: "
HEADS: dict[str, tuple[str, ...]] = {
    "emotion": EMOTIONS,
    "sentiment": SENTIMENTS,
    "issue": ISSUES,
    "fault": FAULTS,
}
_META = "\u2581"  # SentencePiece's word-start mark
_FLOAT = np.float32


class Vocabulary:
    """SentencePiece unigram segmentation (Viterbi over piece scores), as e5's own
    tokenizer does it: normalise, collapse spaces, mark word starts, best-scoring path."""

    def __init__(
        self,
        pieces: list[str],
        scores: np.ndarray,
        normalise: dict[str, str],
        specials: dict[str, int],
        unknown_score: float | None = None,
    ) -> None:
        self.index: dict[str, int] = {}
        for i, piece in enumerate(pieces):
            if piece:  # the first of two equal pieces wins, as in e5's own tokenizer
                self.index.setdefault(piece, i)
        self.scores = [float(s) for s in scores]
        self.normalise = normalise
        self.bos, self.eos = specials["bos"], specials["eos"]
        self.pad, self.unk = specials["pad"], specials["unk"]
        self.longest = max(len(p) for p in self.index)
        # e5's own rule over its full vocabulary; a cut vocabulary keeps that number.
        self.unknown_score = min(self.scores) - 10.0 if unknown_score is None else unknown_score

    def _prepared(self, text: str) -> str:
        text = "".join(self.normalise.get(ch, ch) for ch in text)
        out: list[str] = []
        for ch in text:
            if ch == " " and out and out[-1] == " ":
                continue
            out.append(ch)
        joined = "".join(out)
        if not joined.startswith(" "):
            joined = " " + joined
        return joined.replace(" ", _META)

    def ids(self, text: str, limit: int = MAX_TOKENS) -> list[int]:
        """``<s>`` + the first ``limit - 2`` pieces of ``text`` + ``</s>``."""
        # Segment only what can be kept: no message needs 8 characters a piece.
        s = self._prepared(text)[: (limit - 2) * 8]
        n = len(s)
        best = [-math.inf] * (n + 1)
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        index, scores, unk = self.index, self.scores, self.unk
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            for end in range(i + 1, min(n, i + self.longest) + 1):
                piece = index.get(s[i:end])
                if piece is not None and piece != unk:
                    score = here + scores[piece]
                    if score > best[end]:
                        best[end] = score
                        back[end] = (i, piece)
            if here + self.unknown_score > best[i + 1]:
                best[i + 1] = here + self.unknown_score
                back[i + 1] = (i, unk)
        pieces: list[int] = []
        at = n
        while at > 0:
            at, piece = back[at]
            pieces.append(piece)
        pieces.reverse()
        return [self.bos, *pieces[: limit - 2], self.eos]


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form, in one new array: the model was trained with the exact (erf)
    form, which this follows within 5e-4 (numpy has no erf; a polynomial erf cost a sixth
    of the encoder's time)."""
    inner: np.ndarray = x * x
    inner *= np.float32(0.044715)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.7978845608028654)
    np.tanh(inner, out=inner)
    inner += np.float32(1.0)
    inner *= x
    inner *= np.float32(0.5)
    return inner


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    result: np.ndarray = centred / np.sqrt(var + eps) * weight + bias
    return result


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    result: np.ndarray = e / e.sum(axis=-1, keepdims=True)
    return result


class MessageEncoder:
    """The fine-tuned encoder and its four heads, loaded from one folder."""

    def __init__(self, path: Path) -> None:
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        vocab = json.loads((path / "vocab.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz") as data:
            arrays = {name: data[name] for name in data.files}
        self.hidden = int(meta["hidden"])
        self.heads_count = int(meta["attention_heads"])
        self.eps = float(meta["layer_norm_eps"])
        for head, labels in HEADS.items():
            if tuple(meta["labels"][head]) != labels:
                raise ValueError(f"{path / 'meta.json'}: the {head} labels are not Peka's")
        self.vocabulary = Vocabulary(
            vocab["pieces"],
            arrays["piece_scores"],
            vocab["normalise"],
            vocab["specials"],
            float(vocab["unknown_score"]),
        )
        self.word = arrays["word.q"]
        self.word_scale = arrays["word.scale"].astype(_FLOAT)
        self.position = arrays["position"].astype(_FLOAT)
        self.embed_norm = (arrays["embed_norm.w"], arrays["embed_norm.b"])
        self.layers: list[dict[str, np.ndarray]] = []
        for number in range(int(meta["layers"])):
            layer: dict[str, np.ndarray] = {}
            for name in ("qkv", "out", "up", "down"):
                q, scale = arrays[f"l{number}.{name}.q"], arrays[f"l{number}.{name}.scale"]
                # Transposed once here so that every product is x @ W; written straight
                # into its array, because a temporary the size of a layer left the
                # process ~200 MB larger once freed (the allocator keeps such memory).
                weights = np.empty((q.shape[1], q.shape[0]), dtype=_FLOAT)
                np.multiply(q.T, scale.astype(_FLOAT)[None, :], out=weights, casting="unsafe")
                layer[name] = weights
                layer[f"{name}.b"] = arrays[f"l{number}.{name}.b"].astype(_FLOAT)
            for name in ("attn_norm", "out_norm"):
                layer[f"{name}.w"] = arrays[f"l{number}.{name}.w"].astype(_FLOAT)
                layer[f"{name}.b"] = arrays[f"l{number}.{name}.b"].astype(_FLOAT)
            self.layers.append(layer)
        self.head_weights = {
            head: (arrays[f"head.{head}.w"].astype(_FLOAT).T, arrays[f"head.{head}.b"])
            for head in HEADS
        }

    def pooled(self, text: str) -> np.ndarray:
        """The mean of the last layer over the message's pieces (no padding: one text)."""
        ids = np.asarray(self.vocabulary.ids(PREFIX + text, MAX_TOKENS), dtype=np.int64)
        x = self.word[ids].astype(_FLOAT) * self.word_scale[ids, None]
        x = x + self.position[: len(ids)]
        x = _layer_norm(x, *self.embed_norm, self.eps)
        length, hidden = x.shape
        heads = self.heads_count
        size = hidden // heads
        for layer in self.layers:
            qkv = x @ layer["qkv"] + layer["qkv.b"]
            q, k, v = (
                part.reshape(length, heads, size).transpose(1, 0, 2)
                for part in np.split(qkv, 3, axis=1)
            )
            attention = _softmax(q @ k.transpose(0, 2, 1) / np.float32(math.sqrt(size)))
            context = (attention @ v).transpose(1, 0, 2).reshape(length, hidden)
            x = _layer_norm(
                x + context @ layer["out"] + layer["out.b"],
                layer["attn_norm.w"], layer["attn_norm.b"], self.eps,
            )  # fmt: skip
            up = _gelu(x @ layer["up"] + layer["up.b"])
            x = _layer_norm(
                x + up @ layer["down"] + layer["down.b"],
                layer["out_norm.w"], layer["out_norm.b"], self.eps,
            )  # fmt: skip
        pooled: np.ndarray = x.mean(axis=0)
        return pooled

    def probabilities(self, text: str) -> dict[str, dict[str, float]]:
        """Each head's probabilities for a customer message."""
        pooled = self.pooled(text)
        out: dict[str, dict[str, float]] = {}
        for head, labels in HEADS.items():
            weight, bias = self.head_weights[head]
            p = _softmax(pooled @ weight + bias)
            out[head] = {label: float(p[i]) for i, label in enumerate(labels)}
        return out


def holds_encoder(path: Path) -> bool:
    """Whether ``path`` holds an encoder (its ``meta.json``); without one the engine runs
    on its rules and linear model alone."""
    return (path / "meta.json").is_file()


def load_encoder(path: Path) -> MessageEncoder | None:
    """The encoder in ``path``, or None when the folder has none (an engine without it)."""
    return MessageEncoder(path) if holds_encoder(path) else None
