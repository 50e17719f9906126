"""Stage 2: mine hard negatives with BM25 over the pool of collected passages (CPU, numpy only).

    python3 -m lsrtrain.mine --data work/data [--k 30]

For every query, the top `k` BM25 passages that are neither its positive nor of the positive's group
(a near-copy such as the same package's other description) are written to data/bm25.npy as an int32
[queries, k] array, -1 where fewer were found. The dense teacher later re-scores these candidates and drops
the ones it judges at least as relevant as the positive (likely unlabeled positives).
"""
import argparse
import os
import time

import numpy as np

from . import dataset, textutil

K1, B = 0.9, 0.4


class Bm25:
    """BM25 over an in-memory inverted index: postings as numpy arrays, scores accumulated with bincount."""

    def __init__(self, texts):
        vocab = {}
        doc_terms = []
        for text in texts:
            counts = {}
            for w in textutil.analyze(text):
                t = vocab.setdefault(w, len(vocab))
                counts[t] = counts.get(t, 0) + 1
            doc_terms.append(counts)
        self.vocab = vocab
        self.num_docs = len(texts)
        lengths = np.array([sum(c.values()) for c in doc_terms], dtype=np.float32)
        avg = float(lengths.mean()) if len(lengths) else 1.0
        nnz = sum(len(c) for c in doc_terms)
        terms = np.empty(nnz, dtype=np.int32)
        docs = np.empty(nnz, dtype=np.int32)
        tfs = np.empty(nnz, dtype=np.float32)
        i = 0
        for d, counts in enumerate(doc_terms):
            n = len(counts)
            terms[i:i + n] = list(counts.keys())
            docs[i:i + n] = d
            tfs[i:i + n] = list(counts.values())
            i += n
        df = np.bincount(terms, minlength=len(vocab)).astype(np.float32)
        idf = np.log(1.0 + (self.num_docs - df + 0.5) / (df + 0.5))
        norm = K1 * (1.0 - B + B * lengths[docs] / avg)
        weights = idf[terms] * tfs * (K1 + 1.0) / (tfs + norm)
        order = np.argsort(terms, kind="stable")
        self.post_docs = docs[order]
        self.post_weights = weights[order].astype(np.float32)
        self.offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(terms, minlength=len(vocab)), out=self.offsets[1:])

    def scores(self, text):
        ids = sorted({self.vocab[w] for w in textutil.analyze(text) if w in self.vocab})
        if not ids:
            return None
        docs = np.concatenate([self.post_docs[self.offsets[t]:self.offsets[t + 1]] for t in ids])
        weights = np.concatenate([self.post_weights[self.offsets[t]:self.offsets[t + 1]] for t in ids])
        return np.bincount(docs, weights=weights, minlength=self.num_docs)


def mine(args):
    docs, queries = dataset.load(args.data)
    pool = np.array([d["id"] for d in docs if d["pool"]], dtype=np.int32)
    groups = np.array([d["group"] for d in docs], dtype=np.int64)
    start = time.time()
    bm25 = Bm25([docs[i]["text"] for i in pool])
    print(f"indexed {len(pool)} passages, {len(bm25.vocab)} terms in {time.time() - start:.0f} s", flush=True)
    out = np.full((len(queries), args.k), -1, dtype=np.int32)
    depth = args.k + 20  # room for the positive and its group, which are skipped
    for qi, q in enumerate(queries):
        s = bm25.scores(q["text"])
        if s is not None:
            top = np.argpartition(-s, depth)[:depth] if len(s) > depth else np.arange(len(s))
            top = top[np.argsort(-s[top], kind="stable")]
            top = top[s[top] > 0]
            cand = pool[top]
            cand = cand[groups[cand] != groups[q["pos"]]][:args.k]
            out[qi, :len(cand)] = cand
        if qi % 20000 == 0:
            print(f"{qi}/{len(queries)} queries, {time.time() - start:.0f} s", flush=True)
    np.save(os.path.join(args.data, "bm25.npy"), out)
    found = (out >= 0).sum(axis=1)
    print(f"wrote bm25.npy: {len(queries)} queries, mean candidates {found.mean():.1f}, "
          f"none for {(found == 0).sum()}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder written by lsrtrain.collect")
    p.add_argument("--k", type=int, default=30, help="candidates kept per query")
    mine(p.parse_args())


if __name__ == "__main__":
    main()
