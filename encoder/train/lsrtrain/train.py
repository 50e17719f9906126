"""Stage 4 (GPU): train the SPLADE student and the compact uniCOIL, then evaluate them.

    python3 -m lsrtrain.train --data work/data --init work/all-minilm-l6-v2.npz \
        --tokenizer tokenizer.json --out work/run [--eval classic/cranfield ...]

1. Masked-LM warm-up of the backbone and a fresh MLM head on the training passages (the initial
   all-MiniLM-L6-v2 checkpoint has no MLM head). An initial checkpoint that brings its own head
   (BERT-base from lsrtrain.transit --tf-checkpoint) starts from that head and skips the warm-up.
2. Joint training. Each step takes --batch queries, each with its positive and --negatives hard negatives
   sampled from the teacher-filtered candidates (lsrtrain.teacher). For both models:
   contrastive cross-entropy over all passages in the batch (in-batch and hard negatives), plus KL
   divergence to the dense teacher's distribution over the query's own passages (--distill-weight).
   SPLADE adds FLOPS regularization (sum over terms of the squared mean weight in the batch), separately
   for passages and queries, with a quadratic warm-up; its weights are steered towards
   --target-doc-nonzeros / --target-query-nonzeros on the training batches by a slow multiplicative
   controller, so one run lands at the wanted sparsity.
3. Validation on training data: --holdout queries are kept out of training, and at the end both models
   retrieve their positives among all training passages (MRR@10, recall@100, nonzeros). This is the
   figure to choose runs by. Figures (nDCG@10, recall@100, nonzeros) on the --eval BEIR folders are for
   reporting only. Checkpoints (float16) in --out.

With --extra-teacher, the KL target mixes a second dense teacher into the first: its pair scores are
computed here, rescaled so that their spread within a query's passages matches the first teacher's,
and averaged with weight --extra-teacher-weight. With --splade-teacher (a splade.pt written by an
earlier run, e.g. the large BERT-base model) its dot products are mixed in the same way, after the
dense teachers, with weight --splade-teacher-weight: this distils the large SPLADE into the student.
--no-unicoil trains SPLADE alone (the large model's run).

Learning-rate and regularization schedules run on progress = max(step / --steps, elapsed / --time-budget),
so a run ends on time on any machine. Everything random is seeded by --seed.
"""
import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn.functional as F

from . import dataset, encode, evaluate, transit
from .bert import BertConfig
from .model import Splade, UniCoil, blocked_token_mask, save_checkpoint, unicoil_vectors, vocab_from_tokenizer_json


def log(out, message):
    print(message, flush=True)
    with open(os.path.join(out, "train.log"), "a") as f:
        f.write(message + "\n")


def padded(id_lists, width):
    arr = np.zeros((len(id_lists), width), dtype=np.int32)
    lengths = np.zeros(len(id_lists), dtype=np.int32)
    for i, ids in enumerate(id_lists):
        arr[i, :len(ids)] = ids
        lengths[i] = len(ids)
    return arr, lengths


def batch_tensors(arr, lengths, rows, device):
    width = int(lengths[rows].max())
    ids = torch.from_numpy(arr[rows, :width].astype(np.int64)).to(device, non_blocking=True)
    mask = (torch.arange(width)[None, :] < torch.from_numpy(lengths[rows])[:, None]).long().to(device)
    return ids, mask


def schedule(progress, warmup):
    """Linear warm-up then linear decay, both in units of progress (0..1)."""
    if progress < warmup:
        return progress / warmup
    return max(0.0, (1.0 - progress) / (1.0 - warmup))


def flops(vectors):
    return (vectors.mean(dim=0) ** 2).sum()


def nonzero_floor_penalty(pooled_logits, floor):
    """Mean shortfall below zero of each passage's `floor` largest pooled logits.

    It pulls back the terms just under the ReLU, so passages keep at least `floor` nonzeros: the FLOPS
    controller can only press down, and a ReLU that fell to zero gets no gradient of its own.
    """
    top = torch.topk(pooled_logits.float(), floor, dim=1).values
    return torch.relu(-top).mean()


