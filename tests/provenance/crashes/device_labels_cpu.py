# Logits on the accelerator (meta), labels left on the CPU.
# expect: labels
# category: device/tensor-mismatch
# roles: target
# message: device
import torch
import torch.nn.functional as F

logits = torch.randn(4, 3, device="meta")
labels = torch.tensor([0, 1, 2, 1])
loss = F.nll_loss(logits, labels)
