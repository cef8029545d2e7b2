#!/usr/bin/env python3
"""The balanced decision (cv's training.decision: balanced) on every archived run (docs/RESULTS.md section 9).

Usage: balanced_decision.py [ARCHIVE_DIR]   (default docs/results: every cv output folder in it with six folds, but
those cv already read balanced)

For each run and model, the test probabilities are read both ways from its test_predictions.json: as they are
(argmax) and divided by each emotion's share of the network's training clips (mix_runs.py --decision balanced; an
ensemble's members each, then averaged, as cv does). Prints per run the mean test UAR and accuracy both ways and the
folds the balanced decision won and lost, then over the runs the mean difference and how many runs it raised. The
runs share networks (rescorings, ensembles of members listed too), so they are not independent trials. Needs numpy.
"""
import glob
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mix_runs import balanced, fold_probabilities  # noqa: E402


def scores(runs):
    """Per fold (UAR, accuracy) of the runs' mean probabilities."""
    out = []
    for fold in sorted(set.intersection(*(set(r) for r in runs))):
        _, labels, _, _ = runs[0][fold]
        predicted = np.mean([r[fold][2] for r in runs], axis=0).argmax(axis=1)
        out.append((np.mean([(predicted[labels == c] == c).mean() for c in sorted(set(labels))]),
                    np.mean(predicted == labels)))
    return np.array(out)


def main(argv):
    archive = argv[1] if len(argv) > 1 else "docs/results"
    diffs, acc_diffs = [], []
    for root in sorted(glob.glob(f"{archive}/*/")):
        root = root.rstrip("/")
        if os.path.exists(f"{root}/cv.json") and json.load(open(f"{root}/cv.json")).get("decision") == "balanced":
            continue  # already read balanced by cv: its probabilities are divided once
        for model in ("dual-lstm", "single-lstm"):
            pairs = glob.glob(f"{root}/folds/fold-*/{model}/test_predictions.json")
            if len(pairs) != 6:
                continue
            members = sorted({os.path.basename(os.path.dirname(m)) for m in
                              glob.glob(f"{root}/folds/fold-*/{model}/seed-*/test_predictions.json")})
            names = [f"{model}/{m}" for m in members] or [model]
            plain = [fold_probabilities(root, n) for n in names]
            if any(len(r) != 6 for r in plain):
                continue
            a = scores(plain)
            b = scores([balanced(r, root, n, 8) for r, n in zip(plain, names)])
            d = b[:, 0] - a[:, 0]
            diffs.append(d.mean())
            acc_diffs.append((b[:, 1] - a[:, 1]).mean())
            print(f"{os.path.basename(root)}:{model}{' (' + str(len(members)) + ' members)' if members else ''}  "
                  f"UAR {a[:, 0].mean():.3f} -> {b[:, 0].mean():.3f}  accuracy {a[:, 1].mean():.3f} -> "
                  f"{b[:, 1].mean():.3f}  folds +{(d > 0).sum()} -{(d < 0).sum()}")
    diffs = np.array(diffs)
    print(f"{len(diffs)} runs: balanced - argmax UAR {100 * diffs.mean():+.2f} points on average (median "
          f"{100 * np.median(diffs):+.2f}), higher in {(diffs > 0).sum()}, lower in {(diffs < 0).sum()}; accuracy "
          f"{100 * np.mean(acc_diffs):+.2f}")


if __name__ == "__main__":
    main(sys.argv)