def ranking_losses(q, d, group_size, teacher, teacher_known, temperature):
    """Contrastive CE over every passage in the batch, and KL to the teacher over the query's own group."""
    scores = q @ d.t()  # [B, B * group_size]
    b = q.shape[0]
    target = torch.arange(b, device=q.device) * group_size
    contrastive = F.cross_entropy(scores, target)
    own = scores.view(b, b, group_size)[torch.arange(b), torch.arange(b)]  # [B, group_size]
    neg_inf = torch.finfo(own.dtype).min
    student = F.log_softmax(own.masked_fill(~teacher_known, neg_inf), dim=1)
    teach = F.softmax((teacher / temperature).masked_fill(~teacher_known, neg_inf), dim=1)
    kl = (teach * (torch.log(teach.clamp_min(1e-9)) - student)).masked_fill(~teacher_known, 0).sum(1).mean()
    return contrastive, kl


def mlm_warmup(model, docs_arr, docs_len, args, device, out, rng):
    vocab = model.cfg.vocab_size
    special = torch.tensor([0, 100, 101, 102, 103], device=device)
    params = list(model.parameters())
    opt = torch.optim.AdamW(params, lr=args.mlm_lr, weight_decay=0.01)
    model.train()
    start = time.time()
    for step in range(args.mlm_steps):
        rows = rng.choice(len(docs_arr), args.mlm_batch, replace=False)
        ids, mask = batch_tensors(docs_arr[:, :args.mlm_len], np.minimum(docs_len, args.mlm_len), rows, device)
        ids = ids.clone()
        if ids.shape[1] == args.mlm_len and args.mlm_len < docs_arr.shape[1]:
            ids[:, -1] = 102  # truncated passages still end with [SEP]
        labels = ids.clone()
        choose = (torch.rand(ids.shape, device=device) < 0.15) & mask.bool() & ~torch.isin(ids, special)
        labels[~choose] = -100
        r = torch.rand(ids.shape, device=device)
        ids[choose & (r < 0.8)] = 103
        rand_tok = torch.randint(1000, vocab, ids.shape, device=device)
        swap = choose & (r >= 0.8) & (r < 0.9)
        ids[swap] = rand_tok[swap]
        for g in opt.param_groups:
            g["lr"] = args.mlm_lr * schedule(step / args.mlm_steps, 0.1)
        with encode.autocast(device):
            logits = model.mlm_logits(ids, mask)
        loss = F.cross_entropy(logits.float().view(-1, vocab), labels.view(-1), ignore_index=-100)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        opt.step()
        if step % 100 == 0 or step == args.mlm_steps - 1:
            log(out, f"mlm step {step} loss {loss.item():.3f} ({time.time() - start:.0f} s)")


class FlopsController:
    """FLOPS weight = base * quadratic warm-up * exp(c); c follows log(nonzeros / target) slowly."""

    def __init__(self, base, target, rate):
        self.base, self.target, self.rate, self.c = base, target, rate, 0.0

    def weight(self, progress, warmup):
        return self.base * min(1.0, (progress / warmup) ** 2) * math.exp(self.c)

    def update(self, nonzeros, progress, warmup):
        if progress > warmup / 2:
            self.c = min(7.0, max(-7.0, self.c + self.rate * math.log((nonzeros + 1.0) / self.target)))


def combine_teachers(main, extra, known, weight):
    """Mixes a second teacher's pair scores into the first's, after matching their spread per query."""
    def spread(scores):
        masked = np.where(known, scores, np.nan)
        return float(np.nanmean(np.nanstd(masked[known.sum(1) > 1], axis=1)))
    ratio = spread(main) / spread(extra)
    agree = float(np.mean(np.argmax(np.where(known, main, -np.inf), 1) == np.argmax(np.where(known, extra, -np.inf), 1)))
    return (1 - weight) * main + weight * ratio * extra, ratio, agree


