# The edge list is turned into a (num_edges, 2) tensor, but the layer reads it as (2, num_edges)
# expect: torch.tensor(edges)
# also-accept: edge_index
# category: shape/broadcast
# made-at: 18
import torch
import torch.nn as nn

torch.manual_seed(0)
NUM_NODES = 30


def random_graph(n_nodes, n_edges):
    edges = []
    for _ in range(n_edges):
        u, v = torch.randint(0, n_nodes, (2,)).tolist()
        edges.append((u, v))
    edge_index = torch.tensor(edges)
    edge_weight = torch.rand(n_edges, 1)
    return edge_index, edge_weight


class GraphConv(nn.Module):
    def __init__(self, d_in, d_out):
        super().__init__()
        self.lin = nn.Linear(d_in, d_out)

    def forward(self, x, edge_index, edge_weight):
        src, dst = edge_index[0], edge_index[1]
        msg = self.lin(x)[src] * edge_weight
        out = torch.zeros(x.size(0), msg.size(1))
        return out.index_add(0, dst, msg)


x = torch.randn(NUM_NODES, 8)
edge_index, edge_weight = random_graph(NUM_NODES, 60)
conv1, conv2 = GraphConv(8, 16), GraphConv(16, 2)
h = torch.relu(conv1(x, edge_index, edge_weight))
out = conv2(h, edge_index, edge_weight)
print(out.shape)
