# A GPT-style fast tokenizer built from a local vocab has no pad token, and batch encoding asks for padding
# expect: tokenizer
# also-accept: tokenizer.pad_token
# category: hf/tokenizer-padding
# made-at: 13
from tokenizers import Tokenizer, models, pre_tokenizers
from transformers import PreTrainedTokenizerFast

words = ["<|endoftext|>", "the", "model", "is", "training", "slowly", "fast", "data", "loader"]
backend = Tokenizer(models.WordLevel({w: i for i, w in enumerate(words)}, unk_token="<|endoftext|>"))
backend.pre_tokenizer = pre_tokenizers.Whitespace()

tokenizer = PreTrainedTokenizerFast(
    tokenizer_object=backend,
    eos_token="<|endoftext|>",
    unk_token="<|endoftext|>",
)

texts = ["the model is training slowly", "data loader is fast"]
batch = tokenizer(texts, padding=True, return_tensors="pt")
print(batch["input_ids"])

# raises: ValueError: Asking to pad but the tokenizer does not have a padding token. Please select a token to use as `pad_token` `(tokenizer.pad_token = tokenizer.eos_token e.g.)` or add a new pad token via `tokenizer.add_special_tokens({'pad_token': '[PAD]'})`.
