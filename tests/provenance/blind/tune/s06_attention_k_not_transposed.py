# Hand-written attention multiplies q by k without transposing k
# expect: k
# category: shape/matmul-mismatch
# made-at: 23
import math

import torch
import torch.nn as nn

torch.manual_seed(0)


class SelfAttention(nn.Module):
    def __init__(self, dim, head_dim):
        super().__init__()
        self.q_proj = nn.Linear(dim, head_dim)
        self.k_proj = nn.Linear(dim, head_dim)
        self.v_proj = nn.Linear(dim, head_dim)
        self.scale = 1 / math.sqrt(head_dim)

    def forward(self, x):
        q = self.q_proj(x)
        k = self.k_proj(x)
        v = self.v_proj(x)
        scores = torch.bmm(q, k) * self.scale
        return torch.bmm(scores.softmax(dim=-1), v)


attn = SelfAttention(dim=48, head_dim=16)
x = torch.randn(2, 10, 48)
print(attn(x).shape)



class AttentionClassifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.attn = SelfAttention(dim=48, head_dim=16)
        self.fc = nn.Linear(16, 3)

    def forward(self, x):
        return self.fc(self.attn(x).mean(1))


clf = AttentionClassifier()
print(clf(x).softmax(-1))

# raises: RuntimeError: Expected size for first two dimensions of batch2 tensor to be: [2, 16] but got: [2, 10].
