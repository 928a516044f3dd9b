# Token ids from a bigger tokenizer than the tiny BERT's vocabulary.
# expect: input_ids
# category: index/embedding-out-of-range
# roles: index
# message: index out of range in self
import torch
from transformers import BertConfig, BertModel


def encode(model, input_ids, attention_mask):
    return model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


config = BertConfig(
    vocab_size=64,
    hidden_size=16,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=32,
    max_position_embeddings=32,
)
bert = BertModel(config).eval()
input_ids = torch.tensor([[2, 10, 64, 3], [2, 90, 11, 3]])
encode(bert, input_ids, torch.ones_like(input_ids))
