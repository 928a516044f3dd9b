# The output layer's weight is tied to the embedding although the LSTM hidden size (256) differs from the embedding size (200)
# expect: self.decoder.weight = self.encoder.weight
# also-accept: "nhid": 256
# category: shape/weight-tying
# made-at: 29
import torch
import torch.nn as nn

config = {
    "ntoken": 1000,
    "emsize": 200,
    "nhid": 256,
    "nlayers": 2,
    "dropout": 0.2,
    "tied": True,
    "bptt": 35,
    "batch_size": 20,
}


class RNNModel(nn.Module):
    def __init__(self, ntoken, emsize, nhid, nlayers, dropout=0.2, tied=False):
        super().__init__()
        self.drop = nn.Dropout(dropout)
        self.encoder = nn.Embedding(ntoken, emsize)
        self.rnn = nn.LSTM(emsize, nhid, nlayers, dropout=dropout)
        self.decoder = nn.Linear(nhid, ntoken)
        if tied:
            self.decoder.weight = self.encoder.weight

    def forward(self, src, hidden=None):
        emb = self.drop(self.encoder(src))
        out, hidden = self.rnn(emb, hidden)
        return self.decoder(self.drop(out)), hidden


def batchify(data, bsz):
    nbatch = data.size(0) // bsz
    return data[: nbatch * bsz].view(bsz, -1).t().contiguous()


def train_epoch(model, data, cfg, opt):
    model.train()
    crit = nn.CrossEntropyLoss()
    for i in range(0, data.size(0) - 1, cfg["bptt"]):
        seq_len = min(cfg["bptt"], data.size(0) - 1 - i)
        src, tgt = data[i : i + seq_len], data[i + 1 : i + 1 + seq_len]
        out, _ = model(src)
        loss = crit(out.view(-1, cfg["ntoken"]), tgt.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()


if __name__ == "__main__":
    torch.manual_seed(0)
    corpus = torch.randint(0, config["ntoken"], (5000,))
    data = batchify(corpus, config["batch_size"])
    model = RNNModel(config["ntoken"], config["emsize"], config["nhid"], config["nlayers"], config["dropout"], config["tied"])
    train_epoch(model, data, config, torch.optim.SGD(model.parameters(), lr=20.0))
