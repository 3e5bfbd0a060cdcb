#!/usr/bin/env python3
"""Generate golden fixtures from torchvision for the CnnZoo.MLNet architecture tests.

Writes, next to this script:

  torchvision_state_dict_keys.json
      For each torchvision constructor (weights=None) the ordered list of state_dict entries as
      [key, shape, dtype] plus "num_params" (sum of numel over model.parameters()).

  torchvision_golden_logits.json
      Reference logits, shape [2, 1000], for a few models whose every state_dict tensor is filled
      with a deterministic closed-form formula (see fill_value below) and fed a deterministic input
      (see make_input below). The C# side reimplements both formulas, loads the same values into
      its own implementation and compares logits.

How to rerun (needs root; the chroot holds Debian 13's torch 2.6 + torchvision 0.21 + numpy):

    bash /work/shared/tools/torchvision-oracle.sh --mount /work/main -- \
        python3 /work/main/tests/CnnZoo.Architectures.Tests/Fixtures/gen_golden.py

The script is deterministic: rerunning it with the same torch/torchvision versions reproduces the
key file exactly and the logits up to CPU floating point reduction order (threads fixed to 2).
"""

import json
import math
import os

import numpy as np
import torch
import torchvision
from torchvision import models as tvm

HERE = os.path.dirname(os.path.abspath(__file__))
KEYS_PATH = os.path.join(HERE, "torchvision_state_dict_keys.json")
LOGITS_PATH = os.path.join(HERE, "torchvision_golden_logits.json")

INPUT_SHAPE = [2, 3, 112, 112]

# ---------------------------------------------------------------------------------------------
# Model constructors. All use weights=None (random init; only the structure matters for keys, and
# the logits fixtures overwrite every tensor anyway).
# ---------------------------------------------------------------------------------------------
KEY_MODELS = {
    "alexnet": lambda: tvm.alexnet(weights=None),
    "vgg11": lambda: tvm.vgg11(weights=None),
    "vgg13": lambda: tvm.vgg13(weights=None),
    "vgg16": lambda: tvm.vgg16(weights=None),
    "vgg19": lambda: tvm.vgg19(weights=None),
    "vgg11_bn": lambda: tvm.vgg11_bn(weights=None),
    "vgg13_bn": lambda: tvm.vgg13_bn(weights=None),
    "vgg16_bn": lambda: tvm.vgg16_bn(weights=None),
    "vgg19_bn": lambda: tvm.vgg19_bn(weights=None),
    "resnet18": lambda: tvm.resnet18(weights=None),
    "resnet34": lambda: tvm.resnet34(weights=None),
    "resnet50": lambda: tvm.resnet50(weights=None),
    "resnet101": lambda: tvm.resnet101(weights=None),
    "resnet152": lambda: tvm.resnet152(weights=None),
    "googlenet": lambda: tvm.googlenet(weights=None, aux_logits=False, init_weights=False),
    "googlenet_aux": lambda: tvm.googlenet(weights=None, aux_logits=True, init_weights=False),
}

# Expected number of state_dict entries per model (guards against torchvision drift).
EXPECTED_ENTRY_COUNTS = {
    "alexnet": 16, "vgg11": 22, "vgg13": 26, "vgg16": 32, "vgg19": 38,
    "vgg11_bn": 62, "vgg13_bn": 76, "vgg16_bn": 97, "vgg19_bn": 118,
    "googlenet": 344, "googlenet_aux": 364,
    "resnet18": 122, "resnet34": 218, "resnet50": 320, "resnet101": 626, "resnet152": 932,
}

LOGIT_MODELS = {
    "resnet18": lambda: tvm.resnet18(weights=None),
    "resnet50": lambda: tvm.resnet50(weights=None),
    "vgg11_bn": lambda: tvm.vgg11_bn(weights=None),
    "googlenet": lambda: tvm.googlenet(weights=None, aux_logits=False, init_weights=False,
                                       transform_input=False),
    "alexnet": lambda: tvm.alexnet(weights=None),
}

# The conv trunk's output is recorded too (every `step`-th element of the flattened output, TRUNK_SAMPLES of them), so a
# bug in the convolutions cannot hide behind a classifier head that dominates the logits.
TRUNK = {"resnet18": "layer4", "resnet50": "layer4", "vgg11_bn": "features", "googlenet": "inception5b", "alexnet": "features"}
TRUNK_SAMPLES = 512

