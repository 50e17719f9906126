"""Stage 5: export trained checkpoints as model folders for the Java encoders (model.onnx, tokenizer.json,
lsr-model.json), int8-quantized or float32.

    python3 -m lsrtrain.export --checkpoint work/run/splade.pt --vocab bert-base-uncased-vocab.txt \
        --out encoder/src/main/resources/lsr/models/splade [--float32]

SPLADE graph (output "splade", pooled weights [batch, vocab]): the backbone's matrix products are
quantized dynamically (int8 weights per output channel, uint8 activations), and the word-embedding
table is stored once, as int8 [hidden, vocab] with one scale per term, serving both the tied vocabulary
projection (MatMulInteger) and the input lookup (rows of its transpose, folded once at load). The projection's int32
accumulators are max-pooled over the sequence *before* any per-term arithmetic: each term's scale is
positive and its bias constant, so max, scaling, bias, ReLU and log(1 + x) commute. That leaves a single
pass over the [batch, seq, vocab] accumulators, which is what makes CPU encoding fast.

uniCOIL graph (output "unicoil", per-token weights [batch, seq, 1]): quantized the same way, with its
factorized embedding table as int8 rows.
"""
import argparse
import inspect
import os
import shutil
import tempfile

import numpy as np
import onnx
import torch
from onnx import TensorProto, helper, numpy_helper

from . import lsrmodel
from .model import BLOCKED_BIAS, blocked_token_mask, load_checkpoint

OPSET = 17


class SpladeFeatures(torch.nn.Module):
    """The SPLADE graph up to the head's features; the vocabulary projection is added in ONNX."""

    def __init__(self, splade):
        super().__init__()
        self.splade = splade

    def forward(self, input_ids, attention_mask):
        s = self.splade
        hidden = s.bert(input_ids, attention_mask)
        hidden = torch.where(attention_mask.bool()[:, :, None], hidden, hidden[:, :1, :])
        return s.head.features(hidden)


class UniCoilGraph(torch.nn.Module):
    def __init__(self, unicoil):
        super().__init__()
        self.unicoil = unicoil

    def forward(self, input_ids, attention_mask):
        return self.unicoil(input_ids, attention_mask).unsqueeze(-1)


def torch_export(module, path):
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    mask = (ids != 0).long()
    # Newer torch releases default to the dynamo exporter, whose graph this module's rewriting does not expect.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    torch.onnx.export(module, (ids, mask), path, input_names=["input_ids", "attention_mask"], **legacy,
                      output_names=["out"], opset_version=OPSET, do_constant_folding=True,
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                    "out": {0: "batch", 1: "seq"}})


def quantize_matmuls(src, dst):
    from onnxruntime.quantization import QuantType, quantize_dynamic
    quantize_dynamic(src, dst, weight_type=QuantType.QInt8, per_channel=True, op_types_to_quantize=["MatMul"])


def int8_rows(table):
    scale = np.abs(table).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    return np.clip(np.rint(table / scale[:, None]), -127, 127).astype(np.int8), scale.astype(np.float32)


