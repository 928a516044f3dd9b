"""A custom op with no fake (shape-only) kernel: the dry run cannot run it."""

import torch


@torch.library.custom_op("torchwhy_dryrun_test::twice", mutates_args=())
def twice(x: torch.Tensor) -> torch.Tensor:
    return x * 2


model = torch.nn.Linear(4, 4).cuda()
print(twice(model(torch.ones(2, 4, device="cuda"))))
