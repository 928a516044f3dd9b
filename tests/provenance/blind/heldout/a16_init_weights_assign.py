# Custom init writes into the embedding weight rows by index assignment outside torch.no_grad()
# expect: self.embed.weight
# category: autograd/leaf-inplace
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)


class Seq2SeqEncoder(nn.Module):
    def __init__(self, vocab=50, dim=16, pad_idx=0):
        super().__init__()
        self.pad_idx = pad_idx
        self.embed = nn.Embedding(vocab, dim)
        self.gru = nn.GRU(dim, dim, batch_first=True)
        self.reset_parameters()

    def reset_parameters(self):
        nn.init.normal_(self.embed.weight, std=0.02)
        self.embed.weight[self.pad_idx] = 0

    def forward(self, x):
        return self.gru(self.embed(x))[1]


enc = Seq2SeqEncoder()
print(enc(torch.randint(0, 50, (2, 7))).shape)

# raises: RuntimeError: a view of a leaf Variable that requires grad is being used in an in-place operation.