def sparse_encoders(splade, unicoil, device):
    """name -> (encode passages, encode queries) for the models of this run, in eval mode."""
    splade.eval()
    encoders = {"splade": (lambda x: encode.splade(splade, x, device), lambda x: encode.splade(splade, x, device))}
    if unicoil is not None:
        unicoil.eval()
        encoders["unicoil"] = (lambda x: encode.unicoil(unicoil, x, device, False),
                               lambda x: encode.unicoil(unicoil, x, device, True))
    return encoders


@torch.no_grad()
def validate(splade, unicoil, d_ids, q_ids, positives, device):
    """MRR@10 and recall@100 of held-out training queries over every training passage."""
    results = {}
    target = torch.from_numpy(positives).to(device)
    for name, (enc_d, enc_q) in sparse_encoders(splade, unicoil, device).items():
        d = enc_d(d_ids)
        q = enc_q(q_ids)
        rr, hit, doc_nnz = [], [], evaluate.nonzeros(d)
        for lo in range(0, len(q_ids), 512):
            top = torch.topk(q[lo:lo + 512] @ d.t(), min(100, d.shape[0]), dim=1).indices
            match = top == target[lo:lo + 512, None]
            first = torch.where(match.any(1), match.float().argmax(1), torch.full_like(target[lo:lo + 512], 1000))
            rr.append(torch.where(first < 10, 1.0 / (first.float() + 1), torch.zeros_like(first, dtype=torch.float)))
            hit.append(match.any(1).float())
        results[name] = {"mrr_10": float(torch.cat(rr).mean()), "recall_100": float(torch.cat(hit).mean()),
                         "doc_nonzeros": doc_nnz, "query_nonzeros": evaluate.nonzeros(q),
                         "queries": len(q_ids)}
        del d, q
        if device.type == "cuda":
            torch.cuda.empty_cache()
    return results


def evaluate_all(splade, unicoil, tok, folders, device, max_len):
    encoders = sparse_encoders(splade, unicoil, device)
    results = {name: {} for name in encoders}
    for folder in folders:
        collection = os.path.basename(folder.rstrip("/"))
        doc_ids, doc_texts, qids, qtexts, qrels = dataset.load_beir(folder)
        d_ids = encode.tokenize(tok, doc_texts, max_len)
        q_ids = encode.tokenize(tok, qtexts, max_len)
        for name, (enc_d, enc_q) in encoders.items():
            d, q = enc_d(d_ids), enc_q(q_ids)
            results[name][collection] = {**evaluate.metrics(q @ d.t(), doc_ids, qids, qrels),
                                         "doc_nonzeros": evaluate.nonzeros(d), "query_nonzeros": evaluate.nonzeros(q)}
    return {k: evaluate.summarize(v) for k, v in results.items()}


