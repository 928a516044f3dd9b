# The freeze loop iterates over model.parameters() instead of model.backbone.parameters(), freezing the new head too
# expect: model.parameters()
# also-accept: param.requires_grad
# category: autograd/no-grad-fn
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)


class PretrainedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = nn.Sequential(nn.Conv2d(3, 16, 3), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.head = nn.Linear(16, 1000)


model = PretrainedNet()
model.head = nn.Linear(16, 4)
for param in model.parameters():
    param.requires_grad = False

optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
images = torch.rand(4, 3, 32, 32)
labels = torch.randint(0, 4, (4,))
logits = model.head(model.backbone(images))
loss = nn.functional.cross_entropy(logits, labels)
loss.backward()
optimizer.step()

model.eval()
correct = total = 0
with torch.no_grad():
    for _ in range(3):
        val_images = torch.rand(8, 3, 32, 32)
        val_labels = torch.randint(0, 4, (8,))
        preds = model.head(model.backbone(val_images)).argmax(1)
        correct += (preds == val_labels).sum().item()
        total += len(val_labels)
print(f"val acc: {correct / total:.3f}")
torch.save(model.head.state_dict(), "/tmp/blind_head_only.pt")

# raises: RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
