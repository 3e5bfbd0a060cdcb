#!/usr/bin/env python3
"""Generate the PyTorch .pth fixtures for the CnnZoo.Architectures .pth reader tests (WeightsPthTests.cs).

Every file is written by the real torch.save (zip format unless noted), small enough to commit (~100 KB in all):

  tiny.pth              state_dict of a tiny conv/bn/linear net, deterministic values   → expected in tiny.json
  dtypes.pth            dict of float32/float16/bfloat16/float64/int64/int32/uint8/bool tensors, plus a transpose,
                        a slice with a storage offset, a strided slice, an expand (stride 0), a 0-d scalar, an empty
                        tensor and two keys sharing one tensor                        → expected in dtypes.json
  checkpoint.pth        {'epoch', 'arch', 'state_dict': tiny, 'optimizer': SGD state, 'best_acc1'}
  model_checkpoint.pth  {'model': tiny, 'epoch'}
  resnet18_expanded.pth torchvision.models.resnet18()'s full state_dict (every key, shape and dtype), each tensor
                        an expand of a vector along its last dim so the file stays a few KB: the vector is
                        gen_golden.fill_value(key, [last_dim]) (mirrored by GoldenFill.Values in C#);
                        num_batches_tracked is 7
  malicious_system.pth  a state_dict whose pickle calls os.system('touch /tmp/cnnzoo-pth-pwned') when unpickled
  malicious_eval.pth    a pickle whose top object calls builtins.eval(...) with the same command
  not_a_state_dict.pth  {'epoch': 3, 'lr': 0.1, 'note': ...}: a dict without tensors
  list.pth              [tensor]: not a dict at all
  legacy.pth            tiny's state_dict in the pre-1.6 (non-zip) format, which the reader refuses

How to rerun (needs root; the chroot holds Debian 13's torch 2.6 + torchvision 0.21):

    bash /work/shared/tools/torchvision-oracle.sh --mount /work/wt-pth -- \\
        python3 /work/wt-pth/tests/CnnZoo.Architectures.Tests/Fixtures/pth/gen_pth.py

Deterministic: no random numbers; rerunning rewrites identical tensors (zip timestamps aside).
"""

import json
import os
import sys
from collections import OrderedDict

import torch
import torch.nn as nn
import torchvision

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from gen_golden import fill_value  # noqa: E402  (the same closed-form fill the logits fixtures use)

PWNED = "/tmp/cnnzoo-pth-pwned"


def out(name):
    return os.path.join(HERE, name)


def describe(tensors):
    """key → dtype, shape and the values in row-major order (exact: float16/bfloat16/float32 are exact in float64)."""
    result = OrderedDict()
    for key, t in tensors.items():
        values = t.double() if t.is_floating_point() else t.long()
        result[key] = {
            "dtype": str(t.dtype).replace("torch.", ""),
            "shape": list(t.shape),
            "values": values.reshape(-1).tolist(),
        }
    return result


def write_json(name, payload):
    with open(out(name), "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 2, 1, bias=False)
        self.fc = nn.Linear(8, 3)


def tiny_state_dict():
    model = Tiny()
    with torch.no_grad():
        for i, (key, t) in enumerate(model.state_dict().items()):
            if t.dtype == torch.int64:
                t.fill_(11 + i)
            else:
                n = t.numel()
                t.copy_((torch.arange(n, dtype=torch.float64) * 0.37 + i).sin().reshape(t.shape))
    return model.state_dict()


def dtype_tensors():
    base = torch.arange(12, dtype=torch.float32).reshape(3, 4) / 8
    long_storage = torch.arange(20, dtype=torch.float32) * 0.5
    grid = torch.arange(24, dtype=torch.float32).reshape(4, 6)
    shared = torch.tensor([0.25, -1.5, 3.0])
    return OrderedDict([
        ("f32", torch.tensor([[1.5, -2.25, 3.0], [0.1, 1e-8, -7e5]], dtype=torch.float32)),
        ("f16", torch.tensor([0.5, -1.0, 65504.0, 6.1e-5, 0.333], dtype=torch.float16)),
        ("bf16", torch.tensor([[1.0, -0.0078125], [3.0e38, 0.1]], dtype=torch.bfloat16)),
        ("f64", torch.tensor([0.1, -1e300, 2.5], dtype=torch.float64)),
        ("i64", torch.tensor([2**62 + 3, -5, 0], dtype=torch.int64)),
        ("i32", torch.tensor([2**31 - 1, -2**31], dtype=torch.int32)),
        ("u8", torch.tensor([0, 255, 7], dtype=torch.uint8)),
        ("bool", torch.tensor([True, False, True])),
        ("transposed", base.t()),                     # stride (1, 4)
        ("sliced", long_storage[5:11].view(2, 3)),    # storage of 20, offset 5
        ("strided", grid[::2, 1::2]),                  # stride (12, 2), offset 1
        ("expanded", torch.tensor([1.0, 2.0, 3.0]).expand(2, 3)),  # stride (0, 1)
        ("scalar", torch.tensor(3.5)),
        ("empty", torch.zeros(0, 3)),
        ("tied_a", shared),
        ("tied_b", shared),
    ])


def resnet18_expanded():
    state = torchvision.models.resnet18(weights=None).state_dict()
    result = OrderedDict()
    for key, t in state.items():
        if key.endswith("num_batches_tracked"):
            result[key] = torch.tensor(7, dtype=torch.int64)
            continue
        vector = torch.from_numpy(fill_value(key, [t.shape[-1]])).to(torch.float32)
        result[key] = vector.expand(t.shape)
    return result


class RunsShellCommand:
    def __reduce__(self):
        return (os.system, ("touch " + PWNED,))


class RunsEval:
    def __reduce__(self):
        return (eval, ("__import__('os').system('touch " + PWNED + "')",))


def main():
    tiny = tiny_state_dict()
    torch.save(tiny, out("tiny.pth"))
    write_json("tiny.json", describe(tiny))

    tensors = dtype_tensors()
    torch.save(tensors, out("dtypes.pth"))
    write_json("dtypes.json", describe(tensors))

    model = Tiny()
    model.load_state_dict(tiny)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    sum(p.sum() for p in model.parameters()).backward()
    optimizer.step()
    torch.save({"epoch": 7, "arch": "tiny", "state_dict": tiny, "optimizer": optimizer.state_dict(), "best_acc1": 0.75},
               out("checkpoint.pth"))
    torch.save({"model": tiny, "epoch": 3}, out("model_checkpoint.pth"))

    torch.save(resnet18_expanded(), out("resnet18_expanded.pth"))

    torch.save(OrderedDict([("conv1.weight", tiny["conv1.weight"]), ("evil", RunsShellCommand())]), out("malicious_system.pth"))
    torch.save(RunsEval(), out("malicious_eval.pth"))
    torch.save({"epoch": 3, "lr": 0.1, "note": "no tensors here"}, out("not_a_state_dict.pth"))
    torch.save([torch.zeros(2)], out("list.pth"))
    torch.save(tiny, out("legacy.pth"), _use_new_zipfile_serialization=False)

    # The malicious fixtures must refuse in C# *and* really be dangerous: check torch.load would run them.
    for name in ("malicious_system.pth", "malicious_eval.pth"):
        if os.path.exists(PWNED):
            os.remove(PWNED)
        torch.load(out(name), weights_only=False)
        assert os.path.exists(PWNED), f"{name} did not run its command under torch.load(weights_only=False)"
        os.remove(PWNED)
    print("wrote", sorted(f for f in os.listdir(HERE) if f.endswith((".pth", ".json"))))


if __name__ == "__main__":
    main()
