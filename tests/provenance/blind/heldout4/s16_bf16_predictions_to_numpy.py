# Predictions made under bfloat16 autocast stay bfloat16 and are handed to numpy, which has no bfloat16
# expect: probs
# also-accept: model(x).softmax(-1)
# category: dtype/numpy-unsupported
# made-at: 17
import numpy as np
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset


def predict(model, loader):
    model.eval()
    outs = []
    with torch.inference_mode(), torch.autocast("cpu", dtype=torch.bfloat16):
        for (x,) in loader:
            probs = model(x).softmax(-1)
            outs.append(probs)
    return torch.cat(outs)


def roc_like_score(probs, labels):
    p = probs[:, 1].numpy()
    order = np.argsort(-p)
    return float(np.cumsum(labels.numpy()[order]).mean())


torch.manual_seed(0)
model = nn.Sequential(nn.Linear(16, 32), nn.ReLU(), nn.Linear(32, 2))
X = torch.randn(100, 16)
labels = torch.randint(0, 2, (100,))
probs = predict(model, DataLoader(TensorDataset(X), batch_size=25))
print("score", roc_like_score(probs, labels))
