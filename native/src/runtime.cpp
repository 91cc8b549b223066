#include <link.h>
#include <torch/version.h>
#include <ATen/Parallel.h>
#include <ATen/Context.h>
#include <c10/core/GradMode.h>
#include <opencv2/core/version.hpp>
#include <climits>
#include <cstdlib>
#include <string>
#include "tensor_util.h"

namespace {
// The BLAS libtorch really calls is whichever libblas.so.3 the loader picked (Debian alternatives):
// report its resolved path, so "reference BLAS, 10x slower" is visible at a glance.
int find_blas(struct dl_phdr_info* info, size_t, void* data) {
  auto* found = static_cast<std::string*>(data);
  std::string name = info->dlpi_name ? info->dlpi_name : "";
  if (found->empty() && (name.find("libblas") != std::string::npos || name.find("openblas") != std::string::npos ||
                         name.find("mkl") != std::string::npos)) {
    char resolved[PATH_MAX];
    *found = realpath(name.c_str(), resolved) ? resolved : name;
  }
  return 0;
}
}  // namespace

CPX_API const char* cpx_torch_version(void) { return TORCH_VERSION; }
CPX_API const char* cpx_opencv_version(void) { return CV_VERSION; }

CPX_API const char* cpx_blas_library(void) {
  static std::string blas;
  if (blas.empty()) {
    dl_iterate_phdr(find_blas, &blas);
    if (blas.empty()) blas = "none loaded";
  }
  return blas.c_str();
}

CPX_API int32_t cpx_get_num_threads(void) { return at::get_num_threads(); }

CPX_API int32_t cpx_set_num_threads(int32_t n) {
  CPX_STATUS({
    TORCH_CHECK(n > 0, "thread count must be positive, got ", n);
    at::set_num_threads(n);
  })
}

CPX_API int32_t cpx_cuda_device_count(void) { CPX_TRY(0, return (int32_t)torch::cuda::device_count();) }

CPX_API int32_t cpx_manual_seed(uint64_t seed) { CPX_STATUS(torch::manual_seed(seed);) }

CPX_API int32_t cpx_grad_enabled(void) { return c10::GradMode::is_enabled() ? 1 : 0; }

CPX_API int32_t cpx_set_grad_enabled(int32_t enabled) {
  const bool previous = c10::GradMode::is_enabled();
  c10::GradMode::set_enabled(enabled != 0);
  return previous ? 1 : 0;
}
