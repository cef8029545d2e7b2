#!/usr/bin/env python3
"""Peer benchmark: librosa 0.10.1 doing the work of serspark's feature extractor on the same WAV files.

decode -> resample to 22050 Hz (res_type='polyphase', scipy) -> STFT power -> mel dB (128) -> MFCC 40 ->
chroma (tuning estimated per clip) -> ZCR -> spectral centroid, stacked as frames x 182.

    python3 librosa_features.py --processes 1 --limit 200 /tmp/ravdess
prints one line: clips, seconds, clips/s. librosa must be importable (see docs/RESULTS.md for how it was set up).
"""
import argparse
import glob
import os
import sys
import time
from multiprocessing import Pool


def _cache_audioread_probe():
    """librosa.load calls audioread.available_backends() on every file; Debian's audioread 2.1.9 answers by starting
    `ffmpeg -version` each time when ffmpeg is installed (170 ms a file here, 20x librosa's own work). Newer audioread
    caches the answer; so does this, leaving librosa's own path (soundfile, then resampling) untouched."""
    import functools
    import audioread
    if not hasattr(audioread.available_backends, "cache_info"):
        audioread.available_backends = functools.lru_cache(maxsize=None)(audioread.available_backends)


def features(path):
    import librosa
    import numpy as np
    _cache_audioread_probe()
    y, sr = librosa.load(path, sr=22050, mono=True, res_type="polyphase")
    S = np.abs(librosa.stft(y, n_fft=2048, hop_length=512)) ** 2
    mel_db = librosa.power_to_db(librosa.feature.melspectrogram(S=S, sr=sr, n_mels=128))
    mfcc = librosa.feature.mfcc(S=mel_db, n_mfcc=40)
    chroma = librosa.feature.chroma_stft(S=S, sr=sr)
    zcr = librosa.feature.zero_crossing_rate(y)
    cent = librosa.feature.spectral_centroid(S=np.sqrt(S), sr=sr)
    return np.vstack([mfcc, chroma, mel_db, zcr, cent]).T.shape[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root")
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--limit", type=int, default=0)
    a = ap.parse_args()
    files = sorted(glob.glob(os.path.join(a.root, "**", "*.wav"), recursive=True))
    if a.limit:
        files = files[: a.limit]
    features(files[0])  # warm-up: imports and numba compilation are not per-clip work
    t = time.perf_counter()
    if a.processes == 1:
        for f in files:
            features(f)
    else:
        with Pool(a.processes, initializer=features, initargs=(files[0],)) as p:
            t = time.perf_counter()
            p.map(features, files, chunksize=8)
    dt = time.perf_counter() - t
    print(f"librosa {a.processes} process(es): {len(files)} clips in {dt:.2f} s = {len(files) / dt:.2f} clips/s")


if __name__ == "__main__":
    sys.exit(main())
