# Features computed under CPU autocast come out bfloat16 and are matmul'ed with a float32 prototype matrix outside autocast
# expect: feats
# also-accept: prototypes
# category: dtype/autocast-mismatch
# made-at: 15
import torch
import torch.nn as nn

torch.manual_seed(0)
backbone = nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 64), nn.ReLU(), nn.Linear(64, 32))
prototypes = torch.randn(10, 32)

images = torch.rand(4, 3, 16, 16)
with torch.autocast(device_type="cpu", dtype=torch.bfloat16):
    feats = backbone(images)

scores = feats @ prototypes.t()
print(scores.argmax(dim=1))

# raises: RuntimeError: expected m1 and m2 to have the same dtype, but got: c10::BFloat16 != float
