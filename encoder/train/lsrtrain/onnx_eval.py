"""Stage 6: evaluate exported model folders with ONNX Runtime on the CPU, as the Java encoders run them.

    python3 -m lsrtrain.onnx_eval --model encoder/src/main/resources/lsr/models/splade \
        --eval ../shared/data/classic/{cranfield,med,adi,cacm} --threads 2 --json out.json

Reads model.onnx, tokenizer.json and lsr-model.json; encodes every passage (title and text) and judged
query; retrieves exactly by sparse inner product; prints nDCG@10, recall@100, mean nonzeros per passage and
per query, and passages encoded per second with --threads intra-op threads (batches of --batch texts
sorted by length, tokenization included).
"""
import argparse
import json
import os
import time

import numpy as np

from . import dataset, evaluate, lsrmodel
from .encode import load_tokenizer, tokenize


class OnnxSparseEncoder:
    def __init__(self, folder, threads):
        import onnxruntime as ort
        self.config = lsrmodel.read(folder)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(os.path.join(folder, "model.onnx"), options,
                                            providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.tok = load_tokenizer(os.path.join(folder, "tokenizer.json"))
        self.kind = self.config["type"]
        self.max_length = self.config.get("maxLength", 256)
        self.vocab = self.tok.get_vocab_size()

    def encode(self, texts, is_query, batch):
        id_lists = tokenize(self.tok, texts, self.max_length)
        order = sorted(range(len(id_lists)), key=lambda i: len(id_lists[i]))
        out = np.zeros((len(texts), self.vocab), dtype=np.float32)
        for lo in range(0, len(order), batch):
            rows = order[lo:lo + batch]
            width = max(len(id_lists[i]) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for j, i in enumerate(rows):
                ids[j, :len(id_lists[i])] = id_lists[i]
                mask[j, :len(id_lists[i])] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self.inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            result = self.session.run([self.config["output"]], feed)[0]
            if self.kind == "splade":
                out[rows] = result
            else:
                w = result[:, :, 0] * mask
                for j, i in enumerate(rows):
                    if is_query:
                        np.add.at(out[i], ids[j], w[j])
                    else:
                        np.maximum.at(out[i], ids[j], w[j])
        if self.kind == "unicoil":
            out[:, [0, 100, 101, 102, 103]] = 0.0  # special tokens never count, as in the Java encoder
        return out


def run(args):
    enc = OnnxSparseEncoder(args.model, args.threads)
    per = {}
    seconds = passages = 0
    for folder in args.eval:
        name = os.path.basename(folder.rstrip("/"))
        doc_ids, doc_texts, qids, qtexts, qrels = dataset.load_beir(folder)
        start = time.time()
        d = enc.encode(doc_texts, False, args.batch)
        seconds += time.time() - start
        passages += len(doc_texts)
        q = enc.encode(qtexts, True, args.batch)
        per[name] = {**evaluate.metrics(q @ d.T, doc_ids, qids, qrels),
                     "doc_nonzeros": float((d > 0).sum(1).mean()), "query_nonzeros": float((q > 0).sum(1).mean())}
        print(name, json.dumps(per[name]), flush=True)
    result = {"model": args.model, "threads": args.threads, "passages_per_second": passages / seconds,
              "results": evaluate.summarize(per)}
    print(json.dumps(result["results"]["mean"]), f"{result['passages_per_second']:.1f} passages/s", flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", required=True, help="model folder (model.onnx, tokenizer.json, lsr-model.json)")
    p.add_argument("--eval", nargs="+", required=True, help="BEIR folders")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--json", default=None, help="write the figures here")
    run(p.parse_args())


if __name__ == "__main__":
    main()
