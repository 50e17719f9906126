#!/usr/bin/python3
"""Builds the encoder test fixture: a tiny BERT-like masked-LM in plain PyTorch, exported to ONNX in
every graph shape the Java encoders accept, with a matching tiny WordPiece tokenizer.json and the
reference vectors PyTorch computes for a handful of texts.

Run with Debian's CPU torch (no transformers needed):
    /usr/bin/python3 encoder/scripts/make_fidelity_fixture.py
It rewrites encoder/src/test/resources/lsr/encoder/fixture/. The model is random (seeded) but real:
embeddings, self-attention, GELU feed-forward, layer norms and a tied MLM head, as in BERT, so the
Java side is checked on the same operators a real checkpoint uses.
"""
import json
import math
import os
import unicodedata

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261130
HIDDEN = 16
HEADS = 2
LAYERS = 2
FFN = 32
POSITIONS = 64
MAX_LENGTH = 24  # lsr-model.json maxLength: long texts are truncated to this many tokens

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "test", "resources",
                   "lsr", "encoder", "fixture")

SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = """the a of and to in is for on with as by an be are this that from at or it
quick brown fox jump over lazy dog sparse dense retrieval learned term weight weights search
engine index query document model vector token text word java python onnx runtime neural network
max pool log relu mask batch length long short very empty one two three cat sat mat
. , ! ? ; : ' - ( )""".split()
SUBWORDS = ["##s", "##ing", "##ed", "##er", "##ly", "##es", "##x", "##z"]
VOCAB = SPECIAL + WORDS + SUBWORDS
PAD, UNK, CLS, SEP = 0, 1, 2, 3

TEXTS = [
    "The quick brown fox jumps over the lazy dog.",
    "sparse retrieval with learned term weights",
    "Java runs the ONNX runtime; Python trains the neural network!",
    "",
    "cat",
    "jumping foxes searched quickly",          # subwords
    "zebra xylophone quantum",                 # unknown words become [UNK]
    " ".join(["very long text about sparse search engine index"] * 12),  # truncated
]
QUERY_TEXTS = ["fox fox dog", "sparse sparse sparse search"]  # repeats: uniCOIL queries sum them


# --- a plain WordPiece tokenizer, the same algorithm tokenizer.json describes -----------------------

def _is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def wordpiece_ids(text):
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    words, current = [], ""
    for ch in text:
        if ch.isspace():
            if current:
                words.append(current)
            current = ""
        elif _is_punct(ch):
            if current:
                words.append(current)
            words.append(ch)
            current = ""
        else:
            current += ch
    if current:
        words.append(current)
    index = {t: i for i, t in enumerate(VOCAB)}
    ids = []
    for word in words:
        start, pieces = 0, []
        while start < len(word):
            end, found = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in index:
                    found = index[piece]
                    break
                end -= 1
            if found is None:
                pieces = [UNK]
                break
            pieces.append(found)
            start = end
        ids.extend(pieces)
    ids = ids[: MAX_LENGTH - 2]  # truncation keeps room for [CLS] and the final [SEP]
    return [CLS] + ids + [SEP]


def tokenizer_json():
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
             "normalized": False, "special": True}
            for i, t in enumerate(SPECIAL)
        ],
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {"[CLS]": {"id": "[CLS]", "ids": [CLS], "tokens": ["[CLS]"]},
                               "[SEP]": {"id": "[SEP]", "ids": [SEP], "tokens": ["[SEP]"]}},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100,
                  "vocab": {t: i for i, t in enumerate(VOCAB)}},
    }


# --- the model -----------------------------------------------------------------------------------

class Layer(nn.Module):
    def __init__(self, hidden, heads, ffn):
        super().__init__()
        self.hidden, self.heads = hidden, heads
        self.qkv = nn.Linear(hidden, 3 * hidden)
        self.out = nn.Linear(hidden, hidden)
        self.norm1 = nn.LayerNorm(hidden, eps=1e-12)
        self.up = nn.Linear(hidden, ffn)
        self.down = nn.Linear(ffn, hidden)
        self.norm2 = nn.LayerNorm(hidden, eps=1e-12)

    def forward(self, x, mask):
        b, s, _ = x.shape
        d = self.hidden // self.heads
        q, k, v = self.qkv(x).view(b, s, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-1, -2) / math.sqrt(d)
        scores = scores + (1.0 - mask[:, None, None, :].float()) * -10000.0
        ctx = (scores.softmax(-1) @ v).transpose(1, 2).reshape(b, s, self.hidden)
        x = self.norm1(x + self.out(ctx))
        return self.norm2(x + self.down(F.gelu(self.up(x))))


