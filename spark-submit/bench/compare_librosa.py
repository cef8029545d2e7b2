#!/usr/bin/env python3
"""Hold serspark's features of one clip against librosa 0.10.1's.

    ./spark-submit/serspark features clip.wav --sample-rate native --json java.json
    python3 spark-submit/bench/compare_librosa.py clip.wav java.json

Prints, per block, the largest absolute difference (relative for the centroid) and the estimated tunings. With
--sample-rate N the Java side resamples with its own band-limited filter and librosa with scipy's resample_poly,
so the top mel bands differ by design (docs/features.md); compare at the native rate for exact parity.
"""
import json
import sys

import librosa
import numpy as np


def main(wav, java_json):
    j = json.load(open(java_json))
    sr_target = j["sample_rate"]
    y, sr = librosa.load(wav, sr=None, mono=True)
    if sr != sr_target:
        y = librosa.resample(y, orig_sr=sr, target_sr=sr_target, res_type="polyphase")
        sr = sr_target
    S = np.abs(librosa.stft(y, n_fft=2048, hop_length=512)) ** 2
    mel_db = librosa.power_to_db(librosa.feature.melspectrogram(S=S, sr=sr, n_mels=128))
    tuning = librosa.estimate_tuning(S=S, sr=sr, bins_per_octave=12)
    ref = {
        "mel_db": mel_db,
        "mfcc": librosa.feature.mfcc(S=mel_db, n_mfcc=40),
        "chroma": librosa.feature.chroma_stft(S=S, sr=sr),
        "zcr": librosa.feature.zero_crossing_rate(y),
        "spectral_centroid": librosa.feature.spectral_centroid(S=np.sqrt(S), sr=sr),
    }
    print(f"{wav}: {sr} Hz, frames java {j['n_frames']} librosa {mel_db.shape[1]}, "
          f"tuning java {j['estimated_tuning']:.2f} librosa {tuning:.2f}")
    for k, r in ref.items():
        a = np.array(j[k], dtype=float)
        d = np.abs(a - r)
        if k == "spectral_centroid":
            d = d / np.maximum(np.abs(r), 1e-9)
            print(f"  {k:18s} max relative error {np.nanmax(d):.2e}")
        else:
            print(f"  {k:18s} max abs error {np.nanmax(d):.2e}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
