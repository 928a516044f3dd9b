# The frozen encoder's features are produced under bfloat16 autocast and handed as bfloat16 to a float32 head used outside autocast
# expect: feats
# also-accept: encoder(x)
# category: dtype/mixed-matmul
# made-at: 20
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

encoder = nn.Sequential(nn.Linear(64, 128), nn.GELU(), nn.Linear(128, 128))
encoder.requires_grad_(False)
probe = nn.Linear(128, 10)
opt = torch.optim.SGD(probe.parameters(), lr=0.1)


def extract(x):
    with torch.no_grad(), torch.autocast("cpu", dtype=torch.bfloat16):
        feats = encoder(x)
    return feats


def probe_step(x, y):
    feats = extract(x)
    logits = probe(feats)
    loss = F.cross_entropy(logits, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss.item()


for step in range(5):
    x = torch.randn(32, 64)
    y = torch.randint(0, 10, (32,))
    print(step, probe_step(x, y))
