# the edge list is read into a float tensor (torch.tensor of the numpy array from loadtxt), so index_add_ gets a float index for message aggregation
# expect: torch.tensor(raw_edges.T)
# category: dtype/index
# made-at: 23
import os
import tempfile

import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(0)
rng = np.random.default_rng(0)

# write a small edge list like the ones shipped with Cora-style datasets
tmp = tempfile.mkdtemp()
n_nodes, n_edges, n_feat, n_classes = 30, 120, 8, 3
edges = rng.integers(0, n_nodes, size=(n_edges, 2))
edge_file = os.path.join(tmp, "graph.edges")
np.savetxt(edge_file, edges, fmt="%d")

raw_edges = np.loadtxt(edge_file)
edge_index = torch.tensor(raw_edges.T)
x = torch.randn(n_nodes, n_feat)
y = torch.randint(0, n_classes, (n_nodes,))


class MeanAggConv(nn.Module):
    """GraphSAGE-style layer written by hand: mean of neighbour messages + self."""

    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin_msg = nn.Linear(in_dim, out_dim)
        self.lin_self = nn.Linear(in_dim, out_dim)

    def forward(self, x, edge_index):
        src, dst = edge_index[0], edge_index[1]
        msg = self.lin_msg(x[src.long()])
        agg = torch.zeros(x.size(0), msg.size(1))
        agg.index_add_(0, dst, msg)
        deg = torch.zeros(x.size(0)).index_add_(0, dst, torch.ones(dst.size(0)))
        agg = agg / deg.clamp(min=1).unsqueeze(1)
        return agg + self.lin_self(x)


class GNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = MeanAggConv(n_feat, 16)
        self.conv2 = MeanAggConv(16, n_classes)

    def forward(self, x, edge_index):
        h = torch.relu(self.conv1(x, edge_index))
        return self.conv2(h, edge_index)


model = GNN()
opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
for epoch in range(50):
    out = model(x, edge_index)
    loss = nn.functional.cross_entropy(out, y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    if epoch % 10 == 0:
        print(epoch, loss.item())
