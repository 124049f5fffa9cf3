#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: system packages, the Python venv, the Kafka jars.
# Run (not sourced) by scripts/demo and scripts/test; safe to run again (each step is skipped when done).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$HERE"

log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*" >&2; }

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

# System tools: Java + Maven run the broker; kcat, Prometheus and Alertmanager serve tests and runbooks.
need=()
command -v java >/dev/null || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null || need+=(maven)
command -v kcat >/dev/null || need+=(kcat)
command -v promtool >/dev/null || need+=(prometheus)
command -v amtool >/dev/null || need+=(prometheus-alertmanager)
# A C compiler and Python's headers build the compiled detection core (setup.py, below).
command -v gcc >/dev/null || need+=(gcc libc6-dev)
python3 -c 'import os, sys, sysconfig; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")))' \
  2>/dev/null || need+=(python3-dev)
if [ ${#need[@]} -gt 0 ]; then
  log "installing system packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The Debian packages start their own services; the project runs its own when it needs them.
  for svc in prometheus prometheus-alertmanager prometheus-node-exporter; do
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || $SUDO service "$svc" stop >/dev/null 2>&1 || true
  done
fi

# Python environment.
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  log "creating .venv with $($PY --version)"
  "$PY" -m venv .venv
fi
stamp=".venv/.hydrawatch-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  log "installing Python packages (pip install -e '.[test]')"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e '.[test]'
  echo "$want" > "$stamp"
fi

# Kafka broker jars from Maven Central (cached in ~/.cache/hydrawatch after the first run).
.venv/bin/python -c 'from streams import kafka_local; from streams.settings import Settings; kafka_local.ensure_jars(Settings.from_env())'

# The compiled build of the detection core (setup.py): rebuilt only where a source is newer.
if ! HYDRAWATCH_COMPILE=1 CFLAGS="-O2 -g0" .venv/bin/python setup.py -q build_ext --inplace >.venv/compile.log 2>&1; then
  cat .venv/compile.log >&2; log "compiling the detection core failed"; exit 1
fi
