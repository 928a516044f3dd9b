# BertConfig built with a vocab_size smaller than the ids produced by the custom tokenizer (ids up to 1999)
# expect: config.vocab_size
# also-accept: config
# category: index/embedding-out-of-range
# made-at: 13
import torch
from transformers import BertConfig, BertForSequenceClassification

torch.manual_seed(0)
TOKENIZER_VOCAB = 2000

config = BertConfig(
    vocab_size=1000,
    hidden_size=32,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=64,
    num_labels=3,
)
model = BertForSequenceClassification(config)
input_ids = torch.randint(0, TOKENIZER_VOCAB, (2, 16))
attention_mask = torch.ones_like(input_ids)
out = model(input_ids=input_ids, attention_mask=attention_mask, labels=torch.tensor([0, 2]))
out.loss.backward()

# raises: IndexError: index out of range in self
