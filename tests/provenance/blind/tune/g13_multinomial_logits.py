# Text generation samples with torch.multinomial directly on logits (negative values) instead of softmax probabilities
# expect: next_logits
# category: value/loss-input-range
# made-at: 21
import torch
import torch.nn as nn

torch.manual_seed(0)
vocab, dim = 40, 16
emb = nn.Embedding(vocab, dim)
rnn = nn.GRU(dim, dim, batch_first=True)
head = nn.Linear(dim, vocab)


@torch.no_grad()
def generate(prompt, n_new=10, temperature=0.8):
    ids = prompt
    for _ in range(n_new):
        h, _ = rnn(emb(ids))
        logits = head(h)
        next_logits = logits[:, -1, :] / temperature
        next_id = torch.multinomial(next_logits, num_samples=1)
        ids = torch.cat([ids, next_id], dim=1)
    return ids


print(generate(torch.tensor([[1, 5, 7]])))

# raises: RuntimeError: probability tensor contains either `inf`, `nan` or element < 0
