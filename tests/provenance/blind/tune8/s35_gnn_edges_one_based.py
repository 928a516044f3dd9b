# The edge list file numbers nodes from 1 (like most .edges exports) and the loader never subtracts 1, so the last node id is out of range.
# expect: edge_index
# also-accept: torch.tensor(edges, dtype=torch.long).t()
# category: index/graph
# made-at: 36
import os
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

NUM_NODES = 50
tmp = tempfile.mkdtemp()
edge_file = os.path.join(tmp, "graph.edges")
g = torch.Generator().manual_seed(0)
with open(edge_file, "w") as fh:
    fh.write("% undirected graph, 1-based node ids\n")
    for _ in range(200):
        a, b = torch.randint(1, NUM_NODES + 1, (2,), generator=g).tolist()
        fh.write(f"{a} {b}\n")
    fh.write(f"{NUM_NODES} 1\n")


def load_edges(path):
    edges = []
    with open(path) as fh:
        for line in fh:
            if line.startswith("%"):
                continue
            a, b = map(int, line.split())
            edges.append((a, b))
            edges.append((b, a))
    edge_index = torch.tensor(edges, dtype=torch.long).t()
    return edge_index


class GCNLayer(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.lin = nn.Linear(in_dim, out_dim)

    def forward(self, x, edge_index):
        src, dst = edge_index
        deg = torch.zeros(x.size(0)).index_add_(0, dst, torch.ones(dst.numel()))
        norm = deg.clamp(min=1).rsqrt()
        msg = self.lin(x)[src] * (norm[src] * norm[dst]).unsqueeze(-1)
        out = torch.zeros(x.size(0), msg.size(1))
        return out.index_add_(0, dst, msg)


class GCN(nn.Module):
    def __init__(self, in_dim, hid, n_cls):
        super().__init__()
        self.l1 = GCNLayer(in_dim, hid)
        self.l2 = GCNLayer(hid, n_cls)

    def forward(self, x, ei):
        return self.l2(F.relu(self.l1(x, ei)), ei)


edge_index = load_edges(edge_file)
x = torch.randn(NUM_NODES, 16)
y = torch.randint(0, 3, (NUM_NODES,))
train_mask = torch.rand(NUM_NODES) < 0.5

model = GCN(16, 32, 3)
opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=5e-4)
for epoch in range(50):
    opt.zero_grad()
    out = model(x, edge_index)
    loss = F.cross_entropy(out[train_mask], y[train_mask])
    loss.backward()
    opt.step()
print("final loss", loss.item())
