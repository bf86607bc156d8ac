"""A head trained on frozen encoder features (softmax regression, or one hidden layer before it): small,
deterministic, calibrated."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from pipeline.errors import ModelMissing

SEED = 13
EPOCHS = 300
DROPOUT = 0.2  # on the features, for a head with a hidden layer


@dataclass
class Head:
    weights: np.ndarray  # (features or hidden units, classes)
    bias: np.ndarray  # (classes,)
    temperature: float = 1.0
    hidden_weights: np.ndarray | None = None  # (features, hidden units): a ReLU layer before the softmax
    hidden_bias: np.ndarray | None = None
    weight_decay: float = 0.0
    dev_macro_f1: float | None = None  # set by model selection
    cv_macro_f1: float | None = None

    @property
    def hidden(self) -> int:
        return 0 if self.hidden_weights is None else self.hidden_weights.shape[1]

    def logits(self, features: np.ndarray) -> np.ndarray:
        if self.hidden_weights is not None:
            features = np.maximum(features @ self.hidden_weights + self.hidden_bias, 0.0)
        return features @ self.weights + self.bias

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        scaled = self.logits(features) / self.temperature
        scaled -= scaled.max(1, keepdims=True)
        exp = np.exp(scaled)
        return exp / exp.sum(1, keepdims=True)


@dataclass
class Ensemble:
    """Heads trained alike from different seeds, their probabilities averaged. One seed's head can decide a rare
    construction by chance: the side chooser's hand-written cases flipped between seeds 13, 14 and 15."""

    members: list[Head]

    @property
    def hidden(self) -> int:
        return self.members[0].hidden

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return np.mean([member.probabilities(features) for member in self.members], axis=0)


def input_dropout(rate: float, seed: int):
    """Dropout on the features, its masks drawn by numpy from raw bytes (so the rate is rounded to 1/256): torch's
    own CPU sampler took two thirds of a hidden head's training time here (0.12 s of 0.17 s an epoch on 4,600
    claims of 1,560 features; this takes about 0.03 s)."""
    import torch

    rng = np.random.default_rng(seed)
    threshold = round((1 - rate) * 256)
    scale = 256 / threshold

    class InputDropout(torch.nn.Module):
        scaled: tuple = (None, None)  # training is full-batch: the same features every epoch, scaled once

        def forward(self, x):  # the head is only ever run in training: `Head` applies the weights with numpy
            if self.scaled[0] is not x:
                self.scaled = (x, x * scale)
            kept = np.frombuffer(rng.bytes(x.numel()), dtype=np.uint8).reshape(tuple(x.shape)) < threshold
            return torch.where(torch.from_numpy(kept), self.scaled[1], 0.0)

    return InputDropout()


def train_head(features: np.ndarray, labels: np.ndarray, *, classes: int, weight_decay: float,
               hidden: int = 0, seed: int = SEED) -> Head:
    """Full-batch Adam on class-weighted cross-entropy, fixed seed, deterministic on CPU. ``hidden`` > 0 puts a
    ReLU layer of that many units (with dropout on its input) before the softmax."""
    import torch

    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    x = torch.tensor(features, dtype=torch.float32)
    y = torch.tensor(labels, dtype=torch.long)
    counts = torch.bincount(y, minlength=classes).float()
    class_weights = torch.where(counts > 0, counts.sum() / (classes * counts.clamp(min=1)), torch.zeros_like(counts))
    if hidden:
        first = torch.nn.Linear(x.shape[1], hidden)
        linear = torch.nn.Linear(hidden, classes)
        net = torch.nn.Sequential(input_dropout(DROPOUT, seed), first, torch.nn.ReLU(), linear)
    else:
        linear = net = torch.nn.Linear(x.shape[1], classes)
    optimizer = torch.optim.Adam(net.parameters(), lr=0.003 if hidden else 0.01, weight_decay=weight_decay)
    loss_fn = torch.nn.CrossEntropyLoss(weight=class_weights)
    with torch.enable_grad():
        for _ in range(EPOCHS):
            optimizer.zero_grad()
            loss = loss_fn(net(x), y)
            loss.backward()
            optimizer.step()
    head = Head(linear.weight.detach().numpy().T.copy(), linear.bias.detach().numpy().copy(),
                weight_decay=weight_decay)
    if hidden:
        head.hidden_weights = first.weight.detach().numpy().T.copy()
        head.hidden_bias = first.bias.detach().numpy().copy()
    return head


def fit_temperature(head: Head, features: np.ndarray, labels: np.ndarray) -> float:
    """The temperature that minimises negative log-likelihood on held-out data (grid search: deterministic)."""
    logits = head.logits(features)
    best, best_nll = 1.0, np.inf
    for temperature in np.linspace(0.3, 5.0, 95):
        scaled = logits / temperature
        scaled -= scaled.max(1, keepdims=True)
        log_probs = scaled - np.log(np.exp(scaled).sum(1, keepdims=True))
        nll = -log_probs[np.arange(len(labels)), labels].mean()
        if nll < best_nll:
            best, best_nll = float(temperature), nll
    return best


def head_tensors(head: Head, prefix: str = "") -> dict[str, np.ndarray]:
    tensors = {f"{prefix}weights": head.weights, f"{prefix}bias": head.bias}
    if head.hidden:
        tensors |= {f"{prefix}hidden.weights": head.hidden_weights, f"{prefix}hidden.bias": head.hidden_bias}
    return tensors


def head_from(tensors: dict[str, np.ndarray], prefix: str = "", temperature: float = 1.0) -> Head:
    return Head(tensors[f"{prefix}weights"], tensors[f"{prefix}bias"], temperature,
                tensors.get(f"{prefix}hidden.weights"), tensors.get(f"{prefix}hidden.bias"))


def write_heads(folder: Path, tensors: dict[str, np.ndarray], config: dict, *, weights_file: str,
                config_file: str) -> None:
    """A model folder of trained heads: their weights as safetensors, beside a JSON config."""
    from safetensors.numpy import save_file

    folder.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / weights_file))
    (folder / config_file).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")


def read_heads(folder: Path, *, weights_file: str, config_file: str, missing: str) -> tuple[dict, dict]:
    """The weights and config ``write_heads`` wrote; ``missing`` says how to rebuild a folder that lacks them."""
    from safetensors.numpy import load_file

    if not (folder / weights_file).exists() or not (folder / config_file).exists():
        raise ModelMissing(str(folder), missing)
    return load_file(str(folder / weights_file)), json.loads((folder / config_file).read_text(encoding="utf-8"))
