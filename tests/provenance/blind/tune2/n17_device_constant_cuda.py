# The settings constant DEVICE = "cuda" is hard-coded, so moving the model fails on a machine without CUDA
# expect: DEVICE
# also-accept:
# category: device/cuda-unavailable
# made-at: 13
"""Fine-tune a small regression head on synthetic house prices."""
import torch
import torch.nn as nn
from torch.utils.data import DataLoader, TensorDataset

# ---- settings ----
SEED = 42
DEVICE = "cuda"
BATCH_SIZE = 64
EPOCHS = 3
LR = 3e-3
N_FEATURES = 8


def make_data(n=512):
    g = torch.Generator().manual_seed(SEED)
    X = torch.randn(n, N_FEATURES, generator=g)
    price = X @ torch.linspace(1, 2, N_FEATURES) + 0.3 * torch.randn(n, generator=g)
    return TensorDataset(X, price)


def build_model():
    return nn.Sequential(nn.Linear(N_FEATURES, 64), nn.SiLU(), nn.Linear(64, 64), nn.SiLU(), nn.Linear(64, 1))


def run():
    torch.manual_seed(SEED)
    loader = DataLoader(make_data(), batch_size=BATCH_SIZE, shuffle=True)
    model = build_model().to(DEVICE)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=1e-4)
    for epoch in range(EPOCHS):
        running = 0.0
        for features, price in loader:
            features, price = features.to(DEVICE), price.to(DEVICE)
            loss = nn.functional.huber_loss(model(features).squeeze(-1), price)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            running += loss.item()
        print(f"epoch {epoch + 1}: {running / len(loader):.4f}")


if __name__ == "__main__":
    run()

# raises: AssertionError: Torch not compiled with CUDA enabled
