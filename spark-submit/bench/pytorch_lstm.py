#!/usr/bin/env python3
"""Peer benchmark: the paper's dual-layer LSTM in PyTorch on exactly the data serspark's trainers see.

Reads the .npy files `serspark bench train --export-npy DIR` writes (normalised with the training actors'
statistics, zero-padded after each clip's end): train_x [n, T, 182] float32, train_len int32, train_y int32, and
the same for val_. Trains LSTM 128 -> dropout 0.3 -> LSTM 64 -> dropout 0.3 -> dense 64 ReLU -> dense 8 (softmax in
the cross-entropy), each clip classified at its own last real frame, Adam 1e-3, batch 32, reshuffled every epoch,
and scores the validation clips after every epoch, as the DL4J trainers do:

    OMP_WAIT_POLICY=PASSIVE python3 pytorch_lstm.py --data DIR --epochs 6 --threads 2 --target-uar 0.4

s/epoch = fitting + scoring the validation clips (fit and scoring are also printed separately); the median leaves
out epoch 1 (warm-up); the time to the target UAR sums every epoch from the first.

Minibatches group clips of similar length (--bucket-pool, as serspark's training.length_bucket_pool).

Differences from the DL4J network, on purpose or unavoidable: each minibatch is cut to its longest clip (DL4J's
minibatches are too); weights use PyTorch's default initialisation (DL4J: Xavier), with the LSTM forget-gate bias
set to 1 as DL4J and Keras do.
"""
import argparse
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
from torch import nn

WARM_UP_EPOCHS = 1
SCORING_BATCH = 64  # as the Spark trainer scores its validation actors


class DualLstm(nn.Module):
    """LSTM stack -> dropout -> dense ReLU -> logits, read at each clip's last real frame."""

    def __init__(self, n_features, lstm_units=(128, 64), dropout=0.3, dense_units=64, n_classes=8):
        super().__init__()
        self.lstms = nn.ModuleList()
        n_in = n_features
        for units in lstm_units:
            lstm = nn.LSTM(n_in, units, batch_first=True)
            # forget-gate bias 1 (DL4J's forgetGateBiasInit default, Keras' unit_forget_bias); PyTorch's gate
            # order is input, forget, cell, output and it adds two bias vectors
            with torch.no_grad():
                lstm.bias_ih_l0[units:2 * units].fill_(1.0)
                lstm.bias_hh_l0[units:2 * units].fill_(0.0)
            self.lstms.append(lstm)
            n_in = units
        self.drop = nn.Dropout(dropout)
        self.dense = nn.Linear(n_in, dense_units)
        self.out = nn.Linear(dense_units, n_classes)

    def forward(self, x, lengths):
        h = x
        for i, lstm in enumerate(self.lstms):
            if i > 0:
                h = self.drop(h)
            h, _ = lstm(h)
        # a unidirectional LSTM's output at frame t never sees frames after t, so the output at the last real
        # frame is the same with or without the zero padding behind it
        idx = (lengths - 1).view(-1, 1, 1).expand(-1, 1, h.size(2))
        last = h.gather(1, idx).squeeze(1)
        return self.out(torch.relu(self.dense(self.drop(last))))


def load(data_dir, name):
    x = np.load(os.path.join(data_dir, name + "_x.npy"))
    lengths = np.load(os.path.join(data_dir, name + "_len.npy")).astype(np.int64)
    y = np.load(os.path.join(data_dir, name + "_y.npy")).astype(np.int64)
    if not (x.shape[0] == lengths.shape[0] == y.shape[0]):
        sys.exit(f"{data_dir}: {name} arrays disagree on the number of clips")
    return torch.from_numpy(x), torch.from_numpy(lengths), torch.from_numpy(y)


def length_buckets(lengths, batch_size, pool_batches, gen):
    """serspark's LengthBuckets: shuffle, sort pools of pool_batches minibatches by length, cut, shuffle the
    minibatches (a short last one stays last)."""
    order = torch.randperm(lengths.shape[0], generator=gen)
    pool = batch_size * pool_batches
    batches = []
    for s in range(0, order.shape[0], pool):
        p = order[s:s + pool]
        if pool_batches > 1:
            p = p[torch.sort(lengths[p], stable=True).indices]
        batches += [p[b:b + batch_size] for b in range(0, p.shape[0], batch_size)]
    if pool_batches > 1:
        tail = [batches.pop()] if batches[-1].shape[0] < batch_size else []
        batches = [batches[i] for i in torch.randperm(len(batches), generator=gen)] + tail
    return batches


