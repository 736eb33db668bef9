"""Musical truth and speed of the upload edits on real recordings in ../shared/data (issue 15).

Tables printed:
1. tempo change to a target BPM: measured tempo of the result vs the target (goal: within 2%), and the
   duration ratio vs the tempo ratio;
2. pitch shift: the pitch-class profile's measured rotation vs the requested semitones, and the key the
   analysis hears before/after;
3. loops: distance from each join of a 2-bar loop to the nearest downbeat re-detected in the result
   (goal: within 30 ms);
4. separation: SDR / SI-SDR (mir_eval bss_eval on a mono 22.05 kHz downmix, and scale-invariant SDR) for
   vocals and accompaniment on the MUSDB18 sample (a real rock multitrack; the DSP separator's constants
   were chosen on it, so it is NOT held out for the DSP; the learned model never saw it) and on a
   vocadito voice over the "Choice - Drum-bass" instrumental (held out for both), against the trivial
   baseline (the mixture itself), for each backend available here (the learned one: see
   tools/separation/models/MODEL_CARD.md);
5. speed: real-time factors on a 3-minute track (Vibe Ace tiled) for DSP separation, time-stretch, pitch
   shift and a 5-effect chain, cold (first call in the process) and warm, against a plain gain pass
   measured in the same run, and against a CPU-bound baseline (a fixed set of FFTs) so that runs on a
   loaded machine can be compared (the load average is printed);
6. timbre transfer on the real a-cappella vocadito clips (CC BY): pitch agreement (median cents, share of
   frames within 50 cents, after the octave move), voicing recall, note-onset F-measure (50 ms) and the
   correlation of the loudness curves, result against the singer, per instrument;
7. accompaniment on real recordings with no drums of their own (Sugar Plum Fairy, a solo trumpet; CC BY):
   the added drums' onsets against the recording's detected beats, and the added bass's pitch class per bar
   against the root of the bar's detected chord.

Data: ``--data DIR`` or ``BANDLEADER_DATA`` (default ../shared/data beside the repository).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tools.audio.decode import decode_audio  # noqa: E402
from tools.audio.types import Audio  # noqa: E402
from tools.audio.write import write_audio  # noqa: E402
from tools.editing.effects import Effect, apply_chain  # noqa: E402
from tools.editing.stretch import shift_samples, stretch_samples  # noqa: E402
from tools.separation.api import separate_samples, two_stem  # noqa: E402
from tools.separation.demucs_backend import check_demucs  # noqa: E402
from tools.separation.learned import check_learned  # noqa: E402
from tools.separation.resample import resample  # noqa: E402
from tools.understanding.sheet import compute_sheet  # noqa: E402

TRACKS = {
    "Vibe Ace (CC BY)": "librosa_data_tracks/Kevin_MacLeod_-_Vibe_Ace.ogg",
    "Choice - Drum-bass (CC BY-NC)": "librosa_data_tracks/admiralbob77_-_Choice_-_Drum-bass.ogg",
}


def _excerpt(path: Path, start_s: float, seconds: float) -> Audio:
    a = decode_audio(path)
    s = int(start_s * a.sample_rate)
    return a.with_samples(a.samples[:, s : s + int(seconds * a.sample_rate)])


def _sheet(audio: Audio, tmp: Path, name: str):  # type: ignore[no-untyped-def]
    path = tmp / f"{name}.wav"
    write_audio(path, audio.with_samples(np.clip(audio.samples, -1, 1)), "wav", bit_depth=24)
    return compute_sheet(path, use_cache=False)


def _chroma(audio: Audio) -> np.ndarray:
    import librosa

    y = librosa.resample(audio.samples.mean(axis=0), orig_sr=audio.sample_rate, target_sr=22050)
    return librosa.feature.chroma_cqt(y=y, sr=22050).mean(axis=1)


def _rotation(a: np.ndarray, b: np.ndarray) -> int:
    k = int(np.argmax([np.dot(np.roll(a, i), b) for i in range(12)]))
    return k - 12 if k > 6 else k


def tempo_and_pitch(data: Path, tmp: Path) -> None:
    print("\n## 1. Tempo change to a target BPM (Signalsmith Stretch), 20 s excerpts")
    print("| track | detected BPM | target BPM | measured BPM | error % | duration ratio / tempo ratio |")
    print("|---|---|---|---|---|---|")
    excerpts = {name: _excerpt(data / rel, 10.0, 20.0) for name, rel in TRACKS.items()}
    sources = {name: _sheet(audio, tmp, "src") for name, audio in excerpts.items()}
    for name, audio in excerpts.items():
        tempo = sources[name].tempo_bpm
        for factor in (0.85, 1.15):
            target = round(tempo * factor)
            ratio = target / tempo
            out = audio.with_samples(stretch_samples(audio.samples, audio.sample_rate, ratio))
            measured = _sheet(out, tmp, "st").tempo_bpm or float("nan")
            dur = audio.duration_s / out.duration_s
            err = 100 * (measured - target) / target
            print(f"| {name} | {tempo:.1f} | {target} | {measured:.1f} | {err:+.2f} | "
                  f"{dur / ratio:.4f} |")  # fmt: skip
    print("\n## 2. Pitch shift (tempo kept): measured rotation of the pitch-class profile")
    print("| track | semitones | measured rotation | key before | key after | tempo before/after BPM |")
    print("|---|---|---|---|---|---|")
    for name, audio in excerpts.items():
        before = sources[name]
        c0 = _chroma(audio)
        for st in (2, -3):
            out = audio.with_samples(shift_samples(audio.samples, audio.sample_rate, st))
            after = _sheet(out, tmp, "ps")
            print(f"| {name} | {st:+d} | {_rotation(c0, _chroma(out)):+d} | {before.key} | {after.key} | "
                  f"{before.tempo_bpm:.1f}/{after.tempo_bpm:.1f} |")  # fmt: skip
    print("\n## 3. Loops on bar lines: bars 1-2 looped twice (joins vs re-detected downbeats)")
    print("| track | bar 1 at s | loop length s | join error ms (each) |")
    print("|---|---|---|---|")
    for name, audio in excerpts.items():
        down = sources[name].downbeats
        a, b = down[0], down[2]
        sr = audio.sample_rate
        ia, ib = round(a * sr), round(b * sr)
        x = audio.samples
        out = audio.with_samples(np.concatenate([x[:, :ib], x[:, ia:ib], x[:, ib:]], axis=1))
        joins = [b, b + (b - a)]
        again = _sheet(out, tmp, "loop").downbeats
        errs = [1000 * min(abs(j - d) for d in again) for j in joins]
        print(f"| {name} | {a:.3f} | {b - a:.3f} | {', '.join(f'{e:.0f}' for e in errs)} |")


def _si_sdr(est: np.ndarray, ref: np.ndarray) -> float:
    """Scale-invariant SDR in dB of ``est`` against ``ref`` (mono)."""
    alpha = np.dot(est, ref) / (np.dot(ref, ref) + 1e-12)
    return float(10 * np.log10(np.sum((alpha * ref) ** 2) / (np.sum((alpha * ref - est) ** 2) + 1e-12)))


def _bss(ests: list[np.ndarray], refs: list[np.ndarray]) -> list[float]:
    import mir_eval

    sdr, _, _, _ = mir_eval.separation.bss_eval_sources(
        np.stack(refs), np.stack(ests), compute_permutation=False
    )
    return [float(s) for s in sdr]


def _mono22(x: np.ndarray, sr: int) -> np.ndarray:
    return resample(x.mean(axis=0, keepdims=True), sr, 22050)[0]


def separation(data: Path) -> None:
    print("\n## 4. Separation: SDR (mir_eval bss_eval) / SI-SDR in dB, vocals and accompaniment")
    cases = {}
    m = data / "musdb_sample_stems"
    if m.is_dir():
        stems = {k: decode_audio(m / f"{k}.wav") for k in ("vocals", "drums", "bass", "other")}
        sr = stems["vocals"].sample_rate
        v = stems["vocals"].samples
        acc = stems["drums"].samples + stems["bass"].samples + stems["other"].samples
        cases["MUSDB18 sample '80s Rock' (DSP tuned on it; learned: held out)"] = (v, acc, sr)
    voice_p, band_p = (
        data / "vocadito_unlabeled" / "vocadito_10.wav",
        data / TRACKS["Choice - Drum-bass (CC BY-NC)"],
    )
    if voice_p.is_file() and band_p.is_file():
        band = decode_audio(band_p)
        sr = band.sample_rate
        voice = resample(decode_audio(voice_p).samples, decode_audio(voice_p).sample_rate, sr)
        n = min(voice.shape[1], band.n_samples)
        b = band.samples[:, :n] * 0.5
        vv = np.repeat(voice[:1, :n], b.shape[0], axis=0)
        vv *= np.sqrt(np.sum(b**2) / np.sum(vv**2))
        cases["vocadito 10 over 'Choice' at 0 dB (held out)"] = (vv, b, sr)
    backends = ["dsp"] + (["learned"] if check_learned() is None else [])
    backends += ["demucs"] if check_demucs() is None else []
    print("| mixture | method | vocals SDR | vocals SI-SDR | accomp. SDR | accomp. SI-SDR |")
    print("|---|---|---|---|---|---|")
    for name, (v, acc, sr) in cases.items():
        mix = v + acc
        refs = [_mono22(v, sr), _mono22(acc, sr)]
        rows = {"mixture (baseline)": (mix, mix)}
        for be in backends:
            sep = separate_samples(mix, sr, backend=be)  # type: ignore[arg-type]
            two = two_stem(sep.stems)
            rows[sep.backend] = (two["vocals"], two["accompaniment"])
        for method, (ev, ea) in rows.items():
            ests = [_mono22(ev, sr), _mono22(ea, sr)]
            sdr = _bss(ests, refs)
            si = [_si_sdr(e, r) for e, r in zip(ests, refs, strict=True)]
            print(f"| {name} | {method} | {sdr[0]:.2f} | {si[0]:.2f} | {sdr[1]:.2f} | {si[1]:.2f} |")
    if "demucs" not in backends:
        print(f"(Demucs not measured: {check_demucs()})")


def speed(data: Path) -> None:
    print("\n## 5. Speed on a 3-minute track (Vibe Ace tiled), real-time factor = audio s / wall s")
    a = decode_audio(data / TRACKS["Vibe Ace (CC BY)"])
    reps = int(np.ceil(180 * a.sample_rate / a.n_samples))
    x = np.tile(a.samples, reps)[:, : 180 * a.sample_rate]
    sr = a.sample_rate
    chain = [Effect(name="eq", low_db=3.0, high_db=-2.0), Effect(name="compressor"), Effect(name="reverb"),
             Effect(name="chorus"), Effect(name="limiter")]  # fmt: skip
    rng = np.random.default_rng(0)
    block = rng.standard_normal((8, 1 << 20)).astype(np.float32)
    jobs = {
        "gain pass (baseline)": lambda: x * 0.5,
        "CPU baseline: 8 x 2^20-point FFTs": lambda: np.fft.irfft(np.fft.rfft(block, axis=1), axis=1),
        "time-stretch 0.9x": lambda: stretch_samples(x, sr, 0.9),
        "pitch shift +2": lambda: shift_samples(x, sr, 2.0),
        "5-effect chain": lambda: apply_chain(x, sr, chain),
        "separation (DSP)": lambda: separate_samples(x, sr, backend="dsp"),
    }
    if check_learned() is None:
        jobs["separation (learned, four stems)"] = lambda: separate_samples(x, sr, backend="learned")
        jobs["separation (learned, two stems)"] = lambda: separate_samples(
            x, sr, backend="learned", layout="two"
        )
    if check_demucs() is None:
        jobs["separation (Demucs)"] = lambda: separate_samples(x, sr, backend="demucs")
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print("| job | cold s | warm s | RT factor (warm) | x the gain pass | x the CPU baseline |")
    print("|---|---|---|---|---|---|")
    base = cpu = None
    for name, job in jobs.items():
        t0 = time.perf_counter()
        job()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        job()
        warm = time.perf_counter() - t0
        base = base or warm
        if name.startswith("CPU baseline"):
            cpu = warm
        rel = f"{warm / cpu:.2f}" if cpu else ""
        print(f"| {name} | {cold:.2f} | {warm:.2f} | {180 / warm:.1f}x | {warm / base:.0f} | {rel} |")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def timbre(data: Path) -> None:
    from tools.editing.melody_track import track_melody
    from tools.editing.play_along_measures import melody_agreement
    from tools.editing.timbre_transfer import instrument_for, octave_shift_for, render_melody

    print("\n## 6. Timbre transfer on real a-cappella singing (vocadito, CC BY 4.0), result vs singer")
    print("| clip | instrument | notes | octaves | median cents | within 50 c | voicing recall | onset F "
          "(50 ms) | loudness corr | s per audio s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for clip in ("vocadito_10", "vocadito_14"):
        a = decode_audio(data / "vocadito_unlabeled" / f"{clip}.wav")
        mono = a.samples.mean(axis=0)
        sung = track_melody(mono, a.sample_rate)
        for name in ("saxophone", "violin", "flute"):
            inst = instrument_for(name)
            shift = 12 * octave_shift_for(sung.median_pitch, inst)
            t0 = time.perf_counter()
            y = render_melody(sung, inst, shift, 44_100)
            spent = time.perf_counter() - t0
            played = track_melody(y.mean(axis=0), 44_100)
            m = melody_agreement(sung, played, shift)
            print(f"| {clip} | {name} | {len(sung.notes)} | {shift // 12:+d} | {m.median_cents:.1f} | "
                  f"{m.within_50_cents:.0%} | {m.voicing_recall:.0%} | {m.onset_f:.2f} | "
                  f"{m.level_correlation:.2f} | {spent / a.duration_s:.2f} |")  # fmt: skip


ACCOMPANY_CLIPS = {
    "Sugar Plum Fairy 0-30 s (CC BY)": (
        "librosa_data_tracks/Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg", 0.0, 30.0),
    "Sugar Plum Fairy 60-90 s (CC BY)": (
        "librosa_data_tracks/Kevin_MacLeod_-_P_I_Tchaikovsky_Dance_of_the_Sugar_Plum_Fairy.ogg", 60.0, 30.0),
    "solo trumpet (CC BY)": ("librosa_data_tracks/sorohanro_-_solo-trumpet-06.ogg", 0.0, 30.0),
}  # fmt: skip


def accompany(data: Path, tmp: Path) -> None:
    from tests.tools.conftest import MemoryStore
    from tools.base import ToolContext, ToolError
    from tools.editing.accompany import Accompany, AccompanyInput
    from tools.editing.play_along_measures import bass_root_agreement, beat_miss_ms, onset_times_s
    from tools.separation.stems_store import stem_companions

    print("\n## 7. Accompaniment (drums + bass) on real recordings with no drums of their own")
    print("| recording | tempo | key | bars | drum onset miss, median ms | beats hit within 50 ms | "
          "bass root = chord root | s per audio s |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|")
    for i, (name, (rel, start, seconds)) in enumerate(ACCOMPANY_CLIPS.items()):
        clip = _excerpt(data / rel, start, seconds)
        folder = tmp / f"acc{i}"
        store = MemoryStore(folder)
        path = folder / "upload.wav"
        write_audio(path, clip, "wav", bit_depth=24)
        store.import_file(path, kind="audio", label=name)
        t0 = time.perf_counter()
        try:
            out = Accompany().run(AccompanyInput(drums=True, bass=True), ToolContext(workspace=store))
        except ToolError as exc:
            print(f"| {name} | refused: {exc.message} | | | | | | |")
            continue
        spent = time.perf_counter() - t0
        stems = stem_companions(store, out.artifact)
        drums, bass = decode_audio(Path(stems["drums"].path)), decode_audio(Path(stems["bass"].path))
        sheet = compute_sheet(path)
        beats = np.array([b for b in sheet.beats if out.start_s - 0.01 <= b <= clip.duration_s - 0.3])
        miss = beat_miss_ms(onset_times_s(drums.samples.mean(axis=0), drums.sample_rate), beats)
        per_bar = int((sheet.meter or "4/4").split("/")[0])
        agree = bass_root_agreement(bass.samples.mean(axis=0), bass.sample_rate, beats, per_bar, out.chords)
        print(f"| {name} | {out.tempo_bpm:.1f} | {out.key} | {out.bars} | {np.median(miss):.1f} | "
              f"{np.mean(miss < 50):.0%} | {np.mean(agree):.0%} ({sum(agree)}/{len(agree)}) | "
              f"{spent / clip.duration_s:.2f} |")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data", default=os.environ.get("BANDLEADER_DATA", str(ROOT.parent / "shared" / "data"))
    )
    parser.add_argument(
        "--only", choices=["truth", "separation", "speed", "timbre", "accompany"], help="run one part"
    )
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "librosa_data_tracks").is_dir():
        print(
            f"The benchmark data is absent: {data} has no librosa_data_tracks "
            "(use --data or BANDLEADER_DATA)."
        )
        return 1
    print(f"data: {data}; cores: {os.cpu_count()}")
    with tempfile.TemporaryDirectory(prefix="editing-bench-") as tmp:
        if args.only in (None, "truth"):
            tempo_and_pitch(data, Path(tmp))
        if args.only in (None, "separation"):
            separation(data)
        if args.only in (None, "speed"):
            speed(data)
        if args.only in (None, "timbre"):
            timbre(data)
        if args.only in (None, "accompany"):
            accompany(data, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