FORMULA = (
    "For state_dict key K, shape S, numel n, row-major flat index i: h = (sum of UTF-8 bytes of K) % 1000; "
    "u = ((i*2654435761 + h*40503) mod 2^32) / 2^32 (exact integer arithmetic), base = 2u - 1 in float64; value = 0 (int64) if K ends with 'num_batches_tracked'; "
    "0.5 + 0.25*(base + 1) if K ends with 'running_var'; 0.1*base if K ends with 'running_mean'; "
    "base*2/sqrt(fan_in) with fan_in = n/S[0] if len(S) >= 2; 1 + 0.1*base if K ends with '.weight' (1-D); "
    "else 0.05*base; cast to float32 at the end. "
    "Input x of shape [2,3,112,112], row-major flat index j: x_j = sin(0.013*j) in float64, cast to float32. "
    "Model in eval(), torch.no_grad(), torch.set_num_threads(2), float32."
)


def dtype_name(t: torch.Tensor) -> str:
    """torch.float32 -> 'float32', torch.int64 -> 'int64'."""
    return str(t.dtype).replace("torch.", "")


def fill_value(key: str, shape) -> np.ndarray:
    """Deterministic contents for one state_dict entry (see FORMULA; the C# side mirrors this).

    All arithmetic is float64 in exactly this order; the result is cast to float32 at the end
    (except num_batches_tracked, which stays int64 and is 0).
    """
    shape = list(shape)
    n = int(np.prod(shape, dtype=np.int64)) if shape else 1
    if key.endswith("num_batches_tracked"):
        return np.zeros(shape, dtype=np.int64)
    h = sum(key.encode("utf-8")) % 1000
    # Integer hash, exact in any language: full-rank, decorrelated fills (a sine of the index makes every matrix rank 2).
    i = np.arange(n, dtype=np.int64)
    u = ((i * 2654435761 + h * 40503) % (1 << 32)).astype(np.float64) / float(1 << 32)
    base = 2.0 * u - 1.0
    if key.endswith("running_var"):
        v = 0.5 + 0.25 * (base + 1.0)
    elif key.endswith("running_mean"):
        v = 0.1 * base
    elif len(shape) >= 2:
        fan_in = n / shape[0]  # product of all dims but the first (float division, exact here)
        v = base * 2.0 / math.sqrt(fan_in)
    elif key.endswith(".weight"):
        v = 1.0 + 0.1 * base  # 1-D weight = BatchNorm gamma
    else:
        v = 0.05 * base  # biases, BatchNorm beta
    return v.astype(np.float32).reshape(shape)


def make_input() -> torch.Tensor:
    """x_j = sin(0.013 * j) over the row-major flat index j, float64 then cast to float32."""
    n = int(np.prod(INPUT_SHAPE))
    j = np.arange(n, dtype=np.float64)
    return torch.from_numpy(np.sin(0.013 * j).astype(np.float32).reshape(INPUT_SHAPE))


def gen_keys() -> dict:
    out = {"torch": torch.__version__, "torchvision": torchvision.__version__, "models": {}}
    for name, ctor in KEY_MODELS.items():
        torch.manual_seed(0)
        model = ctor()
        sd = model.state_dict()
        entries = [[k, list(v.shape), dtype_name(v)] for k, v in sd.items()]
        assert len(entries) == EXPECTED_ENTRY_COUNTS[name], (
            f"{name}: {len(entries)} state_dict entries, expected {EXPECTED_ENTRY_COUNTS[name]}")
        num_params = sum(p.numel() for p in model.parameters())
        out["models"][name] = {"num_params": num_params, "state_dict": entries}
        print(f"keys  {name:14s} entries={len(entries):4d} num_params={num_params}")
    return out


