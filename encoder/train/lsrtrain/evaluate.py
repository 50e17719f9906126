"""Metrics and exact retrieval for checking models in Python (the Java `lsr eval` is the reference).

Metrics follow trec_eval's definitions: ndcg_cut_10 with graded gains (gain = relevance, log2 discount,
ideal ranking from the judgments), recall_100 over documents judged relevant (> 0); judged queries only;
ties ordered by descending document id, as trec_eval orders them.
"""
import math

import numpy as np
import torch


def rank_lists(scores, doc_ids, k):
    """Top-k (doc id, score) per query from a [queries, docs] score matrix (torch or numpy)."""
    if isinstance(scores, np.ndarray):
        scores = torch.from_numpy(scores)
    k = min(k, scores.shape[1])
    top = torch.topk(scores.float(), k, dim=1)
    runs = []
    for vals, idx in zip(top.values.cpu().tolist(), top.indices.cpu().tolist()):
        pairs = [(doc_ids[i], v) for i, v in zip(idx, vals)]
        pairs.sort(key=lambda p: p[0], reverse=True)
        pairs.sort(key=lambda p: p[1], reverse=True)
        runs.append(pairs)
    return runs


def ndcg_at(ranked, judged, k=10):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, (d, _) in enumerate(ranked[:k]) if judged.get(d, 0) > 0)
    ideal = sorted((r for r in judged.values() if r > 0), reverse=True)[:k]
    idcg = sum(r / math.log2(i + 2) for i, r in enumerate(ideal))
    return dcg / idcg if idcg > 0 else 0.0


def recall_at(ranked, judged, k=100):
    relevant = {d for d, r in judged.items() if r > 0}
    if not relevant:
        return 0.0
    return len(relevant & {d for d, _ in ranked[:k]}) / len(relevant)


def metrics(scores, doc_ids, query_ids, qrels):
    runs = rank_lists(scores, doc_ids, 100)
    nd = [ndcg_at(r, qrels[q]) for r, q in zip(runs, query_ids)]
    rc = [recall_at(r, qrels[q]) for r, q in zip(runs, query_ids)]
    return {"ndcg_cut_10": float(np.mean(nd)), "recall_100": float(np.mean(rc)), "queries": len(query_ids)}


def nonzeros(vectors):
    """Mean number of nonzero weights per row of a [n, vocab] tensor."""
    return float((vectors > 0).sum(dim=1).float().mean())


def summarize(per_collection):
    """Adds the mean over collections of each numeric field."""
    names = list(per_collection)
    fields = [k for k, v in per_collection[names[0]].items() if isinstance(v, (int, float))]
    mean = {f: float(np.mean([per_collection[n][f] for n in names])) for f in fields}
    return {**per_collection, "mean": mean}
