# Checkpoint reload passes map_location from a config that still says "cuda", on a CPU-only machine
# expect: CONFIG["device"]
# category: device/cuda-unavailable
# made-at: 11
import os
import tempfile

import torch
import torch.nn as nn

CONFIG = {"device": "cuda", "ckpt_dir": tempfile.mkdtemp(prefix="blind_ckpt_")}
torch.manual_seed(0)

model = nn.Sequential(nn.Linear(10, 10), nn.ReLU(), nn.Linear(10, 2))
path = os.path.join(CONFIG["ckpt_dir"], "last.pt")
torch.save({"epoch": 3, "model": model.state_dict()}, path)

# --- later, in the evaluation script ---
ckpt = torch.load(path, map_location=CONFIG["device"])
model.load_state_dict(ckpt["model"])

# raises: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
