#!/usr/bin/env bash
# Cost of a parameter-averaging round against the number of workers, on the local standalone cluster.
#   ./spark-submit/bench/averaging_rounds.sh [WORKERS...]        (default: 1 2; env FREQS, default "1 8")
# For each worker count a fresh cluster of that many 1-core workers; on it `train` of the paper's dual-lstm (batch 8,
# no validation, so an epoch is nothing but rounds) once per averaging frequency F. One round = every worker fits F
# minibatches, then the driver averages: rounds per epoch = ceil(clips / (batch * workers * F)). The same minibatches
# are fitted whatever F is, so the averaging cost per round = (s/epoch at F=1 - s/epoch at F=8) / (rounds at F=1 -
# rounds at F=8). Corpus: synthetic, 8 actors x 24 clips of 1 s, extracted once into $OUT/features.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/runs/bench-averaging}"
EPOCHS="${EPOCHS:-5}"; FREQS="${FREQS:-1 8}"; BATCH=8; CLIPS=192
SC="$ROOT/spark-submit/standalone-cluster.sh"
SUBMIT="$ROOT/spark-submit/submit.sh"
PORT="${PORT:-17177}"
mkdir -p "$OUT"
trap '"$SC" stop --dir "$OUT/cluster" >/dev/null' EXIT
if [ ! -f "$OUT/features/_SUCCESS" ]; then
  "$SUBMIT" --master 'local[2]' synth --output "$OUT/corpus" --actors 8 --clips-per-actor 24 --duration 1.0
  "$SUBMIT" --master 'local[2]' extract --input "$OUT/corpus" --output "$OUT/features" --overwrite
fi
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "workers | averaging every F minibatches | rounds/epoch | median s/epoch (epochs 2..) | epoch times (s)"
for W in "${@:-1 2}"; do
  "$SC" start --workers "$W" --cores 1 --memory 3g --port "$PORT" --webui-port $((PORT + 1)) \
    --dir "$OUT/cluster" >/dev/null
  for F in $FREQS; do
    printf 'training:\n  batch_size: %d\n  averaging_frequency: %d\n  epochs: %d\n' "$BATCH" "$F" "$EPOCHS" \
      > "$OUT/bench-$F.yaml"
    log="$OUT/train-w$W-f$F.log"
    "$SUBMIT" --master "spark://127.0.0.1:$PORT" --conf spark.executor.memory=2g train --conf "$OUT/bench-$F.yaml" \
      --profile= --features "$OUT/features" --output "$OUT/train-w$W-f$F" --overwrite --val-actors none \
      --train-actors 1-8 > "$log" 2>&1
    times="$(grep -oE 'epoch [0-9]+/[0-9]+ .* ([0-9.]+) s  ETA' "$log" | sed -E 's/.* ([0-9.]+) s  ETA/\1/')"
    rounds=$(( (CLIPS + BATCH * W * F - 1) / (BATCH * W * F) ))
    echo "$W | $F | $rounds | $(echo "$times" | tail -n +2 | median) | $(echo $times)"
  done
  "$SC" stop --dir "$OUT/cluster" >/dev/null
done
