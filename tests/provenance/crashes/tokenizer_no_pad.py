# Padding with a tokenizer that has no pad token: the tokenizer, not the texts, is named.
# expect: tok
# category: hf/tokenizer-padding
# roles: input
# message: Asking to pad but the tokenizer does not have a padding token
import tokenizers
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import Whitespace
from transformers import PreTrainedTokenizerFast

backend = tokenizers.Tokenizer(WordLevel({"[UNK]": 0, "a": 1, "b": 2}, unk_token="[UNK]"))
backend.pre_tokenizer = Whitespace()
tok = PreTrainedTokenizerFast(tokenizer_object=backend)
sentences = ["a b", "a"]
tok(sentences, padding=True)
