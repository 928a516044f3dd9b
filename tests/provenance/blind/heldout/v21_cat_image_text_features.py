# Multimodal fusion concatenates image features (B,128) with text features pooled over the wrong dim (T,64)
# expect: txt_feat
# category: shape/concat-mismatch
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)


class Fusion(nn.Module):
    def __init__(self):
        super().__init__()
        self.img_enc = nn.Sequential(nn.Flatten(), nn.Linear(3 * 16 * 16, 128))
        self.txt_emb = nn.Embedding(300, 64)
        self.cls = nn.Linear(128 + 64, 2)

    def forward(self, images, tokens):
        img_feat = self.img_enc(images)
        txt_tokens = self.txt_emb(tokens)
        txt_feat = txt_tokens.mean(dim=0)
        fused = torch.cat([img_feat, txt_feat], dim=1)
        return self.cls(fused)


model = Fusion()
out = model(torch.rand(4, 3, 16, 16), torch.randint(0, 300, (4, 10)))
print(out)

# raises: RuntimeError: Sizes of tensors must match except in dimension 1. Expected size 4 but got size 10 for tensor number 1 in the list.
