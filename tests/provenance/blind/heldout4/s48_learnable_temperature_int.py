# The learnable temperature is initialised with the integer 1, which makes an integer tensor that cannot require grad
# expect: learnable(1)
# also-accept: torch.tensor(value)
# category: dtype/requires-grad-int
# made-at: 20
import torch
import torch.nn as nn
import torch.nn.functional as F


def learnable(value):
    return nn.Parameter(torch.tensor(value))


class CLIPHead(nn.Module):
    def __init__(self, d_img=64, d_txt=48, d_joint=32):
        super().__init__()
        self.img_proj = nn.Linear(d_img, d_joint)
        self.txt_proj = nn.Linear(d_txt, d_joint)
        self.log_temp = learnable(1)

    def forward(self, img, txt):
        i = F.normalize(self.img_proj(img), dim=-1)
        t = F.normalize(self.txt_proj(txt), dim=-1)
        logits = i @ t.T * self.log_temp.exp()
        labels = torch.arange(len(img))
        return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels)) / 2


head = CLIPHead()
print(head(torch.randn(8, 64), torch.randn(8, 48)))
