# under CPU bfloat16 autocast the messages come out of the Linear as bfloat16, but the aggregation buffer is allocated as float32
# expect: out
# also-accept: messages
# category: dtype/autocast-inplace-buffer
# made-at: 19
import torch
import torch.nn as nn


class MeanAggregationConv(nn.Module):
    def __init__(self, in_dim, out_dim):
        super().__init__()
        self.msg = nn.Linear(in_dim, out_dim)
        self.self_loop = nn.Linear(in_dim, out_dim)

    def forward(self, x, edge_index):
        src, dst = edge_index
        messages = self.msg(x[src])
        out = torch.zeros(x.size(0), messages.size(1))
        out.index_add_(0, dst, messages)
        deg = torch.bincount(dst, minlength=x.size(0)).clamp(min=1).unsqueeze(1)
        return out / deg + self.self_loop(x)


class GCN(nn.Module):
    def __init__(self, in_dim=16, hidden=32, n_classes=3):
        super().__init__()
        self.conv1 = MeanAggregationConv(in_dim, hidden)
        self.conv2 = MeanAggregationConv(hidden, n_classes)

    def forward(self, x, edge_index):
        return self.conv2(torch.relu(self.conv1(x, edge_index)), edge_index)


num_nodes = 30
x = torch.randn(num_nodes, 16)
edge_index = torch.randint(0, num_nodes, (2, 120))
y = torch.randint(0, 3, (num_nodes,))
model = GCN()
opt = torch.optim.Adam(model.parameters(), lr=1e-2)
for epoch in range(3):
    with torch.autocast("cpu", dtype=torch.bfloat16):
        logits = model(x, edge_index)
        loss = nn.functional.cross_entropy(logits.float(), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
