# A tiny BERT (built from a config, no download) given a sequence longer than its positions.
# expect: input_ids
# category: hf/sequence-too-long
# roles: input, index
# message: The expanded size of the tensor \((?P<size_a>\d+)\) must match the existing size \((?P<size_b>\d+)\) at non-singleton dimension (?P<dim>\d+)
import torch
from transformers import BertConfig, BertModel

config = BertConfig(
    vocab_size=100,
    hidden_size=16,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=32,
    max_position_embeddings=16,
)
model = BertModel(config).eval()
input_ids = torch.randint(0, 100, (2, 24))
outputs = model(input_ids=input_ids)
