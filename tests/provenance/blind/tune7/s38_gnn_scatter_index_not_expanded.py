# scatter_add_ is given the 1-D destination index while the messages are 2-D (edges x features); the index must be expanded to the messages' shape
# expect: out.scatter_add_(0, dst, messages)
# category: shape/index
# made-at: 30
import torch
import torch.nn as nn

torch.manual_seed(0)

# molecule-like toy graphs: node features, undirected edges, graph label
def random_graph(n_nodes, n_feat=6):
    x = torch.randn(n_nodes, n_feat)
    src = torch.randint(0, n_nodes, (2 * n_nodes,))
    dst = torch.randint(0, n_nodes, (2 * n_nodes,))
    edge_index = torch.stack([torch.cat([src, dst]), torch.cat([dst, src])])
    y = torch.tensor(float(x[:, 0].mean() > 0))
    return x, edge_index, y


class GINLayer(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.mlp = nn.Sequential(nn.Linear(dim, dim), nn.ReLU(), nn.Linear(dim, dim))
        self.eps = nn.Parameter(torch.zeros(1))

    def forward(self, h, edge_index):
        src, dst = edge_index
        messages = h[src]
        out = torch.zeros_like(h)
        out.scatter_add_(0, dst, messages)
        return self.mlp((1 + self.eps) * h + out)


class GraphClassifier(nn.Module):
    def __init__(self, in_dim=6, hidden=32):
        super().__init__()
        self.inp = nn.Linear(in_dim, hidden)
        self.layers = nn.ModuleList([GINLayer(hidden) for _ in range(2)])
        self.readout = nn.Linear(hidden, 1)

    def forward(self, x, edge_index):
        h = self.inp(x)
        for layer in self.layers:
            h = torch.relu(layer(h, edge_index))
        return self.readout(h.mean(0)).squeeze(-1)


graphs = [random_graph(int(n)) for n in torch.randint(5, 15, (32,))]
model = GraphClassifier()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
for epoch in range(3):
    total = 0.0
    for x, ei, y in graphs:
        logit = model(x, ei)
        loss = nn.functional.binary_cross_entropy_with_logits(logit, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        total += loss.item()
    print(f"epoch {epoch}: {total / len(graphs):.4f}")
