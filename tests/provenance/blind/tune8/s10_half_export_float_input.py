# the exported model was converted with .half() to shrink the file, but the inference code still feeds float32 images
# expect: model.half()
# also-accept: export_model
# category: dtype/half
# made-at: 28
import os
import tempfile
import torch
import torch.nn as nn

torch.manual_seed(0)
out_dir = tempfile.mkdtemp()


class SegNet(nn.Module):
    def __init__(self, n_classes=3):
        super().__init__()
        self.enc = nn.Sequential(nn.Conv2d(3, 16, 3, padding=1), nn.ReLU(),
                                 nn.Conv2d(16, 16, 3, padding=1), nn.ReLU())
        self.cls = nn.Conv2d(16, n_classes, 1)

    def forward(self, x):
        return self.cls(self.enc(x))


def export_model(model, path):
    model = model.eval()
    model.half()
    torch.save(model.state_dict(), path)
    return model


def run_inference(model, images):
    with torch.no_grad():
        logits = model(images)
    return logits.argmax(1)


def iou(pred, target, n_classes=3):
    ious = []
    for c in range(n_classes):
        inter = ((pred == c) & (target == c)).sum().item()
        union = ((pred == c) | (target == c)).sum().item()
        if union:
            ious.append(inter / union)
    return sum(ious) / len(ious)


net = SegNet()
deployed = export_model(net, os.path.join(out_dir, "segnet_fp16.pt"))
imgs = torch.rand(2, 3, 48, 48)
masks = torch.randint(0, 3, (2, 48, 48))
pred = run_inference(deployed, imgs)
print("mIoU:", iou(pred, masks))