class TinyBert(nn.Module):
    """BERT's encoder and MLM head; the fixture's sizes by default, any size for benchmarks."""

    def __init__(self, vocab=len(VOCAB), hidden=HIDDEN, heads=HEADS, layers=LAYERS, ffn=FFN,
                 positions=POSITIONS):
        super().__init__()
        self.words = nn.Embedding(vocab, hidden)
        self.positions = nn.Embedding(positions, hidden)
        self.types = nn.Embedding(2, hidden)
        self.norm = nn.LayerNorm(hidden, eps=1e-12)
        self.layers = nn.ModuleList(Layer(hidden, heads, ffn) for _ in range(layers))
        self.head = nn.Linear(hidden, hidden)
        self.head_norm = nn.LayerNorm(hidden, eps=1e-12)
        # A negative bias makes most logits negative, so SPLADE vectors come out sparse as real ones do.
        self.decoder_bias = nn.Parameter(torch.randn(vocab) - 6.0)
        self.unicoil = nn.Linear(hidden, 1)
        nn.init.constant_(self.unicoil.bias, 0.3)  # most tokens get a positive weight, as in uniCOIL

    def hidden(self, ids, mask, types):
        pos = torch.arange(ids.shape[1]).unsqueeze(0)
        x = self.norm(self.words(ids) + self.positions(pos) + self.types(types))
        for layer in self.layers:
            x = layer(x, mask)
        return x

    def logits(self, ids, mask, types):
        h = self.head_norm(F.gelu(self.head(self.hidden(ids, mask, types))))
        return h @ self.words.weight.T + self.decoder_bias  # tied MLM decoder, as BERT's


def splade_pool(logits, mask):
    return torch.max(torch.log1p(torch.relu(logits)) * mask.unsqueeze(-1).float(), dim=1).values


class SpladeLogits(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.m.logits(input_ids, attention_mask, token_type_ids)


class SpladePooled(nn.Module):  # declares no token_type_ids: the Java side must feed only what is declared
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        logits = self.m.logits(input_ids, attention_mask, torch.zeros_like(input_ids))
        return splade_pool(logits, attention_mask)


class SpladePairs(nn.Module):  # (indices, weights) of one text, as Anserini's optimized export
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, token_type_ids):
        pooled = splade_pool(self.m.logits(input_ids, attention_mask, token_type_ids), attention_mask)
        nonzero = pooled.nonzero(as_tuple=True)
        return nonzero[1], pooled[nonzero]


class UniCoil(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask):
        h = self.m.hidden(input_ids, attention_mask, torch.zeros_like(input_ids))
        return torch.relu(self.m.unicoil(h)) * attention_mask.unsqueeze(-1).float()


class Dense(nn.Module):  # only input_ids: the mask is derived from padding inside the graph
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids):
        mask = (input_ids != PAD).long()
        return self.m.hidden(input_ids, mask, torch.zeros_like(input_ids))


