"""The player's sounds: soft chimes made here, and spoken steps from a local synthesiser.

Why generate rather than ship audio files: the chimes are a few lines of numpy (a sine
with two soft overtones and a bell-like decay), so there is nothing to license, download
or keep in sync, and every run produces byte-identical WAV data. Three cues, told apart
by pitch and rhythm rather than loudness, so none of them startles:

* ``warning`` — one short, quiet, low note: "about ten seconds left";
* ``step_end`` — two rising notes: "move on";
* ``finished`` — three rising notes, longer: "the routine is over".

Spoken steps use ``espeak-ng`` (a Debian package) when it is installed, rendered in a
background thread so the player never waits for it; without it the player simply keeps
to chimes. Nothing is written to disk: espeak-ng streams its WAV to a pipe.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import threading
import wave
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

import numpy as np

RATE = 22_050  # Hz, mono, 16-bit: espeak-ng's own format, so speech and chimes join without resampling
_NOTES: dict[str, tuple[tuple[float, float], ...]] = {
    # (frequency in Hz, length in seconds) per note
    "warning": ((523.25, 0.35),),
    "step_end": ((659.25, 0.22), (880.0, 0.45)),
    "finished": ((523.25, 0.25), (659.25, 0.25), (783.99, 0.7)),
}
_LEVEL = {"warning": 0.18, "step_end": 0.3, "finished": 0.3}
SPEECH_TIMEOUT_S = 20


def _note(freq: float, length: float, level: float) -> np.ndarray:
    t = np.arange(int(RATE * length)) / RATE
    tone = np.sin(2 * np.pi * freq * t) + 0.25 * np.sin(4 * np.pi * freq * t) + 0.08 * np.sin(6 * np.pi * freq * t)
    attack = np.minimum(1.0, t / 0.008)  # 8 ms fade-in: no click at the start
    decay = np.exp(-t * 4.5 / max(length, 1e-3))
    release = np.minimum(1.0, (length - t) / 0.02)  # 20 ms fade-out: no click at the end
    return level * tone / 1.33 * attack * decay * np.clip(release, 0.0, 1.0)


def cue_samples(kind: str) -> np.ndarray:
    """The cue ``kind`` as float samples in [-1, 1] at :data:`RATE` (with a short gap between notes)."""
    if kind not in _NOTES:
        raise ValueError(f"unknown cue {kind!r}; choose one of {', '.join(_NOTES)}")
    gap = np.zeros(int(RATE * 0.03))
    parts: list[np.ndarray] = []
    for freq, length in _NOTES[kind]:
        parts += [_note(freq, length, _LEVEL[kind]), gap]
    return np.concatenate(parts)


def wav_bytes(samples: np.ndarray, *, pad: int = 0) -> bytes:
    """16-bit mono WAV bytes for float ``samples``; ``pad`` adds that many silent samples.

    The padding exists for the browser: an audio widget only replays when its value changes,
    so the player alternates the padding to play the same chime twice in a row.
    """
    data = np.clip(np.asarray(samples, dtype=float), -1.0, 1.0)
    pcm = (data * 32767).astype("<i2").tobytes() + b"\x00\x00" * max(0, int(pad))
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)
    return out.getvalue()


@cache
def cue_wav(kind: str, pad: int = 0) -> bytes:
    """WAV bytes of one cue (cached: every player in a kernel shares them; see :func:`wav_bytes`)."""
    return wav_bytes(cue_samples(kind), pad=pad)


def wav_samples(data: bytes) -> np.ndarray:
    """Float samples of a 16-bit mono WAV at :data:`RATE`, tolerant of streamed headers.

    espeak-ng writing to a pipe cannot go back to fill in the chunk sizes, so its header
    claims about 2 GB; the ``data`` chunk is simply read to the end of the bytes.
    """
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError("not a WAV file")
    pos = 12
    rate = channels = width = 0
    while pos + 8 <= len(data):
        chunk, size = data[pos : pos + 4], struct.unpack("<I", data[pos + 4 : pos + 8])[0]
        body = pos + 8
        if chunk == b"fmt ":
            _fmt, channels, rate, _byte_rate, _align, width = struct.unpack("<HHIIHH", data[body : body + 16])
        elif chunk == b"data":
            if (channels, rate, width) != (1, RATE, 16):
                raise ValueError(f"expected 16-bit mono at {RATE} Hz, got {width}-bit x{channels} at {rate} Hz")
            end = min(len(data), body + size)
            end -= (end - body) % 2
            return np.frombuffer(data[body:end], dtype="<i2").astype(float) / 32767
        pos = body + size + (size % 2)
    raise ValueError("WAV data has no data chunk")


def join(*parts: np.ndarray, gap_s: float = 0.15) -> np.ndarray:
    """Samples one after another with ``gap_s`` of silence between them."""
    gap = np.zeros(int(RATE * gap_s))
    pieces: list[np.ndarray] = []
    for part in parts:
        if len(part):
            pieces += [part, gap]
    return np.concatenate(pieces[:-1]) if pieces else np.zeros(0)


def speech_available() -> bool:
    """True when the ``espeak-ng`` synthesiser is installed (spoken steps are optional)."""
    return shutil.which("espeak-ng") is not None


def speak(text: str, *, words_per_minute: int = 150, timeout: float = SPEECH_TIMEOUT_S) -> np.ndarray | None:
    """``text`` spoken by espeak-ng as float samples, or ``None`` if it is missing or fails."""
    exe = shutil.which("espeak-ng")
    if exe is None or not text.strip():
        return None
    try:
        done = subprocess.run(
            [exe, "-v", "en", "-s", str(int(words_per_minute)), "--stdout", "--", text],
            capture_output=True, timeout=timeout, check=True,
        )
        return wav_samples(done.stdout)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None


class SpeechCache:
    """Spoken lines rendered in the background, one worker thread, kept in memory.

    ``prepare(lines)`` queues every line of a routine at once (when the learner first turns
    speech on), ``get(line)`` answers immediately with the samples or ``None`` if they are
    not ready: the player then plays the chime alone rather than wait. Shared by all the
    players of a kernel, so a routine opened twice is rendered once.
    """

    def __init__(self) -> None:
        self._pool: ThreadPoolExecutor | None = None
        self._futures: dict[str, Future[np.ndarray | None]] = {}
        self._lock = threading.Lock()

    def prepare(self, lines: Iterable[str]) -> None:
        if not speech_available():
            return
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="foot-speech")
            for line in lines:
                if line and line not in self._futures:
                    self._futures[line] = self._pool.submit(speak, line)

    def get(self, line: str) -> np.ndarray | None:
        future = self._futures.get(line)
        if future is None or not future.done():
            return None
        return future.result()

    def wait(self, timeout: float = SPEECH_TIMEOUT_S) -> None:
        """Block until every queued line is rendered (for tests and the lesson's demo cell)."""
        for future in list(self._futures.values()):
            future.result(timeout=timeout)


SPEECH = SpeechCache()
