"""Stage 3 (GPU): score candidates with a dense teacher and pick the hard negatives.

    python3 -m lsrtrain.teacher --data work/data --teacher work/bge-small-en-v1.5.npz --out work/data/teacher.npz

The teacher (bge-small-en-v1.5: [CLS] pooling, an instruction prefix on queries, cosine similarity) embeds
every query and passage. For each query the candidates are its BM25 candidates (lsrtrain.mine) and its
nearest pool passages by the teacher, both without the positive's group. A candidate the teacher scores
at least as high as the positive is dropped as a likely unlabeled positive. Up to --negatives survivors
are kept (alternating BM25 and teacher order, best first), with the teacher's scores, in teacher.npz:
`negatives` int32 [queries, n] (-1 = none), `scores` float16 [queries, 1 + n] (positive first).
With --eval, the teacher's own nDCG@10 / recall@100 on BEIR folders is printed too (a dense baseline).
"""
import argparse
import json
import os
import time

import numpy as np
import torch

from . import dataset, encode, evaluate, transit
from .bert import BertEncoder

BGE_QUERY_PREFIX = "Represent this sentence for searching relevant passages: "


def load_teacher(path, device):
    state, cfg = transit.load(path)
    bert = BertEncoder(cfg)
    bert.load_state_dict(state)
    return bert.to(device).eval()


def eval_dense(bert, tok, folders, device, pooling, query_prefix):
    results = {}
    for folder in folders:
        doc_ids, doc_texts, qids, qtexts, qrels = dataset.load_beir(folder)
        d = encode.dense(bert, encode.tokenize(tok, doc_texts, 512), device, pooling)
        q = encode.dense(bert, encode.tokenize(tok, qtexts, 512, query_prefix), device, pooling)
        results[os.path.basename(folder.rstrip("/"))] = evaluate.metrics(q @ d.t(), doc_ids, qids, qrels)
    return evaluate.summarize(results)


def pair_scores(bert, tok, docs, queries, negatives, device, pooling, query_prefix=""):
    """Cosine scores [queries, 1 + n] of each query with its positive and its negatives (0 where none)."""
    dvec = encode.dense(bert, encode.tokenize(tok, [d["text"] for d in docs], 256), device, pooling).half()
    qvec = encode.dense(bert, encode.tokenize(tok, [q["text"] for q in queries], 64, query_prefix),
                        device, pooling).half()
    return candidate_scores(qvec, dvec, queries, negatives, device, chunk=4096)


@torch.no_grad()
def candidate_scores(qvec, dvec, queries, negatives, device, chunk):
    """Dot products [queries, 1 + n] of query vectors with their positive's and negatives' passage vectors
    (0 where a query has fewer negatives), `chunk` queries at a time to bound memory."""
    rows = np.concatenate([np.array([q["pos"] for q in queries])[:, None], np.maximum(negatives, 0)], axis=1)
    out = np.zeros(rows.shape, dtype=np.float32)
    for lo in range(0, len(queries), chunk):
        hi = min(lo + chunk, len(queries))
        cand = dvec[torch.from_numpy(rows[lo:hi]).to(device)].float()  # [chunk, 1 + n, dimensions]
        out[lo:hi] = torch.bmm(cand, qvec[lo:hi].float()[:, :, None]).squeeze(-1).cpu().numpy()
    out[:, 1:][negatives < 0] = 0
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True)
    p.add_argument("--teacher", required=True, help=".npz from lsrtrain.transit")
    p.add_argument("--tokenizer", required=True, help="tokenizer.json of the teacher")
    p.add_argument("--out", required=True)
    p.add_argument("--negatives", type=int, default=16, help="negatives kept per query")
    p.add_argument("--dense-k", type=int, default=30, help="teacher nearest neighbours considered")
    p.add_argument("--eval", nargs="*", default=[], help="BEIR folders for the teacher's own figures")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = p.parse_args()
    start = time.time()
    device = torch.device(args.device)

    bert = load_teacher(args.teacher, device)
    tok = encode.load_tokenizer(args.tokenizer)
    if args.eval:
        print("teacher on evaluation collections:", json.dumps(
            eval_dense(bert, tok, args.eval, device, "cls", BGE_QUERY_PREFIX)), flush=True)

    docs, queries = dataset.load(args.data)
    bm25 = dataset.load_array(os.path.join(args.data, "bm25.npy"))
    groups = np.array([d["group"] for d in docs])
    pool = torch.tensor([d["id"] for d in docs if d["pool"]], device=device)
    # Half precision halves the memory of the similarity blocks; CPU matrix products need float32.
    store = torch.float16 if device.type == "cuda" else torch.float32
    dvec = encode.dense(bert, encode.tokenize(tok, [d["text"] for d in docs], 256), device, "cls").to(store)
    qvec = encode.dense(bert, encode.tokenize(tok, [q["text"] for q in queries], 64, BGE_QUERY_PREFIX),
                        device, "cls").to(store)
    print(f"embedded {len(docs)} passages and {len(queries)} queries in {time.time() - start:.0f} s", flush=True)

    pos = np.array([q["pos"] for q in queries])
    n = args.negatives
    negatives = np.full((len(queries), n), -1, dtype=np.int32)
    scores = np.zeros((len(queries), 1 + n), dtype=np.float16)
    pool_vec = dvec[pool]
    dropped = kept = 0
    for lo in range(0, len(queries), 4096):
        hi = min(lo + 4096, len(queries))
        q = qvec[lo:hi]
        dense_top = pool[torch.topk((q @ pool_vec.t()).float(), args.dense_k, dim=1).indices].cpu().numpy()
        dense_top[groups[dense_top] == groups[pos[lo:hi]][:, None]] = -1
        bm = np.full_like(dense_top, -1)
        width = min(bm25.shape[1], args.dense_k)
        bm[:, :width] = bm25[lo:hi, :width]
        # Alternate BM25 and teacher candidates, best first: [b0, d0, b1, d1, ...].
        merged = np.stack([bm, dense_top], axis=2).reshape(hi - lo, -1)
        cand = torch.from_numpy(np.maximum(merged, 0)).to(device)
        cand_scores = (q.float()[:, None, :] * dvec[cand].float()).sum(-1).cpu().numpy()
        pos_score = (q.float() * dvec[torch.from_numpy(pos[lo:hi]).to(device)].float()).sum(-1).cpu().numpy()
        scores[lo:hi, 0] = pos_score
        for r in range(hi - lo):
            seen, taken = set(), 0
            for c, sc in zip(merged[r].tolist(), cand_scores[r].tolist()):
                if c < 0 or c in seen:
                    continue
                seen.add(c)
                if sc >= pos_score[r]:
                    dropped += 1
                    continue
                negatives[lo + r, taken] = c
                scores[lo + r, 1 + taken] = sc
                taken += 1
                if taken == n:
                    break
            kept += taken
    np.savez_compressed(args.out, negatives=negatives, scores=scores)
    print(f"wrote {args.out}: {kept / len(queries):.1f} negatives per query, {dropped} candidates dropped "
          f"as scoring at least the positive; {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    main()
