# The number of nodes is taken as the largest node id in the edge list (no +1), so the aggregation buffer is one row short
# expect: num_nodes = int(edge_index.max())
# category: index/off-by-one
# made-at: 48
import torch
import torch.nn as nn


class MeanAggConv(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.lin_self = nn.Linear(d_in, d_out)
        self.lin_nbr = nn.Linear(d_in, d_out)

    def forward(self, x, edge_index, num_nodes):
        src, dst = edge_index
        agg = torch.zeros(num_nodes, x.size(1))
        agg.index_add_(0, dst, x[src])
        deg = torch.zeros(num_nodes).index_add_(0, dst, torch.ones(dst.numel())).clamp(min=1)
        return torch.relu(self.lin_self(x[:num_nodes]) + self.lin_nbr(agg / deg.unsqueeze(1)))


class GraphClassifier(nn.Module):
    def __init__(self, d_in, hidden, n_classes):
        super().__init__()
        self.conv1 = MeanAggConv(d_in, hidden)
        self.conv2 = MeanAggConv(hidden, hidden)
        self.out = nn.Linear(hidden, n_classes)

    def forward(self, x, edge_index, num_nodes):
        h = self.conv1(x, edge_index, num_nodes)
        h = self.conv2(h, edge_index, num_nodes)
        return self.out(h.mean(0, keepdim=True))


def ring_graph(n, d, g):
    idx = torch.arange(n)
    edges = torch.cat([torch.stack([idx, (idx + 1) % n]), torch.stack([(idx + 1) % n, idx])], dim=1)
    return torch.randn(n, d, generator=g), edges


g = torch.Generator().manual_seed(0)
torch.manual_seed(0)
model = GraphClassifier(8, 32, 2)
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for it in range(10):
    x, edge_index = ring_graph(12 + it, 8, g)
    num_nodes = int(edge_index.max())
    label = torch.tensor([it % 2])
    loss = nn.functional.cross_entropy(model(x, edge_index, num_nodes), label)
    opt.zero_grad()
    loss.backward()
    opt.step()
