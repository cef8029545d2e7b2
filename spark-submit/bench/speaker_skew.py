#!/usr/bin/env python3
"""How much a per-speaker model's accuracy owes to RAVDESS's balanced speakers (docs/RESULTS.md section 9).

Usage:
  speaker_skew.py make RUN CORPUS OUT [--draws N]   test clips of each fold of RUN (a cv --output folder) as
                                                    speaker folders under OUT/fold-NN/
  (then per fold)  serspark predict --profile P --model RUN/folds/fold-NN/MODEL --test-speeds none \
                       --output OUT/fold-NN.csv OUT/fold-NN
  speaker_skew.py score OUT                          accuracy per condition, against the same clips scored with
                                                    their whole speaker

`training.normalization: speaker` standardises each speaker's features with statistics over that speaker's files
(in cv: a test actor's 60 clips, which RAVDESS balances across the emotions; in predict: the files given). `make`
writes, per test actor, one folder with all of the actor's clips (the balanced speaker cv sees) and folders holding
a skewed part of them (emotion fractions drawn from a Dirichlet, or 3 or 1 emotions only), each folder a speaker of
its own: the files are linked under names predict does not read as RAVDESS names, so the folder is the speaker.
`score` reads the predict CSVs and compares each skewed folder's accuracy with the accuracy of the same clips in
the balanced folder. Needs numpy (Debian: python3-numpy).
"""
import csv
import glob
import json
import os
import re
import sys

import numpy as np

CONDITIONS = [("dirichlet1", ("dirichlet", 1.0)), ("dirichlet03", ("dirichlet", 0.3)), ("emotions3", ("k", 3)),
              ("emotions1", ("k", 1))]
PREFIX = "c"  # "c03-01-..." is not a RAVDESS name, so predict takes the folder as the speaker


def emotion(name):
    return int(name.split("-")[2]) - 1


def make(run, corpus, out, draws):
    rng = np.random.default_rng(0)
    for train_json in sorted(glob.glob(f"{run}/folds/fold-*/*/train.json")):
        fold = re.search(r"/folds/(fold-\d+)/", train_json).group(1)
        for actor in json.load(open(train_json))["test_actors"]:
            src = os.path.join(corpus, f"Actor_{actor:02d}")
            names = sorted(n for n in os.listdir(src) if n.endswith(".wav"))
            y = np.array([emotion(n) for n in names])
            folders = {f"all-actor{actor:02d}": np.ones(len(names), bool)}
            for label, how in CONDITIONS:
                for d in range(draws):
                    if how[0] == "dirichlet":
                        w = rng.dirichlet(np.full(8, how[1]))
                        keep = rng.random(len(names)) < (w / w.max())[y]
                    else:
                        keep = np.isin(y, rng.choice(8, how[1], replace=False))
                    folders[f"{label}-actor{actor:02d}-draw{d}"] = keep
            for folder, keep in folders.items():
                dst = os.path.join(out, fold, folder)
                os.makedirs(dst, exist_ok=True)
                for n, k in zip(names, keep):
                    link = os.path.join(dst, PREFIX + n)
                    if k and not os.path.lexists(link):
                        os.symlink(os.path.abspath(os.path.join(src, n)), link)
        print(f"{out}/{fold}: {len(os.listdir(os.path.join(out, fold)))} speaker folders")


def score(out):
    hits = {}  # condition -> [correct with own folder, correct with the balanced folder, clips]
    for path in sorted(glob.glob(f"{out}/fold-*.csv")):
        rows = list(csv.DictReader(open(path)))
        bad = [r for r in rows if r["error"]]
        if bad:
            sys.exit(f"{path}: {len(bad)} files not scored, e.g. {bad[0]['path']}: {bad[0]['error']}")
        balanced = {}
        for r in rows:
            folder, name = r["path"].split("/")
            if folder.startswith("all-"):
                balanced[(folder.split("-")[1], name)] = r["predicted_emotion"]
        labels = [k[2:] for k in rows[0] if k.startswith("p_")]
        for r in rows:
            folder, name = r["path"].split("/")
            cond = folder.split("-")[0]
            truth = labels[emotion(name[len(PREFIX):])]
            h = hits.setdefault(cond, [0, 0, 0])
            h[0] += r["predicted_emotion"] == truth
            h[1] += balanced[(folder.split("-")[1], name)] == truth
            h[2] += 1
    if not hits:
        sys.exit(f"{out}: no fold-NN.csv from predict")
    print(f"{'speaker folders':14s} {'clips':>6s} {'accuracy, own folder':>21s} {'same clips, balanced':>21s}")
    for cond, (own, bal, n) in hits.items():
        print(f"{cond:14s} {n:6d} {own / n:21.3f} {bal / n:21.3f}   {100 * (own - bal) / n:+.1f} points")


def main(argv):
    if len(argv) >= 5 and argv[1] == "make":
        make(argv[2], argv[3], argv[4], int(argv[argv.index("--draws") + 1]) if "--draws" in argv else 2)
    elif len(argv) == 3 and argv[1] == "score":
        score(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
