#include <cstring>
#include "tensor_util.h"

std::atomic<int64_t> cpx::live_tensors{0};

CPX_API void cpx_tensor_free(cpx_tensor* t) {
  if (!t) return;
  delete t;
  cpx::live_tensors.fetch_sub(1, std::memory_order_relaxed);
}

CPX_API int64_t cpx_tensor_live_count(void) { return cpx::live_tensors.load(); }

CPX_API cpx_tensor* cpx_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim,
                                         int32_t dtype, int32_t device_type, int32_t device_index) {
  CPX_TRY(nullptr, {
    auto cpu = at::empty(cpx::ints(shape, ndim), at::TensorOptions().dtype((c10::ScalarType)dtype));
    const int64_t expected = cpu.numel() * (int64_t)cpu.element_size();
    TORCH_CHECK(expected == nbytes, "data has ", nbytes, " bytes but shape ", cpu.sizes(), " needs ", expected);
    if (nbytes > 0) std::memcpy(cpu.data_ptr(), data, (size_t)nbytes);
    return cpx::wrap(device_type == 0 ? cpu : cpu.to(cpx::device(device_type, device_index)));
  })
}

CPX_API int32_t cpx_tensor_copy_to(cpx_tensor* t, void* dst, int64_t nbytes) {
  CPX_STATUS({
    auto cpu = t->detach().to(at::kCPU).contiguous();
    const int64_t size = cpu.numel() * (int64_t)cpu.element_size();
    TORCH_CHECK(size == nbytes, "tensor has ", size, " bytes, destination has ", nbytes);
    if (nbytes > 0) std::memcpy(dst, cpu.data_ptr(), (size_t)nbytes);
  })
}

CPX_API cpx_tensor* cpx_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype,
                                    int32_t device_type, int32_t device_index) {
  CPX_TENSOR(at::full(cpx::ints(shape, ndim), value, cpx::options(dtype, device_type, device_index)))
}

CPX_API cpx_tensor* cpx_tensor_rand(const int64_t* shape, int32_t ndim, int32_t normal, int32_t dtype,
                                    int32_t device_type, int32_t device_index) {
  auto options = cpx::options(dtype, device_type, device_index);
  CPX_TENSOR(normal ? at::randn(cpx::ints(shape, ndim), options) : at::rand(cpx::ints(shape, ndim), options))
}

CPX_API cpx_tensor* cpx_tensor_arange(double start, double end, double step, int32_t dtype, int32_t device_type,
                                      int32_t device_index) {
  CPX_TENSOR(at::arange(start, end, step, cpx::options(dtype, device_type, device_index)))
}

CPX_API int32_t cpx_tensor_ndim(cpx_tensor* t) { CPX_TRY(-1, return (int32_t)t->dim();) }

CPX_API int32_t cpx_tensor_shape(cpx_tensor* t, int64_t* out) {
  CPX_STATUS({
    for (int64_t i = 0; i < t->dim(); ++i) out[i] = t->size(i);
  })
}

CPX_API int32_t cpx_tensor_dtype(cpx_tensor* t) { CPX_TRY(-1, return (int32_t)t->scalar_type();) }

CPX_API int32_t cpx_tensor_device(cpx_tensor* t, int32_t* index) {
  CPX_TRY(-1, {
    *index = t->device().index();
    return t->device().is_cuda() ? 1 : 0;
  })
}

CPX_API double cpx_tensor_item(cpx_tensor* t, int32_t* ok) {
  *ok = 0;
  CPX_TRY(0.0, {
    double value = t->item<double>();
    *ok = 1;
    return value;
  })
}

CPX_API int32_t cpx_tensor_requires_grad(cpx_tensor* t) { CPX_TRY(-1, return t->requires_grad() ? 1 : 0;) }

CPX_API int32_t cpx_tensor_set_requires_grad(cpx_tensor* t, int32_t value) {
  CPX_STATUS(t->set_requires_grad(value != 0);)
}

CPX_API cpx_tensor* cpx_tensor_grad(cpx_tensor* t) {
  cpx::clear_last_error();
  CPX_TRY(nullptr, {
    const auto& g = t->grad();
    return g.defined() ? cpx::wrap(g) : nullptr;
  })
}

CPX_API int32_t cpx_tensor_zero_grad(cpx_tensor* t) {
  CPX_STATUS({
    auto& g = t->mutable_grad();
    if (g.defined()) {
      g.detach_();
      g.zero_();
    }
  })
}

CPX_API int32_t cpx_tensor_backward(cpx_tensor* t, cpx_tensor* grad, int32_t retain_graph) {
  CPX_STATUS(t->backward(cpx::opt(grad), retain_graph != 0);)
}

CPX_API cpx_tensor* cpx_tensor_to(cpx_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index) {
  CPX_TENSOR(t->to(cpx::device(device_type, device_index), (c10::ScalarType)dtype))
}

CPX_API cpx_tensor* cpx_tensor_clone(cpx_tensor* t) { CPX_TENSOR(t->clone()) }
CPX_API cpx_tensor* cpx_tensor_detach(cpx_tensor* t) { CPX_TENSOR(t->detach()) }
CPX_API cpx_tensor* cpx_tensor_contiguous(cpx_tensor* t) { CPX_TENSOR(t->contiguous()) }

CPX_API const char* cpx_tensor_to_string(cpx_tensor* t) {
  static thread_local std::string text;
  CPX_TRY(nullptr, {
    std::ostringstream out;
    out << *t;
    text = out.str();
    return text.c_str();
  })
}

CPX_API int32_t cpx_tensor_normal_(cpx_tensor* t, double mean, double std) {
  CPX_STATUS(at::NoGradGuard guard; t->normal_(mean, std);)
}
CPX_API int32_t cpx_tensor_uniform_(cpx_tensor* t, double from, double to) {
  CPX_STATUS(at::NoGradGuard guard; t->uniform_(from, to);)
}
CPX_API int32_t cpx_tensor_fill_(cpx_tensor* t, double value) { CPX_STATUS(at::NoGradGuard guard; t->fill_(value);) }
CPX_API int32_t cpx_tensor_copy_(cpx_tensor* dst, cpx_tensor* src) {
  CPX_STATUS(at::NoGradGuard guard; dst->copy_(*src);)
}

CPX_API int32_t cpx_tensor_set_data(cpx_tensor* t, cpx_tensor* data) { CPX_STATUS(t->set_data(*data);) }
CPX_API cpx_tensor* cpx_tensor_alias(cpx_tensor* t) { CPX_TENSOR(*t) }

CPX_API int32_t cpx_tensor_scalar_(int32_t op, cpx_tensor* t, double value) {
  CPX_STATUS({
    at::NoGradGuard guard;
    // Integer tensors (counters such as num_batches_tracked) take an integer scalar.
    const at::Scalar scalar = at::isIntegralType(t->scalar_type(), /*includeBool=*/false) ? at::Scalar((int64_t)value)
                                                                                         : at::Scalar(value);
    switch (op) {
      case 0: t->add_(scalar); break;
      case 1: t->mul_(scalar); break;
      default: TORCH_CHECK(false, "unknown in-place op ", op);
    }
  })
}
