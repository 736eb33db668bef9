"""Audio to notes (polyphonic, basic-pitch ONNX) and the main melody line (skyline of those notes)."""

from __future__ import annotations

import logging
import os
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tools.understanding import constants as C  # noqa: N812 - reads as a namespace
from tools.understanding.backends import BASIC_PITCH, LIBROSA, use
from tools.understanding.models import Note
from tools.understanding.vocals import VocalEvidence

_WINDOW_BATCH = 8  # 2-second windows per onnxruntime call


@cache
def _model() -> Any:
    """basic-pitch's ONNX model, loaded once per process."""
    # onnxruntime's telemetry writes a session file (.ses) into TMPDIR at import and would report usage
    # where it can: off unless the user set it (no file left behind, nothing sent)
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # basic_pitch warns at import about coremltools/tflite it won't use
    try:
        import basic_pitch
        from basic_pitch.inference import Model
    finally:
        root.setLevel(level)
    path = Path(basic_pitch.__file__).parent / "saved_models" / "icassp_2022" / "nmp.onnx"
    model = Model(path)
    import onnxruntime as ort

    # the notes run in a worker thread beside the other analyses: one thread that sleeps when idle
    # (onnxruntime's default pool spins on every core and starves the analyses running beside it)
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = C.NOTE_THREADS
    opts.inter_op_num_threads = 1
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    model.model = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    return model


def _basic_pitch_output(samples_22k: np.ndarray) -> dict[str, np.ndarray]:
    from basic_pitch.constants import AUDIO_N_SAMPLES, FFT_HOP
    from basic_pitch.inference import unwrap_output

    overlap_frames = 30
    overlap = overlap_frames * FFT_HOP
    hop = AUDIO_N_SAMPLES - overlap
    audio = np.concatenate([np.zeros(overlap // 2, dtype=np.float32), samples_22k.astype(np.float32)])
    starts = list(range(0, len(audio), hop))
    model = _model()
    out: dict[str, list[np.ndarray]] = {"note": [], "onset": [], "contour": []}
    for b in range(0, len(starts), _WINDOW_BATCH):
        batch = np.zeros((len(starts[b : b + _WINDOW_BATCH]), AUDIO_N_SAMPLES, 1), dtype=np.float32)
        for j, s in enumerate(starts[b : b + _WINDOW_BATCH]):
            w = audio[s : s + AUDIO_N_SAMPLES]
            batch[j, : len(w), 0] = w
        for k, v in model.predict(batch).items():
            out[k].append(v)
    return {k: unwrap_output(np.concatenate(v), len(samples_22k), overlap_frames) for k, v in out.items()}


def _basic_pitch(samples_22k: np.ndarray, evidence: VocalEvidence | None = None) -> list[Note]:
    _model()  # imports basic_pitch quietly first
    from basic_pitch.constants import ANNOTATIONS_FPS
    from basic_pitch.note_creation import model_output_to_notes

    notes: list[Note] = []
    chunk = int(C.NOTE_CHUNK_S * C.DSP_SAMPLE_RATE_HZ)
    for c0 in range(0, len(samples_22k), chunk):  # chunks bound the memory of the activations
        piece = samples_22k[c0 : c0 + chunk]
        if len(piece) < C.DSP_SAMPLE_RATE_HZ // 4:
            continue
        output = _basic_pitch_output(piece)
        if evidence is not None:
            evidence.add(output["contour"])
        _, events = model_output_to_notes(
            output,
            onset_thresh=C.NOTE_ONSET_THRESHOLD,
            frame_thresh=C.NOTE_FRAME_THRESHOLD,
            min_note_len=max(1, round(C.MIN_NOTE_DURATION_S * ANNOTATIONS_FPS)),
            include_pitch_bends=False,
        )
        offset = c0 / C.DSP_SAMPLE_RATE_HZ
        for start, end, pitch, amplitude, _ in events:
            notes.append(
                Note(
                    start=round(float(start) + offset, 3),
                    end=round(float(end) + offset, 3),
                    pitch=int(pitch),
                    velocity=int(np.clip(round(127 * float(amplitude)), 1, 127)),
                )
            )
    notes.sort(key=lambda n: (n.start, n.pitch))
    return notes


def _pyin(samples_22k: np.ndarray) -> list[Note]:
    """Monophonic notes from librosa's pYIN (fallback when basic-pitch is missing)."""
    import librosa

    sr, hop = C.DSP_SAMPLE_RATE_HZ, 512
    f0, voiced, _prob = librosa.pyin(samples_22k, fmin=65.0, fmax=2000.0, sr=sr, hop_length=hop)
    midi = np.where(voiced, np.round(librosa.hz_to_midi(np.nan_to_num(f0, nan=1.0))), -1).astype(int)
    rms = librosa.feature.rms(y=samples_22k, hop_length=hop)[0]
    notes: list[Note] = []
    start = 0
    for i in range(1, len(midi) + 1):
        if i == len(midi) or midi[i] != midi[start]:
            if midi[start] > 0 and (i - start) * hop / sr >= C.MIN_NOTE_DURATION_S:
                level = float(np.mean(rms[start:i])) if len(rms) else 0.1
                notes.append(
                    Note(
                        start=round(start * hop / sr, 3),
                        end=round(i * hop / sr, 3),
                        pitch=int(midi[start]),
                        velocity=int(np.clip(round(127 * min(1.0, level * 4)), 1, 127)),
                    )
                )
            start = i
    return notes


def melody_line(notes: list[Note], resolution_s: float = 0.01) -> list[Note]:
    """The main melody: notes at or above ``MELODY_MIN_PITCH`` that are the highest sounding note for at
    least half of their duration, clipped so that no two overlap. Times in seconds."""
    cands = [n for n in notes if n.pitch >= C.MELODY_MIN_PITCH and n.end > n.start]
    if not cands:
        return []
    n_frames = int(max(n.end for n in cands) / resolution_s) + 2
    top = np.full(n_frames, -1, dtype=np.int16)
    spans = [
        (int(n.start / resolution_s), max(int(n.start / resolution_s) + 1, int(n.end / resolution_s)))
        for n in cands
    ]
    for n, (a, b) in zip(cands, spans, strict=True):
        np.maximum(top[a:b], n.pitch, out=top[a:b])
    line = [n for n, (a, b) in zip(cands, spans, strict=True) if np.mean(top[a:b] == n.pitch) >= 0.5]
    line.sort(key=lambda n: n.start)
    out: list[Note] = []
    for n in line:
        if out and n.start < out[-1].end:
            if n.start - out[-1].start < resolution_s:  # same onset: keep the higher
                if n.pitch > out[-1].pitch:
                    out[-1] = n
                continue
            out[-1] = out[-1].model_copy(update={"end": n.start})
        out.append(n)
    return out


def transcribe(
    samples_22k: np.ndarray, evidence: VocalEvidence | None = None
) -> tuple[list[Note], list[Note], str]:
    """Polyphonic notes, the melody line (onset/offset in seconds, MIDI pitch, velocity) and the backend.

    ``evidence``, when given, is fed basic-pitch's fine pitch contour (for the vocal detector)."""
    if use(BASIC_PITCH):
        notes, backend = _basic_pitch(samples_22k, evidence), BASIC_PITCH.name
    else:
        notes, backend = _pyin(samples_22k), LIBROSA.name
    return notes, melody_line(notes), backend
