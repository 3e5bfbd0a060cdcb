#!/usr/bin/env bash
# CnnZoo against the PyTorch peer on the same machine, back to back: per round and workload, the peer in NCHW, the peer
# in channels-last (CHANNELS_LAST=1) and `./cnnzoo bench-peer`, each a fresh process with 2 threads; then the medians
# and the ratios CnnZoo ÷ the faster PyTorch layout (`./cnnzoo bench-peer --compare`).
#   usage: bench/peer/run-peer.sh [--rounds N] [--workloads a,b,...] [--out results.jsonl] [--peer-keeps-freed-memory]
# CnnZoo keeps freed tensor memory in the process (NativeAllocator: glibc's trim threshold, top pad and mmap threshold);
# --peer-keeps-freed-memory gives the PyTorch peer the same glibc settings (GLIBC_TUNABLES), for the like-for-like figure.
# Needs ../shared beside the checkout (the peer and its workloads.json) and root for the PyTorch chroot that
# ../shared/tools/torchvision-oracle.sh builds on first use (PyTorch 2.6 from Debian 13; a few minutes).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
peers=$(cd "$root/../shared/tools/peers" && pwd)
oracle="$root/../shared/tools/torchvision-oracle.sh"
rounds=3; workloads=""; out="peer-results.jsonl"; tunables=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --workloads) workloads=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --peer-keeps-freed-memory) tunables="glibc.malloc.trim_threshold=2147483647:glibc.malloc.top_pad=67108864:glibc.malloc.mmap_threshold=33554432:glibc.malloc.mmap_max=0"; shift ;;
    *) echo "unknown argument: $1 (usage: $0 [--rounds N] [--workloads a,b] [--out FILE] [--peer-keeps-freed-memory])" >&2; exit 2 ;;
  esac
done
[ -n "$workloads" ] || workloads=$(grep -o '"name": *"[^"]*"' "$peers/workloads.json" | sed 's/.*"\([^"]*\)"$/\1/' | paste -sd, -)
: > "$out"
"$root/cnnzoo" bench-peer --help > /dev/null   # builds the benchmarks once, outside the timings
# The peer in the chroot: `env` sets its layout (the chroot starts with an empty environment); stderr is its diagnostics.
peer() { local layout=$1 label=$2; bash "$oracle" --mount "$peers" -- env GLIBC_TUNABLES="$tunables" BENCH_THREADS=2 CHANNELS_LAST="$layout" \
  python3 "$peers/pytorch_bench.py" --workload "$w" --label "$label" 2>/dev/null; }
for round in $(seq "$rounds"); do
  for w in ${workloads//,/ }; do
    echo "round $round/$rounds: $w" >&2
    peer 0 pytorch >> "$out"
    peer 1 pytorch_channels_last >> "$out"
    "$root/cnnzoo" bench-peer --workloads "$w" >> "$out"
  done
done
[ -z "$tunables" ] || echo "the peer ran with GLIBC_TUNABLES=$tunables" >&2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); records in $out" >&2
"$root/cnnzoo" bench-peer --compare "$out"
