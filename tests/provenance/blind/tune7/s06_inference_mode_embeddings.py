# The frozen encoder's embeddings are precomputed under torch.inference_mode(), so the cached tensors are inference tensors and the trainable probe cannot save them for backward
# expect: torch.inference_mode()
# category: autograd/inference-mode
# made-at: 39
# %% [markdown]
# Linear probe on frozen sentence embeddings. Encode once, then train a small head on the cache.

# %%
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

VOCAB, DIM, N_TRAIN, N_VAL, N_CLASSES = 2000, 128, 1200, 300, 4

# %%
class BagOfEmbeddingsEncoder(nn.Module):
    """Stand-in for a pretrained sentence encoder."""

    def __init__(self):
        super().__init__()
        self.emb = nn.EmbeddingBag(VOCAB, DIM, mode="mean")
        self.proj = nn.Sequential(nn.Linear(DIM, DIM), nn.GELU(), nn.Linear(DIM, DIM))

    def forward(self, token_ids):
        return F.normalize(self.proj(self.emb(token_ids)), dim=-1)


encoder = BagOfEmbeddingsEncoder().eval()
train_tokens = torch.randint(0, VOCAB, (N_TRAIN, 24))
train_labels = train_tokens[:, 0] % N_CLASSES
val_tokens = torch.randint(0, VOCAB, (N_VAL, 24))
val_labels = val_tokens[:, 0] % N_CLASSES

# %%
# encoding is the slow part: do it once, in inference mode (faster than no_grad)
train_feats, val_feats = [], []
with torch.inference_mode():
    for chunk in train_tokens.split(256):
        train_feats.append(encoder(chunk))
    for chunk in val_tokens.split(256):
        val_feats.append(encoder(chunk))
    train_X = torch.cat(train_feats)
    val_X = torch.cat(val_feats)
print(train_X.shape, val_X.shape)

# %%
probe = nn.Linear(DIM, N_CLASSES)
opt = torch.optim.SGD(probe.parameters(), lr=0.5, momentum=0.9)
batch_size = 64

for epoch in range(5):
    for i in range(0, N_TRAIN, batch_size):
        xb = train_X[i:i + batch_size]
        yb = train_labels[i:i + batch_size]
        loss = F.cross_entropy(probe(xb), yb)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        acc = (probe(val_X).argmax(1) == val_labels).float().mean().item()
    print(f"epoch {epoch}: loss {loss.item():.3f}  val acc {acc:.3f}")
