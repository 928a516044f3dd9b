# the edge list uses 1-based node ids (as in the source file) and is never shifted to 0-based before indexing the node features
# expect: edge_index
# also-accept: edges
# category: index/graph-edge-index
# made-at: 44
import torch
import torch.nn as nn

EDGE_FILE = """# karate-like graph, nodes numbered from 1
1 2
1 3
2 3
3 4
4 5
5 6
6 1
2 6
"""


def read_edges(text):
    edges = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b = map(int, line.split())
        edges += [(a, b), (b, a)]
    return edges


class SAGELayer(nn.Module):
    def __init__(self, dim_in, dim_out):
        super().__init__()
        self.lin = nn.Linear(2 * dim_in, dim_out)

    def forward(self, h, edge_index):
        src, dst = edge_index
        agg = torch.zeros_like(h).index_add_(0, dst, h[src])
        return torch.relu(self.lin(torch.cat([h, agg], dim=-1)))


edges = read_edges(EDGE_FILE)
num_nodes = 6
edge_index = torch.tensor(edges, dtype=torch.long).t().contiguous()
features = torch.randn(num_nodes, 8)
layer = SAGELayer(8, 16)
print(layer(features, edge_index).shape)
