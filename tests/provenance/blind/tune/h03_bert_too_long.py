# Documents of 300 tokens are fed untruncated to a BERT configured with max_position_embeddings=128
# expect: input_ids
# also-accept: config.max_position_embeddings
# category: hf/sequence-too-long
# made-at: 20
import torch
from transformers import BertConfig, BertModel

torch.manual_seed(0)
config = BertConfig(
    vocab_size=500,
    hidden_size=32,
    num_hidden_layers=1,
    num_attention_heads=2,
    intermediate_size=64,
    max_position_embeddings=128,
)
encoder = BertModel(config).eval()

input_ids = torch.randint(0, 500, (2, 300))
with torch.no_grad():
    out = encoder(input_ids=input_ids, attention_mask=torch.ones_like(input_ids))
print(out.last_hidden_state.shape)

# raises: RuntimeError: The expanded size of the tensor (300) must match the existing size (128) at non-singleton dimension 1.  Target sizes: [2, 300].  Tensor sizes: [1, 128]
