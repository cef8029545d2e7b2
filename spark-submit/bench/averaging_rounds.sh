#!/usr/bin/env bash
# Time of one parameter-averaging round against the number of workers, on the local standalone cluster.
#   ./spark-submit/bench/averaging_rounds.sh [WORKERS...]        (default: 1 2)
# Per worker count: a fresh cluster of that many 1-core workers, then `train` of the paper's dual-lstm with
# averaging after every minibatch (batch 8) and no validation, so an epoch is nothing but rounds:
# rounds per epoch = ceil(clips / (batch * workers)); seconds per round = median epoch time (epochs 2..) / rounds.
# Corpus: synthetic, 8 actors x 24 clips of 1 s (extracted once into $OUT/features).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-$ROOT/runs/bench-averaging}"
EPOCHS="${EPOCHS:-5}"; BATCH=8; TRAIN_ACTORS=1-8; CLIPS=192
mkdir -p "$OUT"
cat > "$OUT/bench.yaml" <<YAML
training:
  batch_size: $BATCH
  averaging_frequency: 1
  epochs: $EPOCHS
YAML
SC="$ROOT/spark-submit/standalone-cluster.sh"
SUBMIT="$ROOT/spark-submit/submit.sh"
PORT="${PORT:-17177}"
trap '"$SC" stop --dir "$OUT/cluster" >/dev/null' EXIT
if [ ! -f "$OUT/features/_SUCCESS" ]; then
  "$SUBMIT" --master 'local[2]' synth --output "$OUT/corpus" --actors 8 --clips-per-actor 24 --duration 1.0
  "$SUBMIT" --master 'local[2]' extract --input "$OUT/corpus" --output "$OUT/features" --overwrite
fi
echo "workers | rounds/epoch | median s/epoch | s/round | epoch times (s)"
for W in "${@:-1 2}"; do
  "$SC" start --workers "$W" --cores 1 --memory 3g --port "$PORT" --webui-port $((PORT + 1)) \
    --dir "$OUT/cluster" >/dev/null
  "$SUBMIT" --master "spark://127.0.0.1:$PORT" --conf spark.executor.memory=2g train --conf "$OUT/bench.yaml" --profile= \
    --features "$OUT/features" --output "$OUT/train-$W" --overwrite --val-actors none \
    --train-actors "$TRAIN_ACTORS" > "$OUT/train-$W.log" 2>&1
  "$SC" stop --dir "$OUT/cluster" >/dev/null
  times="$(grep -oE 'epoch [0-9]+/[0-9]+ .* ([0-9.]+) s  ETA' "$OUT/train-$W.log" | sed -E 's/.* ([0-9.]+) s  ETA/\1/')"
  rounds=$(( (CLIPS + BATCH * W - 1) / (BATCH * W) ))
  median="$(echo "$times" | tail -n +2 | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')"
  echo "$W | $rounds | $median | $(awk -v m="$median" -v r="$rounds" 'BEGIN {printf "%.3f", m/r}') | $(echo $times)"
done
