#!/usr/bin/env python3
"""Writes pipeline-core's time_stretch.json fixture: what librosa 0.10.1 makes of the first 16384 samples of
golden/speech_espeak.wav with effects.time_stretch (rates 0.9 and 1/1.1) and with pitch_shift's two steps for a factor
of 1.1 (time_stretch by 1/1.1, then resample by 110 -> 100 with res_type="polyphase", fix_length), which is
librosa.effects.pitch_shift(n_steps=12*log2(1.1)) with polyphase instead of soxr resampling.

  PYTHONPATH=/tmp/librosa-0.10.1:/tmp/pystub /usr/bin/python3 spark-submit/bench/librosa_time_stretch.py \
      pipeline-core/src/test/resources/golden
Arrays are float32 little-endian, base64.
"""
import base64
import json
import sys

import librosa
import numpy as np
import scipy.io.wavfile

N = 16384


def b64(x):
    return base64.b64encode(np.asarray(x, dtype="<f4").tobytes()).decode("ascii")


def main(golden):
    sr, pcm = scipy.io.wavfile.read(golden + "/speech_espeak.wav")
    y = (pcm[:N].astype(np.float32) / 32768.0).astype(np.float32)
    out = {"librosa": librosa.__version__, "input": "speech_espeak.wav, first %d samples / 32768" % N, "sr": sr}
    for rate in (0.9, 1 / 1.1):
        out["time_stretch_%.6f" % rate] = b64(librosa.effects.time_stretch(y, rate=rate))
    stretched = librosa.effects.time_stretch(y, rate=1 / 1.1)
    shifted = librosa.resample(stretched, orig_sr=110, target_sr=100, res_type="polyphase")
    out["pitch_shift_1.1"] = b64(librosa.util.fix_length(shifted, size=len(y)))
    with open(golden + "/time_stretch.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1])
