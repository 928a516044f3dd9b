# The YAML schedule lists two milestones for two chained schedulers (warmup then cosine), but SequentialLR needs exactly one milestone per switch
# expect: milestones: [500, 10000]
# also-accept: milestones=sched_cfg["milestones"]
# category: optimizer/scheduler-config
# made-at: 22
import yaml
import torch
import torch.nn as nn
from torch.optim.lr_scheduler import CosineAnnealingLR, LinearLR, SequentialLR

CFG_TEXT = """
model:
  in_dim: 16
  hidden: 64
optim:
  name: adamw
  lr: 0.001
  weight_decay: 0.05
schedule:
  warmup_steps: 500
  total_steps: 10000
  milestones: [500, 10000]
  min_lr: 0.00001
"""


def build_optimizer(model, ocfg):
    decay, no_decay = [], []
    for name, p in model.named_parameters():
        (no_decay if name.endswith("bias") else decay).append(p)
    groups = [{"params": decay, "weight_decay": ocfg["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=ocfg["lr"])


def build_scheduler(opt, sched_cfg):
    warmup = LinearLR(opt, start_factor=0.01, total_iters=sched_cfg["warmup_steps"])
    cosine = CosineAnnealingLR(opt, T_max=sched_cfg["total_steps"] - sched_cfg["warmup_steps"], eta_min=sched_cfg["min_lr"])
    return SequentialLR(
        opt,
        schedulers=[warmup, cosine],
        milestones=sched_cfg["milestones"],
    )


def main():
    cfg = yaml.safe_load(CFG_TEXT)
    torch.manual_seed(0)
    m = cfg["model"]
    model = nn.Sequential(nn.Linear(m["in_dim"], m["hidden"]), nn.ReLU(), nn.Linear(m["hidden"], 1))
    opt = build_optimizer(model, cfg["optim"])
    sched = build_scheduler(opt, cfg["schedule"])
    for step in range(20):
        x = torch.randn(32, m["in_dim"])
        loss = model(x).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()


if __name__ == "__main__":
    main()
