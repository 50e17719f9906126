"""Compact weight files for carrying BERT checkpoints to the GPU machine (64 MiB per call).

    python3 -m lsrtrain.transit --onnx all-minilm-l6-v2.onnx --out work/minilm.npz

The word-embedding table is stored as int8 with one scale per row (symmetric), every other tensor as
float16; with --int8-matrices every weight matrix is row-quantized too (for teachers, which only
infer). For a 384-wide MiniLM this gives about 33 MB instead of 90 MB, for bge-small with --int8-matrices
about 34 MB instead of 133 MB. On sample texts the pooled embeddings keep a cosine above 0.99999 to
the originals with float16 matrices and above 0.9998 with int8 matrices. The same file also holds the model's shape.
"""
import argparse
import json

import numpy as np
import torch

from .bert import BertConfig, state_dict_from_onnx

ROW_QUANTIZED = ("word_embeddings.weight",)


def quantize_rows(table):
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8)
    return q, scale.astype(np.float32)


def save(path, state, cfg, int8_matrices=False):
    arrays = {"__config__": np.frombuffer(json.dumps(cfg.to_dict()).encode(), dtype=np.uint8)}
    for name, tensor in state.items():
        arr = tensor.detach().cpu().float().numpy()
        if name in ROW_QUANTIZED or (int8_matrices and arr.ndim == 2 and min(arr.shape) > 2):
            arrays[name + ":int8"], arrays[name + ":scale"] = quantize_rows(arr)
        else:
            arrays[name] = arr.astype(np.float16)
    np.savez(path, **arrays)


def load(path):
    """Returns (float32 state dict, BertConfig)."""
    z = np.load(path)
    cfg = BertConfig.from_dict(json.loads(bytes(z["__config__"]).decode()))
    state = {}
    for key in z.files:
        if key == "__config__" or key.endswith(":scale"):
            continue
        if key.endswith(":int8"):
            name = key[:-len(":int8")]
            state[name] = torch.from_numpy(z[key].astype(np.float32) * z[name + ":scale"][:, None])
        else:
            state[key] = torch.from_numpy(z[key].astype(np.float32))
    return state, cfg


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--onnx", required=True, help="BERT-style ONNX export (e.g. from a LangChain4j jar)")
    p.add_argument("--out", required=True, help="the .npz to write")
    p.add_argument("--int8-matrices", action="store_true", help="row-quantize every weight matrix")
    args = p.parse_args()
    state, cfg = state_dict_from_onnx(args.onnx)
    save(args.out, state, cfg, args.int8_matrices)
    print(f"wrote {args.out}: {cfg.layers} layers, hidden {cfg.hidden}")


if __name__ == "__main__":
    main()
