# The teacher's logits are computed once for the whole set outside torch.no_grad(), so they hold the teacher's graph and the second student step backpropagates through it again
# expect: teacher_logits
# also-accept: teacher
# category: autograd/backward-twice
# made-at: 41
import torch
import torch.nn as nn
import torch.nn.functional as F


class DistillConfig:
    temperature = 4.0
    alpha = 0.7
    batch_size = 32
    epochs = 2
    lr = 1e-3


def mlp(width, depth, n_in=20, n_out=6):
    layers, d = [], n_in
    for _ in range(depth):
        layers += [nn.Linear(d, width), nn.ReLU()]
        d = width
    return nn.Sequential(*layers, nn.Linear(d, n_out))


def kd_loss(student_logits, teacher_logits, labels, cfg):
    T = cfg.temperature
    soft = F.kl_div(F.log_softmax(student_logits / T, -1), F.softmax(teacher_logits / T, -1), reduction="batchmean")
    return cfg.alpha * soft * T * T + (1 - cfg.alpha) * F.cross_entropy(student_logits, labels)


torch.manual_seed(0)
cfg = DistillConfig()
teacher = mlp(width=256, depth=3)  # pretend it is trained
student = mlp(width=32, depth=1)
X = torch.randn(256, 20)
y = torch.randint(0, 6, (256,))

teacher.eval()
teacher_logits = teacher(X)  # cache: the teacher is fixed, no need to rerun it every batch

opt = torch.optim.Adam(student.parameters(), lr=cfg.lr)
for epoch in range(cfg.epochs):
    perm = torch.randperm(len(X))
    for i in range(0, len(X), cfg.batch_size):
        idx = perm[i : i + cfg.batch_size]
        loss = kd_loss(student(X[idx]), teacher_logits[idx], y[idx], cfg)
        opt.zero_grad()
        loss.backward()
        opt.step()
    print(f"epoch {epoch}: {loss.item():.4f}")

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