def minibatch(x, lengths, y, idx):
    ln = lengths[idx]
    t = int(ln.max())
    return x[idx, :t], ln, y[idx]


def uar(true, pred, n_classes):
    """Mean recall over the classes with support (sklearn balanced_accuracy_score)."""
    recalls = []
    for c in range(n_classes):
        support = int((true == c).sum())
        if support:
            recalls.append(float(((true == c) & (pred == c)).sum()) / support)
    return sum(recalls) / len(recalls)


def evaluate(model, x, lengths, y, n_classes):
    model.eval()
    logits = []
    with torch.no_grad():
        for s in range(0, x.shape[0], SCORING_BATCH):
            idx = torch.arange(s, min(s + SCORING_BATCH, x.shape[0]))
            xb, lb, _ = minibatch(x, lengths, y, idx)
            logits.append(model(xb, lb))
    logits = torch.cat(logits)
    loss = float(nn.functional.cross_entropy(logits, y))
    pred = logits.argmax(1)
    return loss, float((pred == y).float().mean()), uar(y.numpy(), pred.numpy(), n_classes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="folder written by serspark bench train --export-npy")
    ap.add_argument("--epochs", type=int, default=6)
    ap.add_argument("--threads", type=int, default=1, help="torch.set_num_threads")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--learning-rate", type=float, default=1e-3)
    ap.add_argument("--model", choices=["dual-lstm", "single-lstm"], default="dual-lstm")
    ap.add_argument("--target-uar", type=float, default=0.4)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--bucket-pool", type=int, default=8,
                    help="minibatches per length-sorting pool, as serspark's training.length_bucket_pool (1 = random)")
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(args.seed)
    xt, lt, yt = load(args.data, "train")
    xv, lv, yv = load(args.data, "val")
    n_classes = 8
    units = (128, 64) if args.model == "dual-lstm" else (128,)
    model = DualLstm(xt.shape[2], units, n_classes=n_classes)
    opt = torch.optim.Adam(model.parameters(), lr=args.learning_rate)
    label = f"pytorch {torch.__version__} threads {args.threads}"
    print(f"bench pytorch: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch {torch.__version__}, threads {torch.get_num_threads()}, "
          f"OMP_WAIT_POLICY={os.environ.get('OMP_WAIT_POLICY', 'unset')}, "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}; {args.model}, batch {args.batch_size}, "
          f"{args.epochs} epochs, {xt.shape[0]} training and {xv.shape[0]} validation clips; "
          f"load average {' '.join(f'{v:.2f}' for v in os.getloadavg())}", flush=True)

    curve = []
    gen = torch.Generator().manual_seed(args.seed)
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        model.train()
        loss_sum, batches = 0.0, 0
        for idx in length_buckets(lt, args.batch_size, args.bucket_pool, gen):
            xb, lb, yb = minibatch(xt, lt, yt, idx)
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(xb, lb), yb)
            loss.backward()
            opt.step()
            loss_sum += float(loss)
            batches += 1
        fit = time.perf_counter() - t0
        val_loss, val_acc, val_uar = evaluate(model, xv, lv, yv, n_classes)
        secs = time.perf_counter() - t0
        curve.append((epoch, secs, fit, val_uar))
        print(f"bench pytorch: {label} epoch {epoch}/{args.epochs}: {secs:.2f} s (fit {fit:.2f} s)  "
              f"loss {loss_sum / batches:.3f}  val loss {val_loss:.3f}  val acc {val_acc:.3f}  val UAR {val_uar:.3f}",
              flush=True)

    timed = curve[WARM_UP_EPOCHS:] or curve
    median = statistics.median(c[1] for c in timed)
    median_fit = statistics.median(c[2] for c in timed)
    best = max(curve, key=lambda c: c[3])
    hit, total = None, 0.0
    for epoch, secs, _, u in curve:
        total += secs
        if u >= args.target_uar:
            hit = f"epoch {epoch}, after {total:.1f} s of training"
            break
    print("bench pytorch: s/epoch = fitting + scoring the validation clips; medians leave out epoch 1 (warm-up); "
          "time to target sums every epoch from the first")
    print(f"bench train summary: {label}: median {median:.2f} s/epoch (fit {median_fit:.2f} s) over epochs "
          f"2-{len(curve)}; best val UAR {best[3]:.3f} (epoch {best[0]}); val UAR >= {args.target_uar:.3f}: "
          f"{hit or f'not reached in {len(curve)} epochs'}; load average "
          f"{' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
