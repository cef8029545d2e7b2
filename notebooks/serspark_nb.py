"""Small helpers the notebooks share: finding a run's outputs and reading the corpus audio.

Only the standard library, numpy and pandas; scipy is used when installed, for WAV formats the standard library's
``wave`` module does not read (float samples, WAVE_FORMAT_EXTENSIBLE).
"""
import json
import wave
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

# RAVDESS emotion codes 1-8 in order; the label index of the models is code - 1.
EMOTIONS = ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"]


def complete(directory, what):
    """The directory, after checking the job that wrote it finished (its _SUCCESS marker is written last)."""
    directory = Path(directory)
    if not (directory / "_SUCCESS").exists():
        raise FileNotFoundError(f"{directory}: no complete {what} output (no _SUCCESS); run the pipeline first, "
                                f"or set RUN to a run directory that has one")
    return directory


def read_json(path):
    return json.loads(Path(path).read_text())


def corpus_dir(manifest):
    """The extract job's input folder when it is local and still there, else None."""
    source = urlparse(manifest["input"])
    if source.scheme not in ("", "file"):
        return None
    path = Path(source.path)
    return path if path.is_dir() else None


def read_wav(path):
    """Mono samples in [-1, 1) as float32 and the sample rate; channels are averaged, as the extract job does."""
    try:
        with wave.open(str(path)) as w:
            sr, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
            raw = w.readframes(w.getnframes())
    except wave.Error:
        from scipy.io import wavfile
        sr, x = wavfile.read(path)
        if x.dtype.kind in "iu":
            x = x.astype(np.float64) / (1 << (8 * x.dtype.itemsize - 1))
        x = x.mean(axis=1) if x.ndim == 2 else x
        return x.astype(np.float32), sr
    if width == 3:
        b = np.frombuffer(raw, np.uint8).reshape(-1, 3).astype(np.int32)
        x = b[:, 0] | (b[:, 1] << 8) | (b[:, 2] << 16)
        x = np.where(x >= 1 << 23, x - (1 << 24), x) / float(1 << 23)
    elif width == 1:
        x = (np.frombuffer(raw, np.uint8).astype(np.float64) - 128) / 128
    else:
        x = np.frombuffer(raw, {2: "<i2", 4: "<i4"}[width]) / float(1 << (8 * width - 1))
    return x.reshape(-1, channels).mean(axis=1).astype(np.float32), sr


def required(path, what):
    """The path, after checking it exists (a stage that has not run yet leaves it missing)."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no {what} output yet; run the pipeline first, or set RUN to a run "
                                f"directory that has one")
    return path
