# The frozen backbone's embeddings are cached under torch.inference_mode(), and inference tensors cannot be saved for the trainable head's backward
# expect: with torch.inference_mode():
# category: autograd/inference-mode
# made-at: 20
import torch
import torch.nn as nn


def build_backbone():
    return nn.Sequential(
        nn.Conv1d(3, 32, 7, stride=2, padding=3), nn.ReLU(),
        nn.Conv1d(32, 64, 5, stride=2, padding=2), nn.ReLU(),
        nn.AdaptiveAvgPool1d(1), nn.Flatten(),
    )


def cache_embeddings(backbone, x, batch_size=64):
    backbone.eval()
    out = []
    with torch.inference_mode():
        for i in range(0, len(x), batch_size):
            out.append(backbone(x[i:i + batch_size]))
        emb = torch.cat(out)
    return emb


def linear_probe(emb, y, n_classes, epochs=20, lr=0.1):
    probe = nn.Linear(emb.shape[1], n_classes)
    opt = torch.optim.SGD(probe.parameters(), lr=lr)
    for epoch in range(epochs):
        logits = probe(emb)
        loss = nn.functional.cross_entropy(logits, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return probe, loss.item()


if __name__ == "__main__":
    torch.manual_seed(0)
    train_x = torch.randn(300, 3, 128)
    train_y = torch.randint(0, 6, (300,))
    backbone = build_backbone()
    for p in backbone.parameters():
        p.requires_grad_(False)
    emb = cache_embeddings(backbone, train_x)
    probe, final = linear_probe(emb, train_y, n_classes=6)
    print("probe loss", final)
