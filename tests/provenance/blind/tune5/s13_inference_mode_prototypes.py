# The class prototypes are computed in a helper decorated with @torch.inference_mode(), so they are inference tensors that training cannot save for backward
# expect: @torch.inference_mode()
# category: autograd/inference-mode
# made-at: 19
import torch
import torch.nn as nn
import torch.nn.functional as F


class Encoder(nn.Module):
    def __init__(self, d_in=24, d_out=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(d_in, 64), nn.ReLU(), nn.Linear(64, d_out))

    def forward(self, x):
        return F.normalize(self.net(x), dim=-1)


@torch.inference_mode()
def compute_prototypes(encoder, support_x, support_y, n_way):
    feats = encoder(support_x)
    return torch.stack([feats[support_y == c].mean(0) for c in range(n_way)])


def episode_loss(encoder, prototypes, query_x, query_y, temperature=0.1):
    q = encoder(query_x)
    logits = q @ prototypes.t() / temperature
    return F.cross_entropy(logits, query_y)


def make_episode(n_way=5, k_shot=5, n_query=10, d=24, g=None):
    centers = torch.randn(n_way, d, generator=g) * 3
    sx = centers.repeat_interleave(k_shot, 0) + torch.randn(n_way * k_shot, d, generator=g)
    sy = torch.arange(n_way).repeat_interleave(k_shot)
    qx = centers.repeat_interleave(n_query, 0) + torch.randn(n_way * n_query, d, generator=g)
    qy = torch.arange(n_way).repeat_interleave(n_query)
    return sx, sy, qx, qy


def main():
    g = torch.Generator().manual_seed(0)
    torch.manual_seed(0)
    enc = Encoder()
    opt = torch.optim.Adam(enc.parameters(), lr=1e-3)
    for it in range(20):
        sx, sy, qx, qy = make_episode(g=g)
        protos = compute_prototypes(enc, sx, sy, 5)
        loss = episode_loss(enc, protos, qx, qy)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if it % 5 == 0:
            print(it, loss.item())


if __name__ == "__main__":
    main()
