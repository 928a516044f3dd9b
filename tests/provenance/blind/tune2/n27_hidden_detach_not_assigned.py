# `hidden.detach()` is called as a statement and its result thrown away, so the RNN hidden state still carries the previous batch's graph
# expect: hidden
# also-accept: hidden.detach()
# category: autograd/backward-twice
# made-at: 22
import torch
import torch.nn as nn


def batchify(series, n_streams):
    usable = (len(series) // n_streams) * n_streams
    return series[:usable].view(n_streams, -1, series.size(-1))


def train(model, head, data, seq_len=16, lr=1e-2):
    params = list(model.parameters()) + list(head.parameters())
    optimizer = torch.optim.RMSprop(params, lr=lr)
    hidden = torch.zeros(1, data.size(0), model.hidden_size)
    for start in range(0, data.size(1) - seq_len - 1, seq_len):
        x = data[:, start : start + seq_len]
        y = data[:, start + 1 : start + seq_len + 1, :1]
        hidden.detach()
        out, hidden = model(x, hidden)
        loss = nn.functional.mse_loss(head(out), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"chunk {start // seq_len}: {loss.item():.4f}")


torch.manual_seed(0)
t = torch.arange(0, 600, dtype=torch.float32) / 10
series = torch.stack([torch.sin(t), torch.cos(0.5 * t)], dim=-1)
data = batchify(series, n_streams=4)
rnn = nn.RNN(input_size=2, hidden_size=24, batch_first=True)
head = nn.Linear(24, 1)
train(rnn, head, data)

# raises: RuntimeError: Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a
