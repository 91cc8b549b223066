// Shared by the torch translation units: handle allocation with a live count, and argument helpers.
#pragma once
#include <torch/torch.h>
#include <atomic>
#include "colorpix.h"
#include "error.h"

namespace cpx {
extern std::atomic<int64_t> live_tensors;

inline cpx_tensor* wrap(at::Tensor t) {
  auto* handle = new at::Tensor(std::move(t));
  live_tensors.fetch_add(1, std::memory_order_relaxed);
  return handle;
}

inline at::IntArrayRef ints(const int64_t* values, int32_t n) { return at::IntArrayRef(values, (size_t)n); }

inline c10::Device device(int32_t type, int32_t index) {
  return c10::Device(type == 1 ? c10::DeviceType::CUDA : c10::DeviceType::CPU, (c10::DeviceIndex)index);
}

inline at::TensorOptions options(int32_t dtype, int32_t device_type, int32_t device_index) {
  return at::TensorOptions().dtype((c10::ScalarType)dtype).device(device(device_type, device_index));
}

// An optional tensor argument: null handle -> undefined tensor.
inline at::Tensor opt(cpx_tensor* t) { return t ? *t : at::Tensor(); }
}  // namespace cpx

// A tensor-returning export: CPX_TENSOR(expression producing at::Tensor)
#define CPX_TENSOR(...) CPX_TRY(nullptr, return cpx::wrap(__VA_ARGS__);)
// A status export: CPX_STATUS(statements;) returns 0, or -1 on error
#define CPX_STATUS(...) CPX_TRY(-1, __VA_ARGS__ return 0;)
