"""Batched inference helpers: tokenization, length-sorted batches, dense / SPLADE / uniCOIL encoding."""
import contextlib

import torch
from tokenizers import Tokenizer

from .model import unicoil_vectors


def load_tokenizer(path):
    tok = Tokenizer.from_file(path)
    tok.no_padding()
    tok.no_truncation()
    return tok


def tokenize(tok, texts, max_len, prefix=""):
    """Token id lists with [CLS] ... [SEP], truncated to max_len keeping the final [SEP]."""
    out = []
    for enc in tok.encode_batch([prefix + t for t in texts]):
        ids = enc.ids
        if len(ids) > max_len:
            ids = ids[:max_len - 1] + [ids[-1]]
        out.append(ids)
    return out


def pad(id_lists, device):
    width = max(len(x) for x in id_lists)
    ids = torch.zeros(len(id_lists), width, dtype=torch.long)
    mask = torch.zeros(len(id_lists), width, dtype=torch.long)
    for i, x in enumerate(id_lists):
        ids[i, :len(x)] = torch.tensor(x)
        mask[i, :len(x)] = 1
    return ids.to(device), mask.to(device)


def autocast(device):
    if str(device).startswith("cuda"):
        return torch.autocast("cuda", dtype=torch.bfloat16)
    return contextlib.nullcontext()


@torch.no_grad()
def run_batches(id_lists, batch_tokens, device, fn):
    """Calls fn(ids, mask) on length-sorted batches of about batch_tokens tokens; results in input order."""
    order = sorted(range(len(id_lists)), key=lambda i: len(id_lists[i]))
    results = [None] * len(id_lists)

    def flush(chunk):
        ids, mask = pad([id_lists[i] for i in chunk], device)
        with autocast(device):
            out = fn(ids, mask).float()
        for j, i in enumerate(chunk):
            results[i] = out[j]

    chunk = []
    for i in order:
        # Ascending lengths: the newest member is the widest, so this bounds the padded batch.
        if chunk and (len(chunk) + 1) * len(id_lists[i]) > batch_tokens:
            flush(chunk)
            chunk = []
        chunk.append(i)
    if chunk:
        flush(chunk)
    return torch.stack(results)


def dense(bert, id_lists, device, pooling, batch_tokens=32768):
    def fn(ids, mask):
        h = bert(ids, mask)
        if pooling == "cls":
            v = h[:, 0]
        else:
            m = mask[:, :, None].to(h.dtype)
            v = (h * m).sum(1) / m.sum(1)
        return torch.nn.functional.normalize(v.float(), dim=-1)
    return run_batches(id_lists, batch_tokens, device, fn)


def splade(model, id_lists, device, batch_tokens=16384):
    return run_batches(id_lists, batch_tokens, device, lambda ids, mask: model(ids, mask))


def unicoil(model, id_lists, device, is_query, batch_tokens=16384):
    def fn(ids, mask):
        return unicoil_vectors(model(ids, mask), ids, model.cfg.vocab_size, is_query)
    return run_batches(id_lists, batch_tokens, device, fn)