def replace_embedding_gather(graph, table_name, quantized, scale, transposed, prefix):
    """Swaps the float Gather of `table_name` for an int8 lookup scaled per row.

    transposed: the int8 table is stored [hidden, rows] (so that the same initializer can feed
    MatMulInteger) and looked up in its transpose; otherwise stored [rows, hidden].
    """
    gather = next(n for n in graph.node if n.op_type == "Gather" and n.input[0] == table_name)
    ids, out = gather.input[1], gather.output[0]
    for init in list(graph.initializer):
        if init.name == table_name:
            graph.initializer.remove(init)
    graph.initializer.extend([numpy_helper.from_array(quantized, prefix + "_int8"),
                              numpy_helper.from_array(scale, prefix + "_scale"),
                              numpy_helper.from_array(np.array([-1], dtype=np.int64), prefix + "_last_axis")])
    if transposed:
        # Rows of the transpose, not columns of the stored table: ONNX Runtime folds the constant
        # Transpose once at load, and gathering columns took 9 % of a passage's encoding time.
        nodes = [helper.make_node("Transpose", [prefix + "_int8"], [prefix + "_rows"], perm=[1, 0]),
                 helper.make_node("Gather", [prefix + "_rows", ids], [prefix + "_q"], axis=0)]
    else:
        nodes = [helper.make_node("Gather", [prefix + "_int8", ids], [prefix + "_q"], axis=0)]
    nodes += [helper.make_node("Cast", [prefix + "_q"], [prefix + "_f"], to=TensorProto.FLOAT),
              helper.make_node("Gather", [prefix + "_scale", ids], [prefix + "_row_scale"], axis=0),
              helper.make_node("Unsqueeze", [prefix + "_row_scale", prefix + "_last_axis"], [prefix + "_row_scale_u"]),
              helper.make_node("Mul", [prefix + "_f", prefix + "_row_scale_u"], [out])]
    index = list(graph.node).index(gather)
    graph.node.remove(gather)
    for i, node in enumerate(nodes):
        graph.node.insert(index + i, node)


def quantize_table(graph, table, transposed, prefix):
    """Finds the Gather that reads `table` (matched by shape) and makes it an int8 lookup."""
    name = next(i.name for i in graph.initializer if tuple(i.dims) == table.shape
                and any(n.op_type == "Gather" and n.input[0] == i.name for n in graph.node))
    q, scale = int8_rows(table)
    replace_embedding_gather(graph, name, np.ascontiguousarray(q.T) if transposed else q, scale, transposed, prefix)


def add_splade_head(graph, features, bias, quantized, threshold):
    """features [B, S, H] -> "splade" [B, V] = log(1 + ReLU(max_s(features . E) + bias)), with weights at
    or below `threshold` set to zero."""
    graph.initializer.extend([numpy_helper.from_array(bias.astype(np.float32), "vocab_bias"),
                              numpy_helper.from_array(np.array(1.0, dtype=np.float32), "one")])
    if quantized:
        graph.initializer.append(numpy_helper.from_array(np.array(0, dtype=np.int8), "vocab_zero_point"))
        nodes = [helper.make_node("DynamicQuantizeLinear", [features], ["f_q", "f_scale", "f_zero_point"]),
                 helper.make_node("MatMulInteger", ["f_q", "vocab_int8", "f_zero_point", "vocab_zero_point"],
                                  ["acc"]),
                 helper.make_node("ReduceMax", ["acc"], ["acc_max"], axes=[1], keepdims=0),
                 helper.make_node("Cast", ["acc_max"], ["acc_max_f"], to=TensorProto.FLOAT),
                 helper.make_node("Mul", ["f_scale", "vocab_scale"], ["col_scale"]),
                 helper.make_node("Mul", ["acc_max_f", "col_scale"], ["logit_max"])]
    else:
        nodes = [helper.make_node("MatMul", [features, "vocab_t"], ["logits"]),
                 helper.make_node("ReduceMax", ["logits"], ["logit_max"], axes=[1], keepdims=0)]
    nodes += [helper.make_node("Add", ["logit_max", "vocab_bias"], ["biased"]),
              helper.make_node("Relu", ["biased"], ["relu"]),
              helper.make_node("Add", ["relu", "one"], ["relu_1"]),
              helper.make_node("Log", ["relu_1"], ["weights"])]
    graph.initializer.append(numpy_helper.from_array(np.array(threshold, dtype=np.float32), "threshold"))
    nodes += [helper.make_node("Greater", ["weights", "threshold"], ["kept"]),
              helper.make_node("Cast", ["kept"], ["kept_f"], to=TensorProto.FLOAT),
              helper.make_node("Mul", ["weights", "kept_f"], ["splade"])]
    graph.node.extend(nodes)
    del graph.output[:]
    graph.output.append(helper.make_tensor_value_info("splade", TensorProto.FLOAT, ["batch", len(bias)]))


