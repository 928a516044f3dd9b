# torch.jit.script on a module whose forward takes **kwargs, which TorchScript cannot compile
# expect: forward
# also-accept: torch.jit.script
# category: compile/graph-break
# made-at: 15
import torch
import torch.nn as nn


class Head(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, 2)

    def forward(self, x, **kwargs):
        if kwargs.get("return_features"):
            return x
        return self.fc(x)


scripted = torch.jit.script(Head())
scripted.save("/tmp/blind_head_scripted.pt")

# raises: torch.jit.frontend.NotSupportedError: Compiled functions can't take variable number of arguments or use keyword-only arguments with defaults
