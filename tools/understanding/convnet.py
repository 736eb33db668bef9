"""madmom's convolutional networks (key CNN, chord CNN) run in numpy, one matrix product per kernel tap.

madmom evaluates its convolutions with scipy, one channel pair at a time (the chord CNN took seconds
per 30 s of audio); importing torch for them cost more than the analysis itself on a cold start. Here
each convolution is a sum over the kernel's taps of (out x in) @ (in x positions) products, which BLAS
does in milliseconds with memory of one shifted copy of the input. The layers are read from madmom's
own model files, so the numbers are madmom's (checked in the tests).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import cache
from typing import Any

import numpy as np

from tools.understanding.backends import import_madmom


@dataclass(frozen=True)
class Layer:
    """One layer: ``kind`` is 'pad', 'conv', 'bn', 'pool' or 'avg'; ``params`` its arrays and sizes."""

    kind: str
    params: dict[str, Any]


@cache
def load_network(model_file: str) -> tuple[Layer, ...]:
    """The layers of a madmom CNN model file as numpy arrays (loaded once per process).

    Supports madmom's PadLayer, ConvolutionalLayer (valid, stride 1, linear), BatchNormLayer (with or
    without an activation), MaxPoolLayer and AverageLayer (the last is left to the caller)."""
    import_madmom()
    from madmom.ml.nn import NeuralNetwork
    from madmom.ml.nn.layers import AverageLayer, BatchNormLayer, ConvolutionalLayer, MaxPoolLayer, PadLayer

    net = NeuralNetwork.load(model_file)
    out: list[Layer] = []
    for layer in net.layers:
        if isinstance(layer, PadLayer):
            out.append(Layer("pad", {"width": int(layer.width), "value": float(layer.value)}))
        elif isinstance(layer, ConvolutionalLayer):
            if layer.activation_fn is not None and layer.activation_fn.__name__ != "linear":
                raise NotImplementedError(f"convolution activation {layer.activation_fn.__name__}")
            if layer.stride != 1 or layer.pad != "valid":
                raise NotImplementedError("only valid convolutions of stride 1")
            # madmom: weights (in, out, kt, kf), a true convolution: flip the kernel to correlate
            w = np.ascontiguousarray(layer.weights[:, :, ::-1, ::-1].transpose(2, 3, 1, 0), dtype=np.float32)
            bias = np.broadcast_to(np.asarray(layer.bias, np.float32), (w.shape[2],)).copy()
            out.append(Layer("conv", {"taps": w, "bias": bias}))
        elif isinstance(layer, BatchNormLayer):
            scale = (layer.gamma * layer.inv_std).astype(np.float32)
            shift = (layer.beta - layer.mean * layer.gamma * layer.inv_std).astype(np.float32)
            act = layer.activation_fn.__name__ if layer.activation_fn is not None else "linear"
            if act not in ("linear", "elu", "relu"):
                raise NotImplementedError(f"batch-norm activation {act}")
            out.append(Layer("bn", {"scale": scale, "shift": shift, "activation": act}))
        elif isinstance(layer, MaxPoolLayer):
            out.append(Layer("pool", {"size": tuple(int(s) for s in layer.size)}))
        elif isinstance(layer, AverageLayer):
            out.append(Layer("avg", {}))
        else:
            raise NotImplementedError(f"layer {type(layer).__name__}")
    return tuple(out)


def conv2d(x: np.ndarray, taps: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Valid 2-D correlation of ``x`` (channels in, time, frequency) with ``taps`` (kt, kf, out, in):
    (channels out, time - kt + 1, frequency - kf + 1), plus ``bias`` per output channel.

    The ``kf`` frequency shifts of the input are stacked once (kf x in rows); each time tap is then one
    product of (out x kf.in) weights with a strided view of that stack (a shift in time is an offset
    into each row), so ``kt`` products instead of ``kt x kf``: 1.5x faster on the chord CNN. When the
    process has already imported torch, its convolution is used instead, 3x faster again;
    torch is never imported for this (its import costs more than the chord CNN on a cold start)."""
    kt, kf, cout, _ = taps.shape
    t, f = x.shape[1] - kt + 1, x.shape[2] - kf + 1
    if t <= 0 or f <= 0:
        return np.zeros((cout, max(t, 0), max(f, 0)), np.float32)
    if "torch" in sys.modules:
        return _torch_conv2d(x, taps, bias)
    return _numpy_conv2d(x, taps, bias)


def _numpy_conv2d(x: np.ndarray, taps: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """:func:`conv2d` in numpy (frequency shifts stacked, one product per time tap)."""
    kt, kf, cout, cin = taps.shape
    big_t = x.shape[1]
    t, f = big_t - kt + 1, x.shape[2] - kf + 1
    stack = np.empty((kf, cin, big_t, f), np.float32)
    for j in range(kf):
        stack[j] = x[:, :, j : j + f]
    rows = stack.reshape(kf * cin, big_t * f)
    weights = np.ascontiguousarray(taps.transpose(0, 2, 1, 3).reshape(kt, cout, kf * cin))
    out = weights[0] @ rows[:, : t * f]
    for i in range(1, kt):
        out += weights[i] @ rows[:, i * f : i * f + t * f]
    out += bias[:, None]
    return out.reshape(cout, t, f)


def _torch_conv2d(x: np.ndarray, taps: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """:func:`conv2d` by ``torch.nn.functional.conv2d`` (torch already imported)."""
    import torch

    def tensor(a: np.ndarray) -> torch.Tensor:
        # a C-contiguous copy: numpy keeps negative strides on length-1 axes, which torch refuses
        return torch.from_numpy(np.array(a, dtype=np.float32, order="C", copy=True))

    with torch.no_grad():
        out = torch.nn.functional.conv2d(tensor(x)[None], tensor(taps.transpose(2, 3, 0, 1)), tensor(bias))
    return out[0].numpy()


def _max_pool(x: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Non-overlapping max pooling of (channels, time, frequency), the remainder dropped (madmom's)."""
    st, sf = size
    c, t, f = x.shape
    t2, f2 = t // st, f // sf
    return x[:, : t2 * st, : f2 * sf].reshape(c, t2, st, f2, sf).max(axis=(2, 4))


def feature_map(layers: tuple[Layer, ...], spectrogram: np.ndarray) -> np.ndarray:
    """The network's output before its final average (if any) for a spectrogram (frames, bands):
    (channels, time, frequency), float32."""
    x = np.asarray(spectrogram, dtype=np.float32)[None]
    for layer in layers:
        p = layer.params
        if layer.kind == "pad":
            w = p["width"]
            x = np.pad(x, ((0, 0), (w, w), (w, w)), constant_values=p["value"])
        elif layer.kind == "conv":
            x = conv2d(x, p["taps"], p["bias"])
        elif layer.kind == "bn":
            x = x * p["scale"][:, None, None] + p["shift"][:, None, None]
            if p["activation"] == "elu":
                x = np.where(x > 0, x, np.expm1(np.minimum(x, 0))).astype(np.float32)
            elif p["activation"] == "relu":
                x = np.maximum(x, 0)
        elif layer.kind == "pool":
            x = _max_pool(x, p["size"])
    return x
