# The GRU's initial hidden state is created in forward() with torch.zeros(...) and no device, so it stays on the CPU while the model and batch are on the accelerator
# expect: torch.zeros(self.num_layers, x.size(0), self.hidden_size)
# category: device/created-in-forward
# made-at: 22
import torch
import torch.nn as nn

# "meta" stands in for the accelerator on this box
DEVICE = torch.device("meta")


class TextEncoder(nn.Module):
    def __init__(self, vocab_size, emb_dim=64, hidden_size=128, num_layers=2, n_classes=4):
        super().__init__()
        self.hidden_size, self.num_layers = hidden_size, num_layers
        self.emb = nn.Embedding(vocab_size, emb_dim)
        self.gru = nn.GRU(emb_dim, hidden_size, num_layers=num_layers, batch_first=True)
        self.cls = nn.Linear(hidden_size, n_classes)

    def forward(self, ids):
        x = self.emb(ids)
        h0 = torch.zeros(self.num_layers, x.size(0), self.hidden_size)
        out, h = self.gru(x, h0)
        return self.cls(h[-1])


def train_step(model, opt, ids, labels):
    model.train()
    ids, labels = ids.to(DEVICE), labels.to(DEVICE)
    logits = model(ids)
    loss = nn.functional.cross_entropy(logits, labels)
    opt.zero_grad()
    loss.backward()
    opt.step()
    return loss


if __name__ == "__main__":
    torch.manual_seed(0)
    model = TextEncoder(vocab_size=5000).to(DEVICE)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    ids = torch.randint(0, 5000, (32, 40))
    labels = torch.randint(0, 4, (32,))
    train_step(model, opt, ids, labels)
