# gather index beyond the dimension's size.
# expect: picks
# category: index/out-of-bounds
# roles: index
# message: index (?P<index>\d+) is out of bounds for dimension (?P<dim>\d+) with size (?P<size>\d+)
import torch


def select_actions(q_values, actions):
    return q_values.gather(1, actions)


q = torch.randn(3, 4)
picks = torch.tensor([[0], [5], [1]])
select_actions(q, picks)