def export(module, inputs, input_names, output_names, dynamic, folder, config):
    path = os.path.join(OUT, folder)
    os.makedirs(path, exist_ok=True)
    torch.onnx.export(module, inputs, os.path.join(path, "model.onnx"), input_names=input_names,
                      output_names=output_names, dynamic_axes=dynamic, opset_version=14,
                      do_constant_folding=True)
    with open(os.path.join(path, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(), f)
    with open(os.path.join(path, "lsr-model.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def main():
    torch.manual_seed(SEED)
    print("seed", SEED)
    model = TinyBert().eval()
    os.makedirs(OUT, exist_ok=True)

    seq = {0: "batch", 1: "sequence"}
    ids = torch.tensor([wordpiece_ids(TEXTS[0])])
    mask = torch.ones_like(ids)
    types = torch.zeros_like(ids)
    export(SpladeLogits(model), (ids, mask, types), ["input_ids", "attention_mask", "token_type_ids"],
           ["logits"], {"input_ids": seq, "attention_mask": seq, "token_type_ids": seq,
                        "logits": seq}, "splade-logits",
           {"type": "splade", "output": "logits", "maxLength": MAX_LENGTH})
    export(SpladePooled(model), (ids, mask), ["input_ids", "attention_mask"], ["weights"],
           {"input_ids": seq, "attention_mask": seq, "weights": {0: "batch"}}, "splade-pooled",
           {"type": "splade", "output": "weights", "maxLength": MAX_LENGTH})
    one = {1: "sequence"}
    export(SpladePairs(model), (ids, mask, types), ["input_ids", "attention_mask", "token_type_ids"],
           ["output_idx", "output_weights"], {"input_ids": one, "attention_mask": one,
                                              "token_type_ids": one, "output_idx": {0: "nonzeros"},
                                              "output_weights": {0: "nonzeros"}}, "splade-pairs",
           {"type": "splade", "output": "output_weights", "maxLength": MAX_LENGTH})
    export(UniCoil(model), (ids, mask), ["input_ids", "attention_mask"], ["token_weights"],
           {"input_ids": seq, "attention_mask": seq, "token_weights": seq}, "unicoil",
           {"type": "unicoil", "output": "token_weights", "maxLength": MAX_LENGTH})
    export(Dense(model), (ids,), ["input_ids"], ["last_hidden_state"],
           {"input_ids": seq, "last_hidden_state": seq}, "dense",
           {"type": "dense", "output": "last_hidden_state", "maxLength": MAX_LENGTH,
            "pooling": "mean", "queryPrefix": "query: ", "passagePrefix": "passage: "})

    special = set(range(len(SPECIAL)))
    cases = []
    with torch.no_grad():
        for text in TEXTS:
            tok = wordpiece_ids(text)
            t = torch.tensor([tok])
            m = torch.ones_like(t)
            pooled = splade_pool(model.logits(t, m, torch.zeros_like(t)), m)[0]
            nonzero = [i for i in range(len(VOCAB)) if pooled[i] > 0 and i not in special]
            weakest = min((pooled[i].item() for i in nonzero), default=1.0)
            # A weight near zero could flip between zero and nonzero across runtimes; the seed is
            # chosen so none is, which keeps "same nonzero set" a fair test.
            assert weakest > 1e-3, f"weight {weakest} too close to zero; change SEED"
            splade = {VOCAB[i]: round(pooled[i].item(), 7) for i in nonzero}
            token_w = torch.relu(model.unicoil(model.hidden(t, m, torch.zeros_like(t))))[0, :, 0]
            unicoil = {}
            for pos, tid in enumerate(tok):
                if tid not in special and token_w[pos] > 0:
                    unicoil[VOCAB[tid]] = max(unicoil.get(VOCAB[tid], 0.0), token_w[pos].item())
            cases.append({"text": text, "ids": tok, "splade": splade,
                          "unicoil": {k: round(v, 7) for k, v in unicoil.items()}})
        dense_cases = []
        for text in TEXTS[:3]:
            tok = wordpiece_ids("passage: " + text)
            h = model.hidden(torch.tensor([tok]), torch.ones(1, len(tok), dtype=torch.long),
                             torch.zeros(1, len(tok), dtype=torch.long))[0]
            v = F.normalize(h.mean(0), dim=0)
            dense_cases.append({"text": text, "vector": [round(x, 7) for x in v.tolist()]})
        query_cases = []
        for text in QUERY_TEXTS:
            tok = wordpiece_ids(text)
            t = torch.tensor([tok])
            token_w = torch.relu(model.unicoil(model.hidden(t, torch.ones_like(t), torch.zeros_like(t))))
            summed = {}
            for pos, tid in enumerate(tok):
                if tid not in special and token_w[0, pos, 0] > 0:
                    summed[VOCAB[tid]] = summed.get(VOCAB[tid], 0.0) + token_w[0, pos, 0].item()
            query_cases.append({"text": text, "ids": tok,
                                "unicoil": {k: round(v, 7) for k, v in summed.items()}})

    with open(os.path.join(OUT, "reference.json"), "w") as f:
        json.dump({"seed": SEED, "maxLength": MAX_LENGTH, "documents": cases,
                   "queries": query_cases, "densePassages": dense_cases}, f, indent=1)
        f.write("\n")
    print("wrote", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
