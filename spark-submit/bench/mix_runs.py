#!/usr/bin/env python3
"""Several cross-validation runs scored as one ensemble (docs/RESULTS.md section 9).

Usage: mix_runs.py RUN:MODEL [RUN:MODEL ...]   (runs: cv --output folders over the same folds; MODEL dual-lstm,
single-lstm, or an ensemble member MODEL/seed-S)

Per fold, each run's class probabilities per test clip (its test_predictions.json, already the mean over its
networks, epochs and test speeds) are averaged over the runs, each run weighing the same; prints the test UAR (mean
of per-emotion recalls) per fold and its mean +- sample standard deviation over folds, as cv does, then each
emotion's recall over the test clips of all those folds. With one run, that run's figures. Needs numpy
(Debian: python3-numpy).
"""
import glob
import json
import re
import sys

import numpy as np


def fold_probabilities(root, model):
    out = {}
    for f in sorted(glob.glob(f"{root}/folds/fold-*/{model}/test_predictions.json")):
        rows = json.load(open(f))
        out[re.search(r"/folds/(fold-[^/]+)/", f).group(1)] = (
            [r["path"] for r in rows], np.array([r["label"] for r in rows]),
            np.array([r["probabilities"] for r in rows]))
    return out


def main(argv):
    if len(argv) < 2 or any(":" not in a for a in argv[1:]):
        sys.exit(__doc__)
    runs = [fold_probabilities(*a.rsplit(":", 1)) for a in argv[1:]]
    folds = sorted(set.intersection(*(set(r) for r in runs)))
    if not folds:
        sys.exit("no fold finished in every run")
    uars = []
    # the names of cv's label indices, as the first run's metrics.json records them
    emotions = json.load(open(f"{argv[1].rsplit(':', 1)[0]}/metrics.json"))["labels"]
    hits, counts = np.zeros(len(emotions)), np.zeros(len(emotions))
    for fold in folds:
        paths, labels, _ = runs[0][fold]
        for arg, r in zip(argv[1:], runs):
            if r[fold][0] != paths:
                sys.exit(f"{arg}: {fold} scored other test clips than {argv[1]}")
        mean = np.mean([r[fold][2] for r in runs], axis=0)
        predicted = mean.argmax(axis=1)
        uars.append(np.mean([(predicted[labels == c] == c).mean() for c in sorted(set(labels))]))
        np.add.at(hits, labels, predicted == labels)
        np.add.at(counts, labels, 1)
    print(" ".join(f"{f} {u:.3f}" for f, u in zip(folds, uars)))
    print(f"{len(folds)} folds, {len(runs)} run{'s' if len(runs) > 1 else ''} averaged: UAR {np.mean(uars):.3f} +- "
          f"{np.std(uars, ddof=1) if len(uars) > 1 else 0:.3f}")
    print("recall over those folds' test clips: " + " ".join(
        f"{e} {h / n:.3f}" for e, h, n in zip(emotions, hits, counts) if n))


if __name__ == "__main__":
    main(sys.argv)
