# The sampler divides the raw logits by the temperature and hands them to torch.multinomial without a softmax
# expect: logits[:, -1, :] / temperature
# category: value/probabilities
# made-at: 26
import torch
import torch.nn as nn


class CharLM(nn.Module):
    def __init__(self, vocab=65, dim=64):
        super().__init__()
        self.emb = nn.Embedding(vocab, dim)
        self.rnn = nn.GRU(dim, dim, batch_first=True)
        self.out = nn.Linear(dim, vocab)

    def forward(self, idx):
        h, _ = self.rnn(self.emb(idx))
        return self.out(h)


@torch.no_grad()
def generate(model, prompt, max_new_tokens=50, temperature=0.8):
    idx = prompt
    for _ in range(max_new_tokens):
        logits = model(idx)
        probs = logits[:, -1, :] / temperature
        next_id = torch.multinomial(probs, num_samples=1)
        idx = torch.cat([idx, next_id], dim=1)
    return idx


if __name__ == "__main__":
    torch.manual_seed(0)
    model = CharLM().eval()
    prompt = torch.randint(0, 65, (2, 8))
    out = generate(model, prompt)
    print(out.shape)
