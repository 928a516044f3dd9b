import os

# Tests never download a model; the embedding cache goes to a per-session folder.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
