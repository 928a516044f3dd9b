# The student forward pass was put inside the same torch.no_grad() block as the teacher's, so the distillation loss has no grad_fn
# expect: with torch.no_grad():
# also-accept: student(x)
# category: autograd/no-grad
# made-at: 47
"""Knowledge distillation: a small student mimics a frozen teacher (Hinton et al. loss)."""
from types import SimpleNamespace

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(0)
cfg = SimpleNamespace(in_dim=64, num_classes=10, T=4.0, alpha=0.7, batch_size=64, epochs=2, lr=1e-3)


def mlp(in_dim, widths, out_dim):
    layers, d = [], in_dim
    for w in widths:
        layers += [nn.Linear(d, w), nn.ReLU()]
        d = w
    return nn.Sequential(*layers, nn.Linear(d, out_dim))


teacher = mlp(cfg.in_dim, [512, 512], cfg.num_classes).eval()
student = mlp(cfg.in_dim, [64], cfg.num_classes)
for p in teacher.parameters():
    p.requires_grad_(False)

X = torch.randn(2048, cfg.in_dim)
Y = torch.randint(0, cfg.num_classes, (2048,))
loader = DataLoader(TensorDataset(X, Y), batch_size=cfg.batch_size, shuffle=True)
optimizer = torch.optim.Adam(student.parameters(), lr=cfg.lr)


def distillation_loss(student_logits, teacher_logits, labels, T, alpha):
    soft = F.kl_div(F.log_softmax(student_logits / T, dim=1), F.softmax(teacher_logits / T, dim=1),
                    reduction="batchmean") * (T * T)
    hard = F.cross_entropy(student_logits, labels)
    return alpha * soft + (1 - alpha) * hard


def train_one_epoch(epoch):
    student.train()
    for step, (x, y) in enumerate(loader):
        with torch.no_grad():
            teacher_logits = teacher(x)
            student_logits = student(x)
        loss = distillation_loss(student_logits, teacher_logits, y, cfg.T, cfg.alpha)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        if step % 10 == 0:
            print(f"epoch {epoch} step {step}: loss {loss.item():.4f}")


for epoch in range(cfg.epochs):
    train_one_epoch(epoch)
