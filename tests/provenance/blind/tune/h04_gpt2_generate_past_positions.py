# A hand-rolled generation loop keeps appending tokens past the model's n_positions=32
# expect: ids
# also-accept: config.n_positions
# category: hf/sequence-too-long
# made-at: 18
import torch
from transformers import GPT2Config, GPT2LMHeadModel

torch.manual_seed(0)
config = GPT2Config(vocab_size=100, n_positions=32, n_embd=32, n_layer=1, n_head=2)
lm = GPT2LMHeadModel(config).eval()

ids = torch.randint(0, 100, (1, 20))
with torch.no_grad():
    for _ in range(20):
        logits = lm(input_ids=ids).logits
        next_id = logits[:, -1].argmax(-1, keepdim=True)
        ids = torch.cat([ids, next_id], dim=1)
print(ids)

# raises: IndexError: index out of range in self
