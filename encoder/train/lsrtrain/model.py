"""The sparse encoders trained here: SPLADE (BERT + masked-LM head, max-pooled) and a compact uniCOIL.

SPLADE weight of vocabulary term j for a text: max over its tokens i of log(1 + ReLU(logit_ij)), where
logit_i = E . LayerNorm(GELU(W h_i + b)) + bias is the masked-LM head over the last hidden state h_i,
tied to the word embeddings E.

Pooling detail shared with the ONNX export: padded positions are replaced by the [CLS] position before
the vocabulary projection. [CLS] takes part in the max anyway, so the result is exact, and the exported
graph can take the max over raw integer accumulators before any per-column arithmetic.

Special and [unused*] tokens get a fixed large negative bias, so they never appear in a sparse vector.
"""
import json
import re

import torch
from torch import nn

from .bert import BertConfig, BertEncoder

BLOCKED_BIAS = -1.0e4


def blocked_token_mask(vocab_tokens):
    """Boolean [vocab]: true for [PAD], [UNK], [CLS], [SEP], [MASK] and the [unused*] placeholders."""
    special = {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}
    return torch.tensor([t in special or re.fullmatch(r"\[unused\d+\]", t) is not None for t in vocab_tokens])


def vocab_from_tokenizer_json(path):
    with open(path, encoding="utf-8") as f:
        vocab = json.load(f)["model"]["vocab"]
    tokens = [None] * len(vocab)
    for token, i in vocab.items():
        tokens[i] = token
    return tokens


class MlmHead(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.transform = nn.Linear(cfg.hidden, cfg.hidden)
        self.norm = nn.LayerNorm(cfg.hidden, eps=cfg.eps)
        self.bias = nn.Parameter(torch.zeros(cfg.vocab_size))

    def features(self, hidden):
        return self.norm(nn.functional.gelu(self.transform(hidden)))


class Splade(nn.Module):
    def __init__(self, cfg, blocked):
        super().__init__()
        self.cfg = cfg
        self.bert = BertEncoder(cfg)
        self.head = MlmHead(cfg)
        self.register_buffer("blocked_bias", blocked.float() * BLOCKED_BIAS, persistent=False)

    def init_head(self):
        """Starts the head as a near-identity map, so the first logits favour each token's own id."""
        with torch.no_grad():
            self.head.transform.weight.copy_(torch.eye(self.cfg.hidden))
            self.head.transform.bias.zero_()
            self.head.norm.weight.fill_(1.0)
            self.head.norm.bias.zero_()
            self.head.bias.zero_()

    def mlm_logits(self, input_ids, attention_mask):
        """Logits [batch, seq, vocab] for masked-LM training."""
        feats = self.head.features(self.bert(input_ids, attention_mask))
        return feats @ self.bert.word_embeddings.weight.t() + self.head.bias

    def pooled_logits(self, input_ids, attention_mask):
        """Max over the text's tokens of the masked-LM logits [batch, vocab], before log(1 + ReLU)."""
        hidden = self.bert(input_ids, attention_mask)
        # Padded rows take the [CLS] row: it is already in the max, so the result is unchanged.
        hidden = torch.where(attention_mask.bool()[:, :, None], hidden, hidden[:, :1, :])
        feats = self.head.features(hidden)
        logits = feats @ self.bert.word_embeddings.weight.t()
        return logits.amax(dim=1).float() + self.head.bias + self.blocked_bias

    def forward(self, input_ids, attention_mask):
        """Pooled SPLADE weights [batch, vocab]."""
        return torch.log1p(torch.relu(self.pooled_logits(input_ids, attention_mask)))


class UniCoil(nn.Module):
    """A small encoder (factorized word embeddings, few layers) with a per-token weight head.

    Word embeddings are E = A P with A [vocab, rank], P [rank, hidden], so the vocabulary table stays
    small enough to ship beside the SPLADE model.
    """

    def __init__(self, cfg, rank, blocked):
        super().__init__()
        self.cfg = cfg
        self.rank = rank
        self.factors = nn.Embedding(cfg.vocab_size, rank)
        self.projection = nn.Linear(rank, cfg.hidden, bias=False)
        self.bert = BertEncoder(cfg)
        # The encoder's own word table is unused: embeddings come from the factors.
        self.bert.word_embeddings = None
        self.weight = nn.Linear(cfg.hidden, 1)
        self.register_buffer("keep", (~blocked).float(), persistent=False)

    def embed(self, input_ids):
        return self.projection(self.factors(input_ids))

    def forward(self, input_ids, attention_mask):
        """Per-token weights [batch, seq] (zero on padding and special tokens)."""
        bert = self.bert
        seq = input_ids.shape[1]
        positions = torch.arange(seq, device=input_ids.device).unsqueeze(0)
        x = self.embed(input_ids) + bert.position_embeddings(positions) + bert.token_type_embeddings.weight[0]
        x = bert.embedding_norm(x)
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -10000.0
        for layer in bert.layers:
            x = layer(x, bias)
        w = torch.relu(self.weight(x).squeeze(-1)).float()
        return w * attention_mask.to(w.dtype) * self.keep[input_ids]

    def init_from(self, teacher_state, layers):
        """Initializes from a BERT state dict: the chosen layers, and an SVD factorization of its word table."""
        own = {}
        for k, v in teacher_state.items():
            if k.startswith("layers."):
                index = int(k.split(".")[1])
                if index in layers:
                    own["layers." + str(layers.index(index)) + k[len("layers." + str(index)):]] = v
            elif k != "word_embeddings.weight":
                own[k] = v
        self.bert.load_state_dict(own, strict=True)
        table = teacher_state["word_embeddings.weight"].float()
        u, s, vt = torch.linalg.svd(table, full_matrices=False)
        with torch.no_grad():
            self.factors.weight.copy_(u[:, :self.rank] * s[:self.rank])
            self.projection.weight.copy_(vt[:self.rank].t())
            nn.init.normal_(self.weight.weight, std=0.02)
            self.weight.bias.fill_(0.5)


def unicoil_vectors(weights, input_ids, vocab_size, is_query):
    """Bag-of-token vectors [batch, vocab] from per-token weights: queries sum repeats, passages keep the max."""
    out = torch.zeros(weights.shape[0], vocab_size, device=weights.device, dtype=weights.dtype)
    if is_query:
        return out.scatter_add(1, input_ids, weights)
    return out.scatter_reduce(1, input_ids, weights, reduce="amax", include_self=True)


def save_checkpoint(path, model, extra):
    torch.save({"config": model.cfg.to_dict(), "state": {k: v.half() if v.is_floating_point() else v
                                                          for k, v in model.state_dict().items()},
                **extra}, path)


def load_checkpoint(path, blocked):
    """(model in eval mode, checkpoint dict) from a file written by save_checkpoint."""
    ckpt = torch.load(path, map_location="cpu")
    cfg = BertConfig.from_dict(ckpt["config"])
    if ckpt["kind"] == "splade":
        model = Splade(cfg, blocked)
    else:
        model = UniCoil(cfg, ckpt["rank"], blocked)
    model.load_state_dict({k: v.float() for k, v in ckpt["state"].items()})
    return model.eval(), ckpt
