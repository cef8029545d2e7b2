#!/usr/bin/env python3
"""Why serspark does not normalise class scores per test speaker (docs/RESULTS.md section 9).

Usage: speaker_scores.py RUN [MODEL] [--draws N]   (RUN: a cv --output folder; MODEL dual-lstm (default),
single-lstm, or an ensemble member MODEL/seed-S)

Per-speaker score normalisation standardises each class's log-probability over a test speaker's clips (that
speaker's mean and standard deviation, no labels) before taking the most likely class. Scored on the run's saved
test probabilities it reads as a large gain on RAVDESS, where every actor records every emotion equally often. The
second part shows what that gain is made of: the same clips, with each test speaker's set of clips skewed towards
some emotions (a random subset per speaker, N draws), lose far more than the balanced set gained. The step learns
RAVDESS's design (balanced emotions per speaker), not emotions, so it is not an option here. Prints per-fold UAR
and the accuracy of both scorings; needs numpy (Debian: python3-numpy).
"""
import glob
import json
import sys

import numpy as np


def folds(run, model):
    out = []
    for f in sorted(glob.glob(f"{run}/folds/fold-*/{model}/test_predictions.json")):
        rows = json.load(open(f))
        out.append((np.array([r["label"] for r in rows]), np.array([r["actor"] for r in rows]),
                    np.log(np.clip(np.array([r["probabilities"] for r in rows]), 1e-30, 1.0))))
    if not out:
        sys.exit(f"{run}: no folds/fold-*/{model}/test_predictions.json")
    return out


def speaker_normalised(log_p, speakers):
    out = log_p.copy()
    for s in np.unique(speakers):
        m = speakers == s
        if m.sum() >= 2:
            out[m] = (log_p[m] - log_p[m].mean(0)) / np.maximum(log_p[m].std(0), 1e-6)
    return out


def uar(y, pred):
    return float(np.mean([np.mean(pred[y == c] == c) for c in np.unique(y)]))


def subset(y, actors, rng, how):
    """Each speaker keeps a random part of its clips: class fractions drawn from a Dirichlet, or k emotions only."""
    keep = np.zeros(len(y), bool)
    n_classes = int(y.max()) + 1
    for a in np.unique(actors):
        idx = np.where(actors == a)[0]
        if how[0] == "dirichlet":
            w = rng.dirichlet(np.full(n_classes, how[1]))
            keep[idx] = rng.random(len(idx)) < (w / w.max())[y[idx]]
        else:
            keep[idx] = np.isin(y[idx], rng.choice(n_classes, how[1], replace=False))
    return keep


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    draws = 20
    if "--draws" in argv:
        draws = int(argv[argv.index("--draws") + 1])
        args.remove(str(draws))
    if not args:
        sys.exit(__doc__)
    data = folds(args[0], args[1] if len(args) > 1 else "dual-lstm")
    raw = [uar(y, lp.argmax(1)) for y, _, lp in data]
    norm = [uar(y, speaker_normalised(lp, a).argmax(1)) for y, a, lp in data]
    print("per-fold UAR, raw:                ", " ".join(f"{u:.3f}" for u in raw), f" mean {np.mean(raw):.3f}")
    print("per-fold UAR, speaker-normalised: ", " ".join(f"{u:.3f}" for u in norm), f" mean {np.mean(norm):.3f}")
    rng = np.random.default_rng(0)
    print(f"accuracy over all folds' test clips, each speaker's clips skewed ({draws} draws):")
    for label, how in [("every clip (balanced, as recorded)", None), ("Dirichlet(1) class fractions", ("dirichlet", 1.0)),
                       ("Dirichlet(0.3) class fractions", ("dirichlet", 0.3)), ("3 emotions per speaker", ("k", 3)),
                       ("1 emotion per speaker", ("k", 1))]:
        a_raw, a_norm = [], []
        for _ in range(1 if how is None else draws):
            hits_raw = hits_norm = n = 0
            for y, actors, lp in data:
                keep = np.ones(len(y), bool) if how is None else subset(y, actors, rng, how)
                y_k, lp_k = y[keep], lp[keep]
                hits_raw += int(np.sum(lp_k.argmax(1) == y_k))
                hits_norm += int(np.sum(speaker_normalised(lp_k, actors[keep]).argmax(1) == y_k))
                n += len(y_k)
            a_raw.append(hits_raw / n)
            a_norm.append(hits_norm / n)
        print(f"  {label:36s} raw {np.mean(a_raw):.3f}  speaker-normalised {np.mean(a_norm):.3f}  "
              f"({100 * (np.mean(a_norm) - np.mean(a_raw)):+.1f} points)")


if __name__ == "__main__":
    main(sys.argv)
