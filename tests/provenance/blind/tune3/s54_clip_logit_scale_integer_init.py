# the learnable CLIP temperature is initialised from an integer config value, so the Parameter would be an integer tensor
# expect: cfg.logit_scale_init
# also-accept: self.logit_scale
# category: dtype/integer-parameter
# made-at: 18
from dataclasses import dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass
class CLIPConfig:
    image_dim: int = 64
    text_dim: int = 48
    embed_dim: int = 32
    logit_scale_init: int = 14


class MiniCLIP(nn.Module):
    def __init__(self, cfg: CLIPConfig):
        super().__init__()
        self.image_proj = nn.Linear(cfg.image_dim, cfg.embed_dim, bias=False)
        self.text_proj = nn.Linear(cfg.text_dim, cfg.embed_dim, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(cfg.logit_scale_init))

    def forward(self, image_feats, text_feats):
        img = F.normalize(self.image_proj(image_feats), dim=-1)
        txt = F.normalize(self.text_proj(text_feats), dim=-1)
        logits = self.logit_scale.exp() * img @ txt.t()
        labels = torch.arange(len(img))
        return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2


cfg = CLIPConfig()
model = MiniCLIP(cfg)
loss = model(torch.randn(8, cfg.image_dim), torch.randn(8, cfg.text_dim))
loss.backward()
