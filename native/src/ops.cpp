#include "tensor_util.h"

namespace {
// The ops that take a tensor or a scalar on the right alike; codes as in colorpix.h.
template <typename Rhs>
c10::optional<at::Tensor> common_binary(int32_t op, const at::Tensor& a, const Rhs& b) {
  switch (op) {
    case 0: return a + b;
    case 1: return a - b;
    case 2: return a * b;
    case 3: return a / b;
    case 4: return a.pow(b);
    case 5: return a.eq(b);
    case 6: return a.ne(b);
    case 7: return a.lt(b);
    case 8: return a.le(b);
    case 9: return a.gt(b);
    case 10: return a.ge(b);
  }
  return c10::nullopt;
}

at::Tensor binary(int32_t op, const at::Tensor& a, const at::Tensor& b) {
  if (auto r = common_binary(op, a, b)) return *r;
  switch (op) {
    case 11: return at::maximum(a, b);
    case 12: return at::minimum(a, b);
    case 13: return at::matmul(a, b);
    case 14: return at::atan2(a, b);
  }
  TORCH_CHECK(false, "unknown binary op ", op);
}

at::Tensor binary_scalar(int32_t op, const at::Tensor& a, const at::Scalar& b) {
  if (auto r = common_binary(op, a, b)) return *r;
  switch (op) {
    case 11: return at::clamp_min(a, b);
    case 12: return at::clamp_max(a, b);
  }
  TORCH_CHECK(false, "unknown binary scalar op ", op);
}

at::Tensor unary(int32_t op, const at::Tensor& a) {
  switch (op) {
    case 0: return a.neg();
    case 1: return a.abs();
    case 2: return a.sqrt();
    case 3: return a.exp();
    case 4: return a.log();
    case 5: return at::relu(a);
    case 6: return a.tanh();
    case 7: return a.sigmoid();
    case 8: return a.sign();
    case 9: return a.floor();
    case 10: return a.round();
    case 11: return a.cos();
    case 12: return a.sin();
    case 13: return a.logical_not();
    case 14: return a.square();
  }
  TORCH_CHECK(false, "unknown unary op ", op);
}

at::Tensor reduce(int32_t op, const at::Tensor& a, at::IntArrayRef dims, bool keepdim) {
  const bool all = dims.empty();
  switch (op) {
    case 0: return all ? a.sum() : a.sum(dims, keepdim);
    case 1: return all ? a.mean() : a.mean(dims, keepdim);
    case 2: return all ? a.max() : at::amax(a, dims, keepdim);
    case 3: return all ? a.min() : at::amin(a, dims, keepdim);
    case 4: return all ? a.std() : a.std(dims, /*unbiased=*/true, keepdim);
    case 5: return all ? a.var() : a.var(dims, /*unbiased=*/true, keepdim);
  }
  TORCH_CHECK(false, "unknown reduction ", op);
}

std::vector<at::Tensor> list(cpx_tensor** tensors, int32_t n) {
  std::vector<at::Tensor> out;
  out.reserve((size_t)n);
  for (int32_t i = 0; i < n; ++i) out.push_back(*tensors[i]);
  return out;
}
}  // namespace

CPX_API cpx_tensor* cpx_binary(int32_t op, cpx_tensor* a, cpx_tensor* b) { CPX_TENSOR(binary(op, *a, *b)) }
CPX_API cpx_tensor* cpx_binary_scalar(int32_t op, cpx_tensor* a, double b) { CPX_TENSOR(binary_scalar(op, *a, b)) }
CPX_API cpx_tensor* cpx_rsub_scalar(cpx_tensor* a, double b) { CPX_TENSOR(at::rsub(*a, b)) }
CPX_API cpx_tensor* cpx_rdiv_scalar(cpx_tensor* a, double b) { CPX_TENSOR(a->reciprocal() * b) }
CPX_API cpx_tensor* cpx_unary(int32_t op, cpx_tensor* a) { CPX_TENSOR(unary(op, *a)) }
CPX_API cpx_tensor* cpx_leaky_relu(cpx_tensor* a, double slope) { CPX_TENSOR(at::leaky_relu(*a, slope)) }

CPX_API cpx_tensor* cpx_clamp(cpx_tensor* a, double min, int32_t has_min, double max, int32_t has_max) {
  CPX_TENSOR(at::clamp(*a, has_min ? c10::optional<at::Scalar>(min) : c10::nullopt,
                       has_max ? c10::optional<at::Scalar>(max) : c10::nullopt))
}

CPX_API cpx_tensor* cpx_where(cpx_tensor* cond, cpx_tensor* a, cpx_tensor* b) { CPX_TENSOR(at::where(*cond, *a, *b)) }

CPX_API cpx_tensor* cpx_reduce(int32_t op, cpx_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim) {
  CPX_TENSOR(reduce(op, *a, cpx::ints(dims, ndims), keepdim != 0))
}

CPX_API cpx_tensor* cpx_argmax(cpx_tensor* a, int64_t dim, int32_t keepdim) { CPX_TENSOR(a->argmax(dim, keepdim != 0)) }
CPX_API cpx_tensor* cpx_cat(cpx_tensor** tensors, int32_t n, int64_t dim) { CPX_TENSOR(at::cat(list(tensors, n), dim)) }
CPX_API cpx_tensor* cpx_stack(cpx_tensor** tensors, int32_t n, int64_t dim) {
  CPX_TENSOR(at::stack(list(tensors, n), dim))
}
CPX_API cpx_tensor* cpx_slice(cpx_tensor* a, int64_t dim, int64_t start, int64_t end, int64_t step) {
  CPX_TENSOR(a->slice(dim, start, end, step))
}
CPX_API cpx_tensor* cpx_index_select(cpx_tensor* a, int64_t dim, cpx_tensor* index) {
  CPX_TENSOR(a->index_select(dim, *index))
}
CPX_API cpx_tensor* cpx_reshape(cpx_tensor* a, const int64_t* shape, int32_t ndim) {
  CPX_TENSOR(a->reshape(cpx::ints(shape, ndim)))
}
CPX_API cpx_tensor* cpx_view(cpx_tensor* a, const int64_t* shape, int32_t ndim) {
  CPX_TENSOR(a->view(cpx::ints(shape, ndim)))
}
CPX_API cpx_tensor* cpx_permute(cpx_tensor* a, const int64_t* dims, int32_t ndim) {
  CPX_TENSOR(a->permute(cpx::ints(dims, ndim)))
}
CPX_API cpx_tensor* cpx_expand(cpx_tensor* a, const int64_t* shape, int32_t ndim) {
  CPX_TENSOR(a->expand(cpx::ints(shape, ndim)))
}
CPX_API cpx_tensor* cpx_squeeze(cpx_tensor* a, int64_t dim) { CPX_TENSOR(a->squeeze(dim)) }
CPX_API cpx_tensor* cpx_unsqueeze(cpx_tensor* a, int64_t dim) { CPX_TENSOR(a->unsqueeze(dim)) }
CPX_API cpx_tensor* cpx_flip(cpx_tensor* a, const int64_t* dims, int32_t ndim) {
  CPX_TENSOR(a->flip(cpx::ints(dims, ndim)))
}
