# init_hidden creates the LSTM state with torch.zeros and no device, so it stays on CPU while the model was moved
# expect: hidden
# also-accept: self.init_hidden
# category: device/tensor-mismatch
# made-at: 23
import torch
import torch.nn as nn

torch.manual_seed(0)
config = {"device": torch.device("meta"), "vocab": 80, "embed": 16, "hidden": 32, "layers": 2}


class LyricsModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.embed = nn.Embedding(cfg["vocab"], cfg["embed"])
        self.lstm = nn.LSTM(cfg["embed"], cfg["hidden"], cfg["layers"], batch_first=True)
        self.fc = nn.Linear(cfg["hidden"], cfg["vocab"])

    def init_hidden(self, batch_size):
        shape = (self.cfg["layers"], batch_size, self.cfg["hidden"])
        return (torch.zeros(shape), torch.zeros(shape))

    def forward(self, x, hidden):
        out, hidden = self.lstm(self.embed(x), hidden)
        return self.fc(out), hidden


model = LyricsModel(config).to(config["device"])
tokens = torch.randint(0, config["vocab"], (4, 25)).to(config["device"])
hidden = model.init_hidden(tokens.size(0))
logits, hidden = model(tokens, hidden)

loss = nn.functional.cross_entropy(logits.reshape(-1, config["vocab"]), tokens.reshape(-1))
loss.backward()


def sample(model, start, n=20):
    hidden = model.init_hidden(1)
    out = [start]
    x = torch.tensor([[start]], device=config["device"])
    for _ in range(n):
        logits, hidden = model(x, hidden)
        x = logits[:, -1].argmax(-1, keepdim=True)
        out.append(x.item())
    return out

# raises: RuntimeError: Input and hidden tensors are not at the same device, found input tensor at meta and hidden tensor at cpu
