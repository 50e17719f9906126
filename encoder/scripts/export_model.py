#!/usr/bin/env python3
"""Exports a Hugging Face SPLADE, uniCOIL or dense checkpoint into an lsr model folder:

    <out>/model.onnx       the graph, int64 inputs input_ids, attention_mask (and token_type_ids)
    <out>/tokenizer.json   the checkpoint's fast tokenizer
    <out>/lsr-model.json   what the Java encoders need (schema: lsr.encoder.ModelConfig)

Needs torch and transformers (and onnxruntime for --quantize and --verify) on a machine that can
reach the checkpoint. Examples:

    python encoder/scripts/export_model.py --type splade --checkpoint naver/splade-cocondenser-ensembledistil --out models/splade-pp-ed
    python encoder/scripts/export_model.py --type unicoil --checkpoint castorini/unicoil-msmarco-passage --out models/unicoil
    python encoder/scripts/export_model.py --type dense --checkpoint BAAI/bge-small-en-v1.5 --pooling cls \\
        --query-prefix "Represent this sentence for searching relevant passages: " --out models/bge-small

SPLADE graphs output pooled weights [batch, vocab] by default (max over tokens of log(1 + ReLU(logit))
under the attention mask): 30522 floats per text instead of 30522 per token. --splade-output logits
keeps the raw masked-LM logits [batch, seq, vocab] (pooled in Java), --splade-output pairs the
(indices, weights) of one text, as Anserini's optimized export does.
"""
import argparse
import json
import os
import sys

import torch
from torch import nn


class SpladePooled(nn.Module):
    def __init__(self, mlm):
        super().__init__()
        self.mlm = mlm

    def forward(self, input_ids, attention_mask, token_type_ids):
        logits = self.mlm(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).logits
        weights = torch.log1p(torch.relu(logits)) * attention_mask.unsqueeze(-1).to(logits.dtype)
        return torch.max(weights, dim=1).values


class SpladeLogits(nn.Module):
    def __init__(self, mlm):
        super().__init__()
        self.mlm = mlm

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.mlm(input_ids=input_ids, attention_mask=attention_mask,
                        token_type_ids=token_type_ids).logits


class SpladePairs(SpladePooled):
    def forward(self, input_ids, attention_mask, token_type_ids):
        pooled = super().forward(input_ids, attention_mask, token_type_ids)
        nonzero = pooled.nonzero(as_tuple=True)
        return nonzero[1], pooled[nonzero]


class UniCoil(nn.Module):
    """BERT's last hidden state through a hidden -> 1 projection and a ReLU: one weight per token."""

    def __init__(self, bert, projection):
        super().__init__()
        self.bert = bert
        self.projection = projection

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask,
                           token_type_ids=token_type_ids).last_hidden_state
        return torch.relu(self.projection(hidden)) * attention_mask.unsqueeze(-1).to(hidden.dtype)