def exported_graph(module, quantized):
    """Exports `module` with torch and, if asked, quantizes its matrix products; returns the ONNX model."""
    tmp = tempfile.mkdtemp()
    try:
        path = os.path.join(tmp, "graph.onnx")
        torch_export(module, path)
        if quantized:
            quantize_matmuls(path, os.path.join(tmp, "graph-q.onnx"))
            path = os.path.join(tmp, "graph-q.onnx")
        return onnx.load(path)
    finally:
        shutil.rmtree(tmp)


def export_splade(model, out, quantized, threshold):
    m = exported_graph(SpladeFeatures(model), quantized)
    g = m.graph
    table = model.bert.word_embeddings.weight.detach().numpy()
    bias = model.head.bias.detach().numpy() + model.blocked_bias.numpy()
    if quantized:
        quantize_table(g, table, transposed=True, prefix="vocab")
        quantize_table(g, model.bert.position_embeddings.weight.detach().numpy(), False, "position")
    else:
        g.initializer.append(numpy_helper.from_array(np.ascontiguousarray(table.T), "vocab_t"))
    add_splade_head(g, g.output[0].name, bias, quantized, threshold)
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, "model.onnx"))


def export_unicoil(model, out, quantized):
    m = exported_graph(UniCoilGraph(model), quantized)
    g = m.graph
    if quantized:
        quantize_table(g, model.factors.weight.detach().numpy(), False, "factors")
        quantize_table(g, model.bert.position_embeddings.weight.detach().numpy(), False, "position")
    g.output[0].name = "unicoil"
    for n in g.node:
        n.output[:] = ["unicoil" if o == "out" else o for o in n.output]
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, "model.onnx"))


def write_tokenizer(vocab_path, out):
    """tokenizer.json for bert-base-uncased WordPiece, built from the project's vocabulary file."""
    from tokenizers import BertWordPieceTokenizer
    tok = BertWordPieceTokenizer(vocab_path, lowercase=True, strip_accents=None, clean_text=True,
                                 handle_chinese_chars=True)
    tok.save(os.path.join(out, "tokenizer.json"), pretty=False)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--checkpoint", required=True, help="splade.pt or unicoil.pt from lsrtrain.train")
    p.add_argument("--vocab", required=True, help="bert-base-uncased vocab.txt (data module resource)")
    p.add_argument("--out", required=True, help="model folder to write")
    p.add_argument("--float32", action="store_true", help="no quantization (reference graph)")
    p.add_argument("--max-length", type=int, default=256)
    p.add_argument("--threshold", type=float, default=0.0,
                   help="SPLADE only: weights at or below this are dropped inside the graph")
    p.add_argument("--query-top-k", type=int, default=0,
                   help="queries keep at most this many largest weights (lsr-model.json queryTopK; 0: all)")
    p.add_argument("--name", default=None)
    p.add_argument("--description", default=None)
    args = p.parse_args()
    with open(args.vocab, encoding="utf-8") as f:
        vocab = [line.rstrip("\n") for line in f]
    model, ckpt = load_checkpoint(args.checkpoint, blocked_token_mask(vocab))
    os.makedirs(args.out, exist_ok=True)
    if ckpt["kind"] == "splade":
        export_splade(model, args.out, not args.float32, args.threshold)
    else:
        export_unicoil(model, args.out, not args.float32)
    write_tokenizer(args.vocab, args.out)
    lsrmodel.write(args.out, lsrmodel.sparse_config(ckpt["kind"], args.max_length, not args.float32,
                                                    args.query_top_k, args.name, args.description))
    size = os.path.getsize(os.path.join(args.out, "model.onnx"))
    print(f"wrote {args.out}: {ckpt['kind']}, {'float32' if args.float32 else 'int8'}, model.onnx {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
