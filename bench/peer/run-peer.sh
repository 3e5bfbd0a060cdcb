#!/usr/bin/env bash
# CnnZoo against the PyTorch peer on the same machine, back to back: per round and workload, the peer in NCHW, the peer
# in channels-last (CHANNELS_LAST=1) and `./cnnzoo bench-peer`, each a fresh process with 2 threads; then the medians
# and the ratios CnnZoo ÷ the faster PyTorch layout (`./cnnzoo bench-peer --compare`).
#   usage: bench/peer/run-peer.sh [--rounds N] [--workloads a,b,...] [--out results.jsonl] [--peer-keeps-freed-memory]
#                                 [--peer-env NAME=VALUE]... [--peer-cache-sizes]
# CnnZoo keeps freed tensor memory in the process (NativeAllocator: glibc's trim threshold, top pad and mmap threshold);
# --peer-keeps-freed-memory gives the PyTorch peer the same glibc settings (GLIBC_TUNABLES, as `bench-peer
# --print-glibc-tunables` prints them), for the like-for-like figure. --peer-env sets any other variable for the peer,
# e.g. ONEDNN_MAX_CPU_ISA=AVX2 or ONEDNN_VERBOSE=1. --peer-cache-sizes runs the peer through with_onednn_cache_sizes.py,
# which gives PyTorch's oneDNN the default cache sizes that CnnZoo gives its own where the CPU hides them
# (OneDnnCacheSizes); without it, on such an AMD CPU, the peer's oneDNN plans for 1-byte caches.
# Needs ../shared beside the checkout (the peer and its workloads.json) and root for the PyTorch chroot that
# ../shared/tools/torchvision-oracle.sh builds on first use (PyTorch 2.6 from Debian 13; a few minutes).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peers=$(cd "$root/../shared/tools/peers" && pwd)
oracle="$root/../shared/tools/torchvision-oracle.sh"
rounds=3; workloads=""; out="peer-results.jsonl"; same_allocator=0; peer_env=(); peer_run=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --peer-keeps-freed-memory) same_allocator=1; shift ;;
    --peer-env) peer_env+=("$2"); shift 2 ;;
    --peer-cache-sizes) peer_run=("$root/bench/peer/with_onednn_cache_sizes.py"); shift ;;
    *) echo "unknown argument: $1 (usage: $0 [--rounds N] [--workloads a,b] [--out FILE] [--peer-keeps-freed-memory] [--peer-env NAME=VALUE]... [--peer-cache-sizes])" >&2; exit 2 ;;
  esac
done
[ -n "$workloads" ] || workloads=$(grep -o '"name": *"[^"]*"' "$peers/workloads.json" | sed 's/.*"\([^"]*\)"$/\1/' | paste -sd, -)
: > "$out"
"$root/cnnzoo" bench-peer --help > /dev/null   # builds the benchmarks once, outside the timings
[ "$same_allocator" = 0 ] || peer_env+=("GLIBC_TUNABLES=$("$root/cnnzoo" bench-peer --print-glibc-tunables)")
# The chroot bind-mounts the peer folder; a mount left from an earlier, since replaced ../shared shows an empty folder.
chroot_peers=/var/tmp/torchvision-oracle$peers
if mountpoint -q "$chroot_peers" && [ ! -e "$chroot_peers/pytorch_bench.py" ]; then umount "$chroot_peers"; fi
errors=$(mktemp); trap 'rm -f "$errors"' EXIT
peer() {
  local layout=$1 label=$2
  if ! bash "$oracle" --mount "$peers" --mount "$root/bench/peer" -- env "${peer_env[@]}" BENCH_THREADS=2 CHANNELS_LAST="$layout" \
      python3 "${peer_run[@]}" "$peers/pytorch_bench.py" --workload "$w" --label "$label" 2> "$errors"; then
    echo "the PyTorch peer failed ($w, CHANNELS_LAST=$layout):" >&2; tail -n 20 "$errors" >&2; exit 1
  fi
}
for round in $(seq "$rounds"); do
  for w in ${workloads//,/ }; do
    echo "round $round/$rounds: $w" >&2
    peer 0 pytorch >> "$out"
    peer 1 pytorch_channels_last >> "$out"
    "$root/cnnzoo" bench-peer --workloads "$w" >> "$out"
  done
done
[ ${#peer_env[@]} = 0 ] || echo "the peer ran with ${peer_env[*]}" >&2
peer_caches="the peer's oneDNN planned for 1-byte caches on an AMD CPU"; [ ${#peer_run[@]} = 0 ] || peer_caches="so did the peer's"
caches="reports its cache sizes"; [ -d /sys/devices/system/cpu/cpu0/cache ] || caches="hides its cache sizes: CnnZoo's oneDNN used its default sizes (OneDnnCacheSizes), $peer_caches"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($caches); records in $out" >&2
"$root/cnnzoo" bench-peer --compare "$out"
