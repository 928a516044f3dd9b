# the frozen encoder's features are cached under torch.inference_mode(), and inference tensors cannot be saved for backward when the head trains on them
# expect: cached_feats
# category: autograd/inference-tensor
# made-at: 34
# %%
import torch
import torch.nn as nn


# %%
class Encoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(3, 16, 3, 2, 1), nn.ReLU(), nn.Conv2d(16, 32, 3, 2, 1), nn.ReLU(),
                                 nn.AdaptiveAvgPool2d(1), nn.Flatten())

    def forward(self, x):
        return self.net(x)


def extract_features(encoder, images, batch_size=32):
    encoder.eval()
    feats = []
    with torch.inference_mode():
        for i in range(0, len(images), batch_size):
            feats.append(encoder(images[i:i + batch_size]))
        return torch.cat(feats)


# %%
images = torch.randn(96, 3, 32, 32)
labels = torch.randint(0, 5, (96,))
encoder = Encoder()
cached_feats = extract_features(encoder, images)

# %%
# linear probe on the cached features
probe = nn.Linear(32, 5)
opt = torch.optim.SGD(probe.parameters(), lr=0.1)
for epoch in range(20):  # full-batch: the cached features are small
    loss = nn.functional.cross_entropy(probe(cached_feats), labels)
    opt.zero_grad()
    loss.backward()
    opt.step()

# %%
print("probe loss", loss.item())
