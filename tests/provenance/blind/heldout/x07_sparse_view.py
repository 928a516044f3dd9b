# A sparse adjacency matrix is reshaped with .view(), which has no SparseCPU kernel
# expect: adj
# category: backend/op-not-implemented
# made-at: 10
import torch

torch.manual_seed(0)
n = 6
edges = torch.tensor([[0, 1, 2, 3, 4, 5], [1, 2, 3, 4, 5, 0]])
adj = torch.sparse_coo_tensor(edges, torch.ones(6), (n, n))
features = torch.randn(n, 4)
h = torch.sparse.mm(adj, features)
flat = adj.view(-1)
print(h.shape, flat.shape)

# raises: NotImplementedError: Could not run 'aten::view' with arguments from the 'SparseCPU' backend. This could be because the operator doesn't exist for this backend, or was omitted during the selective/custom build process (if using custom build). If you are a Facebook employee using PyTorch on mobile,...
