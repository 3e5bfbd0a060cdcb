#!/usr/bin/env bash
# Installs CnnZoo.MLNet's prerequisites on a fresh machine; does nothing where they are present.
#   - libstdc++ with GLIBCXX_3.4.32 (TorchSharp 0.107's libtorch needs GCC 13+'s runtime; Debian 12 ships GCC 12's):
#     on Debian 12, trixie is added as a low-priority apt source and only libstdc++6 is taken from it.
#   - Fashion-MNIST from Debian's dataset-fashion-mnist package (the main job's data).
#   - A TrueType font (fonts-dejavu-core) for the text in chart PNGs.
#   - Oxygen's icons (oxygen-icon-theme): transparent colour PNGs, one folder per kind, the few-shot colour task of the
#     transfer notebook and `cnnzoo bench-transfer`.
# Idempotent: safe to run before every build and test.
set -euo pipefail

log() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else log "need root for: $*"; return 1; fi; }

APT_UPDATED=0
apt_update_once() { [ "$APT_UPDATED" -eq 1 ] || { as_root apt-get update -qq; APT_UPDATED=1; }; }

libstdcxx_path() {
  ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64/ {print $NF; exit}'
}
has_glibcxx_3_4_32() {
  local lib; lib=$(libstdcxx_path)
  [ -n "$lib" ] && grep -aq 'GLIBCXX_3\.4\.32' "$lib"
}

ensure_libstdcxx() {
  [ "$(uname -s)" = Linux ] || return 0
  if has_glibcxx_3_4_32; then log "libstdc++ has GLIBCXX_3.4.32"; return 0; fi
  . /etc/os-release
  if [ "${ID:-}" != debian ] || [ "${VERSION_ID:-}" != 12 ]; then
    log "libstdc++ lacks GLIBCXX_3.4.32 on ${PRETTY_NAME:-this system}: install libstdc++ from GCC 13 or newer"; return 1
  fi
  log "adding Debian trixie (pinned low) for libstdc++6 with GLIBCXX_3.4.32"
  as_root tee /etc/apt/sources.list.d/trixie.list >/dev/null <<'LIST'
deb http://deb.debian.org/debian trixie main
LIST
  as_root tee /etc/apt/preferences.d/trixie-low >/dev/null <<'PREF'
Package: *
Pin: release n=trixie
Pin-Priority: 100
PREF
  APT_UPDATED=0; apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq -t trixie libstdc++6 >/dev/null
  has_glibcxx_3_4_32 || { log "libstdc++6 from trixie did not provide GLIBCXX_3.4.32"; return 1; }
  log "libstdc++ upgraded"
}

ensure_fashion_mnist() {
  [ -f /usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz ] && { log "Fashion-MNIST present"; return 0; }
  command -v apt-get >/dev/null || { log "no apt-get: put Fashion-MNIST IDX files in /usr/share/datasets/fashion-mnist"; return 0; }
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq dataset-fashion-mnist >/dev/null
  log "Fashion-MNIST installed"
}

ensure_fonts() {
  # Chart PNGs (OxyPlot via SkiaSharp) need a system font for their text.
  [ "$(uname -s)" = Linux ] || return 0
  ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1 && { log "fonts present"; return 0; }
  command -v apt-get >/dev/null || { log "no apt-get: install a TrueType font (DejaVu) for chart text"; return 0; }
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq fonts-dejavu-core >/dev/null
  log "fonts installed"
}

ensure_oxygen_icons() {
  [ -d /usr/share/icons/oxygen/base/64x64/devices ] && { log "Oxygen icons present"; return 0; }
  command -v apt-get >/dev/null || { log "no apt-get: the transfer notebook and bench-transfer need /usr/share/icons/oxygen (oxygen-icon-theme)"; return 0; }
  apt_update_once
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends oxygen-icon-theme >/dev/null
  log "Oxygen icons installed"
}

ensure_libstdcxx
ensure_fashion_mnist
ensure_fonts
ensure_oxygen_icons
