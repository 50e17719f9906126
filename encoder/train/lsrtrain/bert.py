"""A compact BERT encoder in plain PyTorch, loadable from the ONNX bi-encoders shipped in Maven artifacts.

Written here (rather than taken from `transformers`) so that the same code trains on the GPU machine,
runs on an old CPU-only PyTorch, and exports to ONNX with exactly the graph we want.
"""
import math

import numpy as np
import torch
from torch import nn


class BertConfig:
    def __init__(self, vocab_size=30522, hidden=384, layers=6, heads=12, intermediate=1536,
                 max_positions=512, type_vocab=2, eps=1e-12):
        self.vocab_size = vocab_size
        self.hidden = hidden
        self.layers = layers
        self.heads = heads
        self.intermediate = intermediate
        self.max_positions = max_positions
        self.type_vocab = type_vocab
        self.eps = eps

    def to_dict(self):
        return dict(self.__dict__)

    @staticmethod
    def from_dict(d):
        return BertConfig(**d)


class SelfAttention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.heads = cfg.heads
        self.head_dim = cfg.hidden // cfg.heads
        self.query = nn.Linear(cfg.hidden, cfg.hidden)
        self.key = nn.Linear(cfg.hidden, cfg.hidden)
        self.value = nn.Linear(cfg.hidden, cfg.hidden)

    def forward(self, x, bias):
        b, s, _ = x.shape

        def split(t):
            return t.view(b, s, self.heads, self.head_dim).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(self.head_dim) + bias
        ctx = torch.matmul(torch.softmax(scores, dim=-1), v)
        return ctx.transpose(1, 2).reshape(b, s, -1)


class Layer(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.attention = SelfAttention(cfg)
        self.attention_output = nn.Linear(cfg.hidden, cfg.hidden)
        self.attention_norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.intermediate = nn.Linear(cfg.hidden, cfg.intermediate)
        self.output = nn.Linear(cfg.intermediate, cfg.hidden)
        self.output_norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)

    def forward(self, x, bias):
        x = self.attention_norm(x + self.attention_output(self.attention(x, bias)))
        return self.output_norm(x + self.output(nn.functional.gelu(self.intermediate(x))))


class BertEncoder(nn.Module):
    """Embeddings and transformer layers; returns the last hidden state [batch, seq, hidden]."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.word_embeddings = nn.Embedding(cfg.vocab_size, cfg.hidden)
        self.position_embeddings = nn.Embedding(cfg.max_positions, cfg.hidden)
        self.token_type_embeddings = nn.Embedding(cfg.type_vocab, cfg.hidden)
        self.embedding_norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.layers = nn.ModuleList(Layer(cfg) for _ in range(cfg.layers))

    def forward(self, input_ids, attention_mask):
        seq = input_ids.shape[1]
        positions = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        # Every input is a single segment, so token type 0 throughout; the graph needs no token_type_ids.
        x = (self.word_embeddings(input_ids) + self.position_embeddings(positions)
             + self.token_type_embeddings.weight[0])
        x = self.embedding_norm(x)
        # Additive mask: padded keys get a large negative score (finite, so fp16 stays free of NaN).
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        return x


# Names used by the Hugging Face BERT checkpoints (and so by their ONNX exports), per layer.
_LAYER_NAMES = {
    "attention.self.query": "attention.query",
    "attention.self.key": "attention.key",
    "attention.self.value": "attention.value",
    "attention.output.dense": "attention_output",
    "attention.output.LayerNorm": "attention_norm",
    "intermediate.dense": "intermediate",
    "output.dense": "output",
    "output.LayerNorm": "output_norm",
}
_TOP_NAMES = {
    "embeddings.word_embeddings.weight": "word_embeddings.weight",
    "embeddings.position_embeddings.weight": "position_embeddings.weight",
    "embeddings.token_type_embeddings.weight": "token_type_embeddings.weight",
    "embeddings.LayerNorm.weight": "embedding_norm.weight",
    "embeddings.LayerNorm.bias": "embedding_norm.bias",
}


def hf_name_to_ours(name):
    """Maps a Hugging Face BERT parameter name to this module's name, or None if it has no counterpart."""
    for prefix in ("bert.", ""):
        if name.startswith(prefix):
            name = name[len(prefix):]
    if name in _TOP_NAMES:
        return _TOP_NAMES[name]
    if name.startswith("encoder.layer."):
        rest = name[len("encoder.layer."):]
        index, rest = rest.split(".", 1)
        for hf, ours in _LAYER_NAMES.items():
            if rest.startswith(hf + "."):
                return f"layers.{index}.{ours}.{rest[len(hf) + 1:]}"
    return None


def state_dict_from_onnx(path):
    """Reads the weights of a BERT-style ONNX export (initializers) into this module's state dict.

    MatMul weights carry generated names in such exports; each is identified by the named bias that the
    following Add node adds, and transposed from ONNX's [in, out] to Linear's [out, in].
    Returns (state_dict, config).
    """
    import onnx
    from onnx import numpy_helper

    model = onnx.load(path)
    inits = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    consumers = {}
    for node in model.graph.node:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    hf = {}
    for name, arr in inits.items():
        if not name.startswith("onnx::"):
            hf[name] = arr
    for node in model.graph.node:
        if node.op_type != "MatMul":
            continue
        weights = [i for i in node.input if i in inits]
        if not weights:
            continue
        biases = [i for c in consumers.get(node.output[0], []) if c.op_type == "Add"
                  for i in c.input if i in inits and i.endswith(".bias")]
        if len(biases) != 1:
            raise ValueError(f"{path}: cannot name MatMul weight {weights[0]} (biases found: {biases})")
        hf[biases[0][:-len(".bias")] + ".weight"] = inits[weights[0]].T
    state = {}
    for name, arr in hf.items():
        ours = hf_name_to_ours(name)
        if ours is not None:
            state[ours] = torch.from_numpy(np.array(arr, dtype=np.float32))
    layers = 1 + max(int(k.split(".")[1]) for k in state if k.startswith("layers."))
    vocab, hidden = state["word_embeddings.weight"].shape
    cfg = BertConfig(vocab_size=vocab, hidden=hidden, layers=layers, heads=hidden // 32,
                     intermediate=state["layers.0.intermediate.weight"].shape[0],
                     max_positions=state["position_embeddings.weight"].shape[0])
    return state, cfg
