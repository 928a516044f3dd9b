# The edge array is cast to int32 to save memory, but scatter_add_ needs an int64 index.
# expect: edge_index
# also-accept: edges.astype(np.int32), torch.from_numpy(edges.astype(np.int32))
# category: dtype/index
# made-at: 16
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
rng = np.random.default_rng(0)

num_nodes, num_edges, feat_dim = 100, 400, 8
edges = rng.integers(0, num_nodes, size=(2, num_edges))
edge_index = torch.from_numpy(edges.astype(np.int32))
node_feat = torch.randn(num_nodes, feat_dim)
target = torch.randn(num_nodes, 1)


class MeanAggConv(nn.Module):
    """GraphSAGE-style layer: mean of neighbour messages concatenated with self."""

    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin = nn.Linear(2 * in_dim, out_dim)

    def forward(self, x, edge_index):
        src, dst = edge_index[0], edge_index[1]
        msg = x[src]
        agg = torch.zeros_like(x)
        idx = dst.unsqueeze(-1).expand(-1, x.size(1))
        agg.scatter_add_(0, idx, msg)
        cnt = torch.bincount(dst, minlength=x.size(0)).clamp(min=1).unsqueeze(-1)
        return self.lin(torch.cat([x, agg / cnt], dim=-1))


class SAGE(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = MeanAggConv(feat_dim, 32)
        self.c2 = MeanAggConv(32, 1)

    def forward(self, x, ei):
        return self.c2(F.relu(self.c1(x, ei)), ei)


model = SAGE()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for step in range(100):
    opt.zero_grad()
    loss = F.mse_loss(model(node_feat, edge_index), target)
    loss.backward()
    opt.step()
    if step % 20 == 0:
        print(step, loss.item())
