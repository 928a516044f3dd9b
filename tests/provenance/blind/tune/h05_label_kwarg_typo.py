# The batch dict uses the key "label" and is unpacked into the HF model, whose forward expects "labels"
# expect: batch
# also-accept: encode
# category: module/forward-misuse
# made-at: 20
import torch
from transformers import BertConfig, BertForSequenceClassification

torch.manual_seed(0)
config = BertConfig(vocab_size=300, hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, num_labels=2)
model = BertForSequenceClassification(config)


def encode(examples):
    ids = torch.randint(0, 300, (len(examples), 12))
    return {
        "input_ids": ids,
        "attention_mask": torch.ones_like(ids),
        "label": torch.tensor([ex["sentiment"] for ex in examples]),
    }


batch = encode([{"text": "good", "sentiment": 1}, {"text": "bad", "sentiment": 0}])
out = model(**batch)
out.loss.backward()

# raises: AttributeError: 'NoneType' object has no attribute 'backward'