def train(args):
    os.makedirs(args.out, exist_ok=True)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)
    device = torch.device(args.device)
    out = args.out
    log(out, f"seed {args.seed}; args {json.dumps(vars(args))}")
    start = time.time()

    tok = encode.load_tokenizer(args.tokenizer)
    blocked = blocked_token_mask(vocab_from_tokenizer_json(args.tokenizer))
    state, cfg = transit.load(args.init)
    state, head_state = transit.split_head(state)

    splade = Splade(cfg, blocked)
    splade.bert.load_state_dict(state)
    if head_state is None:
        splade.init_head()
    else:
        splade.head.load_state_dict(head_state)
    splade.to(device)
    unicoil = None
    if not args.no_unicoil:
        ucfg = BertConfig(**{**cfg.to_dict(), "layers": len(args.unicoil_layers), "max_positions": 512})
        unicoil = UniCoil(ucfg, args.unicoil_rank, blocked)
        unicoil.init_from(state, args.unicoil_layers)
        unicoil.to(device)

    results = {}
    if args.eval:
        from .teacher import eval_dense
        results["dense_init"] = eval_dense(splade.bert.eval(), tok, args.eval, device, "mean", "")
        log(out, "initial checkpoint as a dense bi-encoder: " + json.dumps(results["dense_init"]["mean"]))

    docs, queries = dataset.load(args.data)
    teacher = np.load(os.path.join(args.data, "teacher.npz"))
    negatives, teacher_scores = teacher["negatives"], teacher["scores"].astype(np.float32)
    known_all = np.concatenate([np.ones((len(queries), 1), bool), negatives >= 0], axis=1)
    if args.extra_teacher:
        from .teacher import load_teacher, pair_scores
        second = load_teacher(args.extra_teacher, device)
        extra = pair_scores(second, tok, docs, queries, negatives, device, args.extra_teacher_pooling)
        del second
        teacher_scores, ratio, agree = combine_teachers(teacher_scores, extra, known_all, args.extra_teacher_weight)
        log(out, f"extra teacher scored {extra.shape[0]} x {extra.shape[1]} pairs; spread ratio {ratio:.3f}; "
                 f"same top passage as the first teacher for {agree:.3f} of queries ({time.time() - start:.0f} s)")
    if args.splade_teacher:
        from . import splade_teacher
        large = splade_teacher.load(args.splade_teacher, blocked, device)
        large_scores = splade_teacher.pair_scores(large, tok, docs, queries, negatives, device,
                                                  args.doc_len, args.query_len)
        del large
        teacher_scores, ratio, agree = combine_teachers(teacher_scores, large_scores, known_all,
                                                        args.splade_teacher_weight)
        log(out, f"SPLADE teacher scored {large_scores.shape[0]} x {large_scores.shape[1]} pairs; spread ratio "
                 f"{ratio:.3f}; same top passage as the dense teachers for {agree:.3f} of queries "
                 f"({time.time() - start:.0f} s)")
    d_arr, d_len = padded(encode.tokenize(tok, [d["text"] for d in docs], args.doc_len), args.doc_len)
    q_arr, q_len = padded(encode.tokenize(tok, [q["text"] for q in queries], args.query_len), args.query_len)
    pos = np.array([q["pos"] for q in queries])
    pool = np.array([d["id"] for d in docs if d["pool"]])
    held_out = np.sort(rng.choice(len(queries), args.holdout, replace=False)) if args.holdout else np.array([], int)
    train_rows = np.setdiff1d(np.arange(len(queries)), held_out)
    log(out, f"tokenized {len(docs)} passages (mean {d_len.mean():.0f} tokens) and {len(queries)} queries "
             f"(mean {q_len.mean():.0f}) in {time.time() - start:.0f} s")

    if args.mlm_steps and head_state is None:
        mlm_warmup(splade, d_arr, d_len, args, device, out, rng)
    elif head_state is not None:
        log(out, "masked-LM warm-up skipped: the initial checkpoint brings its own head")

    groups = args.negatives + 1
    params = [{"params": list(splade.parameters()), "lr": args.lr}]
    base_lr = [args.lr]
    if unicoil is not None:
        params.append({"params": list(unicoil.parameters()), "lr": args.unicoil_lr})
        base_lr.append(args.unicoil_lr)
    trained = [p for group in params for p in group["params"]]
    opt = torch.optim.AdamW(params, weight_decay=0.01)
    doc_ctl = FlopsController(args.lambda_doc, args.target_doc_nonzeros, args.controller_rate)
    query_ctl = FlopsController(args.lambda_query, args.target_query_nonzeros, args.controller_rate)
    splade.train()
    if unicoil is not None:
        unicoil.train()
    order = rng.permutation(train_rows)
    cursor, step, progress = 0, 0, 0.0
    train_start = time.time()
    ema = {}
    while progress < 1.0:
        if cursor + args.batch > len(order):
            order, cursor = rng.permutation(train_rows), 0
        qrows = order[cursor:cursor + args.batch]
        cursor += args.batch
        drows = np.empty((len(qrows), groups), dtype=np.int64)
        known = np.zeros((len(qrows), groups), dtype=bool)
        tscore = np.zeros((len(qrows), groups), dtype=np.float32)
        drows[:, 0], known[:, 0], tscore[:, 0] = pos[qrows], True, teacher_scores[qrows, 0]
        for i, qi in enumerate(qrows):
            valid = np.flatnonzero(negatives[qi] >= 0)
            pick = rng.choice(valid, min(len(valid), args.negatives), replace=False) if len(valid) else []
            for j in range(args.negatives):
                if j < len(pick):
                    drows[i, 1 + j] = negatives[qi, pick[j]]
                    known[i, 1 + j] = True
                    tscore[i, 1 + j] = teacher_scores[qi, 1 + pick[j]]
                else:
                    drows[i, 1 + j] = pool[rng.integers(len(pool))]
        qi_t, qm_t = batch_tensors(q_arr, q_len, qrows, device)
        di_t, dm_t = batch_tensors(d_arr, d_len, drows.reshape(-1), device)
        known_t = torch.from_numpy(known).to(device)
        tscore_t = torch.from_numpy(tscore).to(device)

        progress = max(step / args.steps, (time.time() - train_start) / args.time_budget)
        for g, lr in zip(opt.param_groups, base_lr):
            g["lr"] = lr * schedule(min(progress, 1.0), args.warmup)
        with encode.autocast(device):
            q = splade(qi_t, qm_t)
            d_logits = splade.pooled_logits(di_t, dm_t)
            d = torch.log1p(torch.relu(d_logits))
            if unicoil is not None:
                uq = unicoil_vectors(unicoil(qi_t, qm_t), qi_t, cfg.vocab_size, True)
                ud = unicoil_vectors(unicoil(di_t, dm_t), di_t, cfg.vocab_size, False)
        s_ce, s_kl = ranking_losses(q.float(), d.float(), groups, tscore_t, known_t, args.teacher_temperature)
        if unicoil is not None:
            u_ce, u_kl = ranking_losses(uq.float(), ud.float(), groups, tscore_t, known_t,
                                        args.teacher_temperature)
        else:
            u_ce = u_kl = torch.zeros((), device=device)
        lam_d = doc_ctl.weight(progress, args.flops_warmup)
        lam_q = query_ctl.weight(progress, args.flops_warmup)
        reg = lam_d * flops(d) + lam_q * (q.sum(dim=1).mean() if args.query_reg == "l1" else flops(q))
        if args.min_doc_nonzeros:
            reg = reg + args.floor_weight * nonzero_floor_penalty(d_logits, args.min_doc_nonzeros)
        loss = s_ce + args.distill_weight * s_kl + reg + u_ce + args.distill_weight * u_kl
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trained, 1.0)
        opt.step()

        with torch.no_grad():
            stats = {"ce": s_ce.item(), "kl": s_kl.item(), "u_ce": u_ce.item(), "u_kl": u_kl.item(),
                     "d_nnz": float((d > 0).sum(1).float().mean()), "q_nnz": float((q > 0).sum(1).float().mean())}
        for k, v in stats.items():
            ema[k] = v if k not in ema else 0.95 * ema[k] + 0.05 * v
        doc_ctl.update(ema["d_nnz"], progress, args.flops_warmup)
        query_ctl.update(ema["q_nnz"], progress, args.flops_warmup)
        if step % args.log_every == 0:
            log(out, f"step {step} progress {progress:.3f} " + " ".join(f"{k} {v:.3f}" for k, v in ema.items())
                + f" lambda_d {lam_d:.2e} lambda_q {lam_q:.2e} ({time.time() - train_start:.0f} s)")
        step += 1
    log(out, f"trained {step} steps in {time.time() - train_start:.0f} s")

    save_checkpoint(os.path.join(out, "splade.pt"), splade, {"kind": "splade", "steps": step})
    if unicoil is not None:
        save_checkpoint(os.path.join(out, "unicoil.pt"), unicoil, {"kind": "unicoil", "rank": args.unicoil_rank,
                                                                   "steps": step})
    if len(held_out):
        h_ids = [q_arr[i, :q_len[i]].tolist() for i in held_out]
        all_docs = encode.tokenize(tok, [d["text"] for d in docs], args.eval_len)
        results["holdout"] = validate(splade, unicoil, all_docs, h_ids, pos[held_out], device)
        for k, v in results["holdout"].items():
            log(out, f"held-out training queries, {k}: " + json.dumps(v))
    if args.eval:
        results.update(evaluate_all(splade, unicoil, tok, args.eval, device, args.eval_len))
        for k in (k for k in ("splade", "unicoil") if k in results):
            log(out, f"{k}: " + json.dumps(results[k]["mean"]))
    with open(os.path.join(out, "eval.json"), "w") as f:
        json.dump({"steps": step, "seconds": time.time() - start, "results": results}, f, indent=1)
    log(out, f"done in {time.time() - start:.0f} s")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder with docs, queries and teacher.npz")
    p.add_argument("--init", required=True, help="backbone weights (.npz from lsrtrain.transit)")
    p.add_argument("--tokenizer", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--eval", nargs="*", default=[], help="BEIR folders evaluated after training")
    p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--steps", type=int, default=3000)
    p.add_argument("--time-budget", type=float, default=300, help="seconds of joint training at most")
    p.add_argument("--batch", type=int, default=96, help="queries per step")
    p.add_argument("--negatives", type=int, default=3, help="hard negatives per query")
    p.add_argument("--doc-len", type=int, default=192)
    p.add_argument("--query-len", type=int, default=48)
    p.add_argument("--eval-len", type=int, default=256)
    p.add_argument("--lr", type=float, default=5e-5)
    p.add_argument("--unicoil-lr", type=float, default=1e-4)
    p.add_argument("--warmup", type=float, default=0.05, help="learning-rate warm-up, share of the run")
    p.add_argument("--distill-weight", type=float, default=1.0)
    p.add_argument("--teacher-temperature", type=float, default=0.02)
    p.add_argument("--lambda-doc", type=float, default=1e-3, help="initial FLOPS weight for passages")
    p.add_argument("--lambda-query", type=float, default=1e-2, help="initial weight of the query regularizer")
    p.add_argument("--query-reg", choices=["l1", "flops"], default="l1",
                   help="query regularizer: L1 presses on every query term, FLOPS mostly on frequent ones")
    p.add_argument("--flops-warmup", type=float, default=0.3, help="quadratic FLOPS warm-up, share of the run")
    p.add_argument("--target-doc-nonzeros", type=float, default=170)
    p.add_argument("--target-query-nonzeros", type=float, default=28)
    p.add_argument("--controller-rate", type=float, default=0.01)
    p.add_argument("--mlm-steps", type=int, default=500)
    p.add_argument("--mlm-batch", type=int, default=128)
    p.add_argument("--mlm-len", type=int, default=128)
    p.add_argument("--mlm-lr", type=float, default=1e-4)
    p.add_argument("--unicoil-rank", type=int, default=40, help="rank of the uniCOIL word-table factors")
    p.add_argument("--unicoil-layers", type=int, nargs="+", default=[0, 1],
                   help="backbone layers copied into the compact uniCOIL")
    p.add_argument("--holdout", type=int, default=2000,
                   help="training queries kept out of training for validation (0: none)")
    p.add_argument("--extra-teacher", default=None, help="second dense teacher (.npz from lsrtrain.transit)")
    p.add_argument("--extra-teacher-pooling", choices=["cls", "mean"], default="mean")
    p.add_argument("--extra-teacher-weight", type=float, default=0.5)
    p.add_argument("--splade-teacher", default=None,
                   help="splade.pt of a trained (large) SPLADE whose pair scores join the KL target")
    p.add_argument("--splade-teacher-weight", type=float, default=0.5)
    p.add_argument("--no-unicoil", action="store_true", help="train SPLADE alone")
    p.add_argument("--min-doc-nonzeros", type=int, default=0,
                   help="keep passages at this many nonzeros at least (0: no floor), see nonzero_floor_penalty")
    p.add_argument("--floor-weight", type=float, default=1.0, help="weight of the nonzero floor penalty")
    p.add_argument("--log-every", type=int, default=100)
    train(p.parse_args())


if __name__ == "__main__":
    main()
