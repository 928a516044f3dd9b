# The repo was cloned without git-lfs, so the "checkpoint" file is a text LFS pointer and torch.load cannot unpickle it
# expect: CKPT_PATH
# category: checkpoint/unpickling
# made-at: 20
import os
import tempfile

import torch
import torch.nn as nn

REPO_DIR = tempfile.mkdtemp(prefix="blind_lfs_")
os.makedirs(os.path.join(REPO_DIR, "weights"))
with open(os.path.join(REPO_DIR, "weights", "classifier.pt"), "w") as f:
    f.write(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 4194432\n"
    )

CKPT_PATH = os.path.join(REPO_DIR, "weights", "classifier.pt")
model = nn.Sequential(nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 4))
model.load_state_dict(torch.load(CKPT_PATH, map_location="cpu"))

# raises: _pickle.UnpicklingError: Weights only load failed. In PyTorch 2.6, we changed the default value of the `weights_only` argument in `torch.load` from `False` to `True`. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution. Do ...
