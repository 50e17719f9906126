"""Reading the collected training data and the BEIR-layout evaluation collections."""
import gzip
import io
import json
import lzma
import os

import numpy as np


def _open(path):
    """Opens path, or its .xz / .gz sibling (the device copy travels xz-compressed)."""
    for candidate, opener in ((path, open), (path + ".xz", lzma.open), (path + ".gz", gzip.open)):
        if os.path.exists(candidate):
            return opener(candidate, "rt", encoding="utf-8")
    raise FileNotFoundError(f"{path} (also tried .xz and .gz): run the earlier stages first")


def load_array(path):
    """np.load of a .npy file, or of its .xz-compressed copy."""
    if os.path.exists(path):
        return np.load(path)
    with lzma.open(path + ".xz", "rb") as f:
        return np.load(io.BytesIO(f.read()))


def read_jsonl(path):
    with _open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def load(folder):
    """Returns (docs, queries) as written by lsrtrain.collect; list index equals id."""
    docs = read_jsonl(os.path.join(folder, "docs.jsonl"))
    queries = read_jsonl(os.path.join(folder, "queries.jsonl"))
    for i, d in enumerate(docs):
        if d["id"] != i:
            raise ValueError(f"{folder}/docs.jsonl: line {i + 1} has id {d['id']}, expected {i}")
    for i, q in enumerate(queries):
        if q["id"] != i:
            raise ValueError(f"{folder}/queries.jsonl: line {i + 1} has id {q['id']}, expected {i}")
    return docs, queries


def load_beir(folder, split="test"):
    """Returns (doc_ids, doc_texts, query_ids, query_texts, qrels) of a BEIR folder; only judged queries.

    Passage text is title and text joined by a space, as the BM25 reference does.
    """
    corpus = read_jsonl(os.path.join(folder, "corpus.jsonl"))
    queries = read_jsonl(os.path.join(folder, "queries.jsonl"))
    qrels = {}
    with _open(os.path.join(folder, "qrels", split + ".tsv")) as f:
        for n, line in enumerate(f):
            parts = line.rstrip("\n").split("\t")
            if n == 0 and parts[0] == "query-id":
                continue
            if len(parts) != 3:
                raise ValueError(f"{folder}/qrels/{split}.tsv line {n + 1}: expected 3 tab-separated fields")
            qrels.setdefault(parts[0], {})[parts[1]] = int(parts[2])
    doc_ids = [d["_id"] for d in corpus]
    doc_texts = [(d.get("title", "") + " " + d.get("text", "")).strip() for d in corpus]
    judged = [q for q in queries if q["_id"] in qrels]
    return doc_ids, doc_texts, [q["_id"] for q in judged], [q["text"] for q in judged], qrels
