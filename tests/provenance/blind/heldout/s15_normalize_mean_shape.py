# Per-channel mean/std given as shape (3,) broadcast against the last (width) axis of an NCHW batch
# expect: mean
# also-accept: std
# category: shape/broadcast-mismatch
# made-at: 9
import torch

torch.manual_seed(0)
mean = torch.tensor([0.485, 0.456, 0.406])
std = torch.tensor([0.229, 0.224, 0.225])


def normalize(batch):
    return (batch - mean) / std


images = torch.rand(16, 3, 224, 224)
images = normalize(images)
print(images.mean())

# raises: RuntimeError: The size of tensor a (224) must match the size of tensor b (3) at non-singleton dimension 3
