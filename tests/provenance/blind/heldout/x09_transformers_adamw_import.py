# Fine-tuning script written for old transformers imports AdamW from transformers, which was removed
# expect: AdamW
# category: environment/version-mismatch
# made-at: 6
import torch
from transformers import AdamW, BertConfig, BertForSequenceClassification

config = BertConfig(vocab_size=100, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32)
model = BertForSequenceClassification(config)
optimizer = AdamW(model.parameters(), lr=2e-5)
out = model(input_ids=torch.randint(0, 100, (2, 8)), labels=torch.tensor([0, 1]))
out.loss.backward()
optimizer.step()

# raises: ImportError: cannot import name 'AdamW' from 'transformers' (/work/main/.venv/lib/python3.11/site-packages/transformers/__init__.py)