class Dense(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.model(input_ids=input_ids, attention_mask=attention_mask,
                          token_type_ids=token_type_ids).last_hidden_state


def load_state_dict(checkpoint):
    """The checkpoint's raw weights (for heads that transformers' classes do not know)."""
    from transformers.utils import cached_file
    for name in ("model.safetensors", "pytorch_model.bin"):
        path = os.path.join(checkpoint, name) if os.path.isdir(checkpoint) else cached_file(
            checkpoint, name, _raise_exceptions_for_missing_entries=False)
        if path and os.path.exists(path):
            if name.endswith(".safetensors"):
                from safetensors.torch import load_file
                return load_file(path)
            return torch.load(path, map_location="cpu")
    sys.exit(f"no model.safetensors or pytorch_model.bin in {checkpoint}")


def unicoil_projection(checkpoint, hidden_size):
    state = load_state_dict(checkpoint)
    weight = next((v for k, v in state.items() if k.endswith("tok_proj.weight")), None)
    bias = next((v for k, v in state.items() if k.endswith("tok_proj.bias")), None)
    if weight is None:
        sys.exit(f"{checkpoint} has no tok_proj.weight: not a uniCOIL checkpoint")
    projection = nn.Linear(hidden_size, 1)
    with torch.no_grad():
        projection.weight.copy_(weight.reshape(1, hidden_size))
        projection.bias.copy_(bias.reshape(1) if bias is not None else torch.zeros(1))
    return projection


def build(args):
    from transformers import AutoModel, AutoModelForMaskedLM
    if args.type == "splade":
        mlm = AutoModelForMaskedLM.from_pretrained(args.checkpoint).eval()
        wrapper = {"pooled": SpladePooled, "logits": SpladeLogits, "pairs": SpladePairs}[args.splade_output](mlm)
        outputs = {"pooled": ["weights"], "logits": ["logits"], "pairs": ["output_idx", "output_weights"]}[
            args.splade_output]
        read = outputs[-1]
    elif args.type == "unicoil":
        bert = AutoModel.from_pretrained(args.checkpoint, add_pooling_layer=False).eval()
        wrapper = UniCoil(bert, unicoil_projection(args.checkpoint, bert.config.hidden_size))
        outputs, read = ["token_weights"], "token_weights"
    else:
        if args.pooling is None:
            sys.exit("--pooling cls|mean is required for dense models (see the checkpoint's model card)")
        wrapper = Dense(AutoModel.from_pretrained(args.checkpoint).eval())
        outputs, read = ["last_hidden_state"], "last_hidden_state"
    return wrapper.eval(), outputs, read


def dynamic_axes(outputs, splade_output):
    axes = {n: {0: "batch", 1: "sequence"} for n in ("input_ids", "attention_mask", "token_type_ids")}
    for name in outputs:
        if name == "weights":
            axes[name] = {0: "batch"}
        elif splade_output == "pairs":
            axes[name] = {0: "nonzeros"}
        else:
            axes[name] = {0: "batch", 1: "sequence"}
    if splade_output == "pairs":  # no batch axis in the output: one text per run
        for n in ("input_ids", "attention_mask", "token_type_ids"):
            axes[n] = {1: "sequence"}
    return axes


def export_onnx(wrapper, inputs, path, outputs, axes, opset):
    """Exports with the TorchScript exporter (dynamic axes as declared; newer torch defaults to the
    dynamo exporter, whose data-dependent shapes break the (indices, weights) graph), into one file:
    the Java side may read the graph from a jar, where no external-data file can sit beside it."""
    kwargs = dict(input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=outputs,
                  dynamic_axes=axes, opset_version=opset, do_constant_folding=True)
    with torch.no_grad():
        try:
            torch.onnx.export(wrapper, inputs, path, dynamo=False, **kwargs)
        except TypeError:  # torch older than 2.5 has no dynamo argument
            torch.onnx.export(wrapper, inputs, path, **kwargs)
    data = path + ".data"
    if os.path.exists(data):
        import onnx
        model = onnx.load(path)  # pulls the external tensors in
        onnx.save(model, path, save_as_external_data=False)
        os.remove(data)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--type", required=True, choices=["splade", "unicoil", "dense"])
    p.add_argument("--checkpoint", required=True, help="Hugging Face model id or local folder")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--splade-output", choices=["pooled", "logits", "pairs"], default="pooled")
    p.add_argument("--pooling", choices=["cls", "mean"], help="dense only")
    p.add_argument("--max-length", type=int, default=256, help="tokens per text, [CLS] and [SEP] included")
    p.add_argument("--query-prefix", default="")
    p.add_argument("--passage-prefix", default="")
    p.add_argument("--no-normalize", action="store_true", help="dense: do not L2-normalize")
    p.add_argument("--opset", type=int, default=17)
    p.add_argument("--quantize", action="store_true", help="also write int8 weights (onnxruntime dynamic quantization)")
    p.add_argument("--verify", action="store_true", help="compare ONNX Runtime with PyTorch on sample texts")
    args = p.parse_args()

    from transformers import AutoTokenizer
    tokenizer = AutoTokenizer.from_pretrained(args.checkpoint, use_fast=True)
    if not tokenizer.is_fast:
        sys.exit(f"{args.checkpoint} has no fast tokenizer (tokenizer.json); lsr needs one")
    os.makedirs(args.out, exist_ok=True)
    tokenizer.backend_tokenizer.save(os.path.join(args.out, "tokenizer.json"))

    wrapper, outputs, read = build(args)
    sample = tokenizer(["lsr exports this model", "a second, longer sample text for the export"],
                       padding=True, return_tensors="pt")
    if args.splade_output == "pairs" and args.type == "splade":
        sample = tokenizer(["lsr exports this model"], return_tensors="pt")
    inputs = (sample["input_ids"], sample["attention_mask"],
              sample.get("token_type_ids", torch.zeros_like(sample["input_ids"])))
    onnx_path = os.path.join(args.out, "model.onnx")
    export_onnx(wrapper, inputs, onnx_path, outputs,
                dynamic_axes(outputs, args.splade_output if args.type == "splade" else None), args.opset)

    config = {"type": args.type, "output": read, "maxLength": args.max_length,
              "queryPrefix": args.query_prefix, "passagePrefix": args.passage_prefix,
              "name": os.path.basename(os.path.normpath(args.out)),
              "description": f"{args.type} exported from {args.checkpoint} by encoder/scripts/export_model.py"}
    if args.type == "dense":
        config["pooling"] = args.pooling
        config["normalize"] = not args.no_normalize
    if args.quantize:
        # Dynamic quantization scales activations over the whole run: one text per run keeps
        # every text's vector independent of what else is encoded with it.
        config["maxBatchSize"] = 1
    with open(os.path.join(args.out, "lsr-model.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")

    if args.quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic
        fp32 = os.path.join(args.out, "model-fp32.onnx")
        os.replace(onnx_path, fp32)
        quantize_dynamic(fp32, onnx_path, weight_type=QuantType.QInt8)
        print(f"int8 graph in {onnx_path}; the fp32 one kept as {fp32}")

    if args.verify:
        import numpy as np
        import onnxruntime as ort
        session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
        feed = {i.name: inputs[["input_ids", "attention_mask", "token_type_ids"].index(i.name)].numpy()
                for i in session.get_inputs()}
        got = session.run([read], feed)[0]
        with torch.no_grad():
            want = wrapper(*inputs)
            want = (want[-1] if isinstance(want, tuple) else want).numpy()
        if got.shape != want.shape:
            sys.exit(f"ONNX Runtime gives '{read}' of shape {got.shape}, PyTorch {want.shape}")
        diff = float(np.max(np.abs(got - want))) if got.size else 0.0
        print(f"max abs difference ONNX Runtime vs PyTorch on '{read}': {diff:.3g}")
    print(f"wrote {args.out}: model.onnx, tokenizer.json, lsr-model.json")


if __name__ == "__main__":
    main()
