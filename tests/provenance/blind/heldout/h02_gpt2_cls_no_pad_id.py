# GPT2ForSequenceClassification trained with batches of 4 while config.pad_token_id is unset
# expect: config
# also-accept: config.pad_token_id
# category: hf/tokenizer-padding
# made-at: 10
import torch
from transformers import GPT2Config, GPT2ForSequenceClassification

torch.manual_seed(0)
config = GPT2Config(
    vocab_size=200,
    n_positions=64,
    n_embd=32,
    n_layer=1,
    n_head=2,
    num_labels=2,
)
model = GPT2ForSequenceClassification(config)
optimizer = torch.optim.AdamW(model.parameters(), lr=5e-5)

input_ids = torch.randint(0, 200, (4, 20))
labels = torch.tensor([0, 1, 1, 0])
outputs = model(input_ids=input_ids, labels=labels)
outputs.loss.backward()
optimizer.step()

# raises: ValueError: Cannot handle batch sizes > 1 if no padding token is defined.
