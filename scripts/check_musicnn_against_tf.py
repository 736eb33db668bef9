"""Check the port of musicnn (:mod:`tools.understanding.musicnn_tagger`) against TensorFlow.

Two steps, since TensorFlow is not (and must not be) a dependency of the project:

1. in a throwaway venv with TensorFlow and the musicnn wheel (``python3 -m venv /tmp/tfvenv &&
   /tmp/tfvenv/bin/pip install tensorflow-cpu==2.21.0 numpy librosa && /tmp/tfvenv/bin/pip install
   --no-deps musicnn==0.1.0``)::

       /tmp/tfvenv/bin/python scripts/check_musicnn_against_tf.py --tf /tmp/musicnn_tf.npz

   builds musicnn's own graph (``musicnn.models.define_model``), restores the wheel's checkpoint and
   tags the 3-s log-mel patches of :data:`CLIPS` (made by the port's ``log_mel``); it also runs
   musicnn's own ``extractor`` end to end on each file;
2. in the project venv::

       .venv/bin/python scripts/check_musicnn_against_tf.py --compare /tmp/musicnn_tf.npz

   runs the port on the same patches and prints the largest differences.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DATA = ROOT / "tests" / "data" / "understanding"
SONIC_PI = Path("/usr/share/sonic-pi/samples")
CLIPS = (
    DATA / "freesound_suva_guitar_slide.flac",
    DATA / "sorohanro_solo_trumpet_excerpt.flac",
    DATA / "Fl-ord-C4-mf-N-T14d.wav",
    DATA / "vocadito_14.flac",
    DATA / "vibe_ace_excerpt.flac",
    SONIC_PI / "loop_amen_full.flac",
)


def _patches(path: Path) -> np.ndarray:
    import librosa

    from tools.understanding.musicnn_tagger import N_FRAMES, SR_HZ, log_mel

    y, _ = librosa.load(str(path), sr=SR_HZ)
    mel = log_mel(y)
    starts = range(0, max(1, mel.shape[0] - N_FRAMES + 1), N_FRAMES)
    return np.stack([mel[s : s + N_FRAMES] for s in starts if s + N_FRAMES <= mel.shape[0]])


def run_tf(out: Path) -> None:
    """Step 1 (TensorFlow venv): musicnn's graph on the port's patches, and its extractor per file."""
    import musicnn
    import tensorflow as tf
    from musicnn import extractor, models

    tf.compat.v1.disable_eager_execution()
    clips = [c for c in CLIPS if c.is_file()]
    patches = {c.name: _patches(c) for c in clips}
    tf.compat.v1.reset_default_graph()
    with tf.name_scope("model"):
        x = tf.compat.v1.placeholder(tf.float32, [None, 187, 96])
        is_training = tf.compat.v1.placeholder(tf.bool)
        y, *_, penultimate = models.define_model(x, is_training, "MTT_musicnn", 50)
        probs = tf.nn.sigmoid(y)
    sess = tf.compat.v1.Session()
    tf.compat.v1.train.Saver().restore(sess, str(Path(musicnn.__file__).parent / "MTT_musicnn") + "/")
    saved = {}
    for name, p in patches.items():
        t, pen = sess.run([probs, penultimate], feed_dict={x: p, is_training: False})
        saved[f"{name}:patches"], saved[f"{name}:tags"], saved[f"{name}:penultimate"] = p, t, pen
        taggram, _ = extractor.extractor(
            str(CLIPS[[c.name for c in clips].index(name)]), extract_features=False
        )
        saved[f"{name}:extractor"] = taggram
    np.savez_compressed(out, **saved)
    print(f"wrote {out} ({len(patches)} clips, {sum(len(p) for p in patches.values())} patches)")


def compare(path: Path) -> None:
    """Step 2 (project venv): the port on the same patches; the largest differences."""
    from tools.understanding.musicnn_tagger import forward

    data = np.load(path)
    names = sorted({k.split(":")[0] for k in data.files})
    worst_tags = worst_pen = 0.0
    for name in names:
        tags, pen = forward(data[f"{name}:patches"])
        dt = float(np.abs(tags - data[f"{name}:tags"]).max())
        dp = float(np.abs(pen - data[f"{name}:penultimate"]).max())
        ext = data[f"{name}:extractor"]
        n = min(len(ext), len(tags))
        de = float(np.nanmax(np.abs(tags[:n] - ext[:n]))) if n else float("nan")
        worst_tags, worst_pen = max(worst_tags, dt), max(worst_pen, dp)
        print(
            f"{name:40s} patches {len(tags):3d} | max |tags diff| {dt:.2e} | penultimate {dp:.2e} | "
            f"vs musicnn's own extractor end to end {de:.2e}"
        )
    print(f"worst: tags {worst_tags:.2e}, penultimate {worst_pen:.2e}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tf", type=Path, help="step 1: write TensorFlow's outputs here")
    ap.add_argument("--compare", type=Path, help="step 2: compare the port with this file")
    args = ap.parse_args()
    if args.tf:
        run_tf(args.tf)
    elif args.compare:
        compare(args.compare)
    else:
        ap.error("give --tf or --compare")
