#!/usr/bin/env python3
"""Several cross-validation runs scored as one ensemble (docs/RESULTS.md section 9).

Usage: mix_runs.py [--decision balanced] RUN:MODEL [RUN:MODEL ...]   (runs: cv --output folders over the same folds;
MODEL dual-lstm, single-lstm, or an ensemble member MODEL/seed-S)

Per fold, each run's class probabilities per test clip (its test_predictions.json, already the mean over its
networks, epochs and test speeds) are averaged over the runs, each run weighing the same; prints the test UAR (mean
of per-emotion recalls) and accuracy per fold and their mean +- sample standard deviation over folds, as cv does, then
each emotion's recall over the test clips of all those folds. With one run, that run's figures.

--decision balanced reads each run's probabilities as cv's training.decision: balanced does (docs/cv.md): divided by
each emotion's share of the network's training clips (train.json's train_actors; their clips are the test clips of
the other folds), renormalised, before the runs are averaged. cv applies it to each network before an ensemble's
mean, so give an ensemble's members (MODEL/seed-S), not its pair. Needs numpy (Debian: python3-numpy).
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
            np.array([r["probabilities"] for r in rows]), [r["actor"] for r in rows])
    return out


def balanced(run, root, model, n_classes):
    """Each fold's probabilities divided by the shares of its network's training clips, renormalised."""
    if glob.glob(f"{root}/folds/fold-*/{model}/seed-*"):
        sys.exit(f"{root}:{model} is an ensemble's mean: give its members ({model}/seed-S) with --decision balanced")
    label_of, actor_of = {}, {}
    for paths, labels, _, actors in run.values():
        label_of.update(zip(paths, labels))
        actor_of.update(zip(paths, actors))
    out = {}
    for fold, (paths, labels, probs, actors) in run.items():
        train = set(json.load(open(f"{root}/folds/{fold}/{model}/train.json"))["train_actors"])
        counts = np.zeros(n_classes)
        for path, label in label_of.items():
            if actor_of[path] in train:
                counts[label] += 1
        if not counts.any():
            sys.exit(f"{root}:{model} {fold}: no test clip of another fold belongs to its training actors {train}")
        q = np.where(counts > 0, probs * counts.sum() / np.maximum(counts, 1), 0)
        out[fold] = (paths, labels, q / q.sum(axis=1, keepdims=True), actors)
    return out


def main(argv):
    args = argv[1:]
    decision = "argmax"
    if args[:1] == ["--decision"] and len(args) > 1:
        decision, args = args[1], args[2:]
    if not args or any(":" not in a for a in args) or decision not in ("argmax", "balanced"):
        sys.exit(__doc__)
    # the names of cv's label indices, as the first run's metrics.json records them
    emotions = json.load(open(f"{args[0].rsplit(':', 1)[0]}/metrics.json"))["labels"]
    runs = [fold_probabilities(*a.rsplit(":", 1)) for a in args]
    if decision == "balanced":
        runs = [balanced(r, *a.rsplit(":", 1), len(emotions)) for a, r in zip(args, runs)]
    folds = sorted(set.intersection(*(set(r) for r in runs)))
    if not folds:
        sys.exit("no fold finished in every run")
    uars, accs = [], []
    hits, counts = np.zeros(len(emotions)), np.zeros(len(emotions))
    for fold in folds:
        paths, labels, _, _ = runs[0][fold]
        for arg, r in zip(args, runs):
            if r[fold][0] != paths:
                sys.exit(f"{arg}: {fold} scored other test clips than {args[0]}")
        mean = np.mean([r[fold][2] for r in runs], axis=0)
        predicted = mean.argmax(axis=1)
        uars.append(np.mean([(predicted[labels == c] == c).mean() for c in sorted(set(labels))]))
        accs.append(np.mean(predicted == labels))
        np.add.at(hits, labels, predicted == labels)
        np.add.at(counts, labels, 1)

    def spread(v):
        return f"{np.mean(v):.3f} +- {np.std(v, ddof=1) if len(v) > 1 else 0:.3f}"

    print(" ".join(f"{f} {u:.3f}" for f, u in zip(folds, uars)))
    print(f"{len(folds)} folds, {len(runs)} run{'s' if len(runs) > 1 else ''} averaged"
          f"{', balanced decision' if decision == 'balanced' else ''}: UAR {spread(uars)}, accuracy {spread(accs)}")
    print("recall over those folds' test clips: " + " ".join(
        f"{e} {h / n:.3f}" for e, h, n in zip(emotions, hits, counts) if n))


if __name__ == "__main__":
    main(sys.argv)
