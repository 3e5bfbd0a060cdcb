#!/usr/bin/env python3
"""Runs a Python script (the PyTorch peer) after giving PyTorch's oneDNN the cache sizes CnnZoo gives its own.

On a CPU whose hypervisor zeroes CPUID leaf 0x8000001D (an AMD CPU that hides its caches), oneDNN's bundled xbyak reads
1-byte caches and plans its AVX2/AVX-512 convolutions for them (see CnnZoo.Architectures/OneDnnCacheSizes.cs and
docs/architecture.md). This does what OneDnnCacheSizes does, for Debian's PyTorch, whose oneDNN is libdnnl.so: it builds
oneDNN's CPU descriptor (dnnl_get_effective_cpu_isa), finds xbyak's Cpu object in libdnnl's writable data by its layout
and CPUID words, and clears its cache levels, sizes and sharing counts, so oneDNN uses its default sizes. It prints what
it did to stderr and refuses to run the script if it finds no such object or more than one.

usage: python3 with_onednn_cache_sizes.py SCRIPT [ARGS...]
"""
import ctypes
import runpy
import sys

import numpy as np
import torch  # noqa: F401  (loads libdnnl)

# xbyak's Cpu in 32-bit words (oneDNN 3.7): type_ (2 x uint64), x2APIC_supported_, numCores_[2], dataCacheSize_[10],
# coresSharignDataCache_[10], dataCacheLevels_, avx10version_, model, family, stepping, extModel, extFamily,
# displayFamily, displayModel.
CACHE_SIZE, SHARING, LEVELS, CPUID, WORDS = 7, 17, 27, 29, 36
SMALLEST_PLAUSIBLE_CACHE = 4096


def cpuid_words():
    info = {}
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            info.setdefault(key.strip(), value.strip())
    display_family, display_model, stepping = int(info["cpu family"]), int(info["model"]), int(info["stepping"])
    family = 0xF if display_family >= 0xF else display_family
    ext_family = display_family - family
    ext_model = display_model >> 4 if family in (6, 0xF) else 0
    return [display_model & 0xF, family, stepping, ext_model, ext_family, display_family, display_model]


def writable_data(library):
    """(start, bytes) of the library's writable mappings and the anonymous mapping (.bss) right after them."""
    regions, previous_end, in_library = [], None, False
    with open("/proc/self/maps") as f:
        for line in f:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split("-"))
            path = fields[5] if len(fields) > 5 else ""
            if library in path:
                in_library = True
                if fields[1].startswith("rw"):
                    regions.append((start, end - start))
            elif in_library and not path and start == previous_end and fields[1].startswith("rw"):
                regions.append((start, end - start))
                in_library = False
            else:
                in_library = False
            previous_end = end
    return regions


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    dnnl = ctypes.CDLL("libdnnl.so.3.6")
    dnnl.dnnl_get_effective_cpu_isa()  # builds oneDNN's cpu()
    expected = np.array(cpuid_words(), dtype=np.uint32)
    found = []
    for start, length in writable_data("libdnnl.so"):
        words = np.frombuffer(ctypes.string_at(start, length), dtype=np.uint32)
        for w in np.nonzero(words == expected[5])[0] - (CPUID + 5):
            if w < 0 or w + WORDS > len(words) or (start + 4 * w) % 8:
                continue
            d = words[w:w + WORDS]
            levels = int(d[LEVELS])
            if (d[CPUID:CPUID + 7] == expected).all() and (d[0] or d[1]) and d[4] <= 1 and levels <= 10 \
                    and not d[CACHE_SIZE + levels:SHARING].any() and not d[SHARING + levels:LEVELS].any():
                found.append(start + 4 * int(w))
    if len(found) != 1:
        sys.exit(f"with_onednn_cache_sizes: found {len(found)} xbyak Cpu objects in libdnnl, expected 1")
    address = found[0]
    d = np.frombuffer(ctypes.string_at(address, 4 * WORDS), dtype=np.uint32)
    per_core = [int(d[CACHE_SIZE + i]) // max(1, int(d[SHARING + i])) for i in range(int(d[LEVELS]))]
    if any(size < SMALLEST_PLAUSIBLE_CACHE for size in per_core):
        ctypes.memset(address + 4 * CACHE_SIZE, 0, 4 * (LEVELS + 1 - CACHE_SIZE))
        print(f"with_onednn_cache_sizes: oneDNN read per-core caches of {per_core} bytes; now its defaults", file=sys.stderr)
    else:
        print(f"with_onednn_cache_sizes: oneDNN's per-core caches {per_core} bytes are plausible; unchanged", file=sys.stderr)
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