def gen_logits() -> dict:
    out = {
        "torch": torch.__version__,
        "torchvision": torchvision.__version__,
        "input_shape": INPUT_SHAPE,
        "formula": FORMULA,
        "models": {},
    }
    x = make_input()
    for name, ctor in LOGIT_MODELS.items():
        torch.manual_seed(0)
        model = ctor()
        sd = model.state_dict()
        new_sd = {}
        for k, v in sd.items():
            arr = fill_value(k, v.shape)
            t = torch.from_numpy(arr)
            assert t.dtype == v.dtype, f"{name}/{k}: dtype {t.dtype} vs {v.dtype}"
            new_sd[k] = t
        model.load_state_dict(new_sd, strict=True)  # every entry overwritten
        model.eval()
        captured = {}
        trunk_module = dict(model.named_modules())[TRUNK[name]]
        handle = trunk_module.register_forward_hook(lambda m, i, o: captured.__setitem__("trunk", o.detach().clone()))
        with torch.no_grad():
            y = model(x)
        handle.remove()
        trunk = captured["trunk"]
        flat = trunk.reshape(-1)
        step = max(1, flat.numel() // TRUNK_SAMPLES)
        trunk_sample = [float(v) for v in flat[::step][:TRUNK_SAMPLES]]
        assert isinstance(y, torch.Tensor), f"{name}: output is {type(y)}"
        assert tuple(y.shape) == (2, 1000), f"{name}: logits shape {tuple(y.shape)}"
        assert y.dtype == torch.float32
        assert torch.isfinite(y).all(), f"{name}: non-finite logits"
        max_abs = float(y.abs().max())
        flag = ""
        if max_abs > 1e4:
            flag = "  <-- WARNING: logits blow up (> 1e4)"
        elif max_abs < 1e-3:
            flag = "  <-- WARNING: logits vanish (< 1e-3)"
        first3 = [float(v) for v in y[0, :3]]
        print(f"logits {name:10s} max|y|={max_abs:.6g} row0[:3]={first3}{flag}")
        # float() of each float32 value gives the exact float64; json repr round-trips it.
        out["models"][name] = {"logits": [[float(v) for v in row] for row in y.tolist()],
                               "trunk": {"module": TRUNK[name], "shape": list(trunk.shape), "step": step, "sample": trunk_sample}}
    return out


def write_keys(data: dict, path: str) -> None:
    """Compact-ish JSON: one state_dict entry per line."""
    lines = ["{",
             f'  "torch": {json.dumps(data["torch"])},',
             f'  "torchvision": {json.dumps(data["torchvision"])},',
             '  "models": {']
    names = list(data["models"])
    for mi, name in enumerate(names):
        m = data["models"][name]
        lines.append(f"    {json.dumps(name)}: {{")
        lines.append(f'      "num_params": {m["num_params"]},')
        lines.append('      "state_dict": [')
        sd = m["state_dict"]
        for ei, e in enumerate(sd):
            lines.append("        " + json.dumps(e, separators=(", ", ": ")) + ("," if ei < len(sd) - 1 else ""))
        lines.append("      ]")
        lines.append("    }" + ("," if mi < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == data  # sanity: the hand-formatted text parses back identically
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def write_logits(data: dict, path: str) -> None:
    """One logits row per line."""
    lines = ["{",
             f'  "torch": {json.dumps(data["torch"])},',
             f'  "torchvision": {json.dumps(data["torchvision"])},',
             f'  "input_shape": {json.dumps(data["input_shape"])},',
             f'  "formula": {json.dumps(data["formula"])},',
             '  "models": {']
    names = list(data["models"])
    for mi, name in enumerate(names):
        rows = data["models"][name]["logits"]
        lines.append(f"    {json.dumps(name)}: {{")
        lines.append('      "logits": [')
        for ri, row in enumerate(rows):
            lines.append("        " + json.dumps(row) + ("," if ri < len(rows) - 1 else ""))
        lines.append("      ],")
        lines.append('      "trunk": ' + json.dumps(data["models"][name]["trunk"]))
        lines.append("    }" + ("," if mi < len(names) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    assert json.loads(text) == data
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main() -> None:
    torch.set_num_threads(2)
    torch.set_default_dtype(torch.float32)
    print(f"torch {torch.__version__}, torchvision {torchvision.__version__}, numpy {np.__version__}")
    write_keys(gen_keys(), KEYS_PATH)
    write_logits(gen_logits(), LOGITS_PATH)
    for p in (KEYS_PATH, LOGITS_PATH):
        print(f"wrote {p} ({os.path.getsize(p)} bytes)")


if __name__ == "__main__":
    main()
