#include "tensor_util.h"

namespace F = torch::nn::functional;

CPX_API cpx_tensor* cpx_conv2d(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, const int64_t* stride,
                               const int64_t* padding, const int64_t* dilation, int64_t groups) {
  CPX_TENSOR(at::conv2d(*x, *w, cpx::opt(b), cpx::ints(stride, 2), cpx::ints(padding, 2), cpx::ints(dilation, 2),
                        groups))
}

CPX_API cpx_tensor* cpx_conv_transpose2d(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, const int64_t* stride,
                                         const int64_t* padding, const int64_t* output_padding,
                                         const int64_t* dilation, int64_t groups) {
  CPX_TENSOR(at::conv_transpose2d(*x, *w, cpx::opt(b), cpx::ints(stride, 2), cpx::ints(padding, 2),
                                  cpx::ints(output_padding, 2), groups, cpx::ints(dilation, 2)))
}

CPX_API cpx_tensor* cpx_batch_norm(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, cpx_tensor* running_mean,
                                   cpx_tensor* running_var, int32_t training, double momentum, double eps) {
  CPX_TENSOR(at::batch_norm(*x, cpx::opt(w), cpx::opt(b), cpx::opt(running_mean), cpx::opt(running_var),
                            training != 0, momentum, eps, /*cudnn_enabled=*/true))
}

CPX_API cpx_tensor* cpx_instance_norm(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, cpx_tensor* running_mean,
                                      cpx_tensor* running_var, int32_t use_input_stats, double momentum,
                                      double eps) {
  CPX_TENSOR(at::instance_norm(*x, cpx::opt(w), cpx::opt(b), cpx::opt(running_mean), cpx::opt(running_var),
                               use_input_stats != 0, momentum, eps, /*cudnn_enabled=*/true))
}

CPX_API cpx_tensor* cpx_dropout(cpx_tensor* x, double p, int32_t training) {
  CPX_TENSOR(at::dropout(*x, p, training != 0))
}

CPX_API cpx_tensor* cpx_interpolate(cpx_tensor* x, int64_t out_h, int64_t out_w, int32_t mode, int32_t align_corners) {
  CPX_TRY(nullptr, {
    auto options = F::InterpolateFuncOptions().size(std::vector<int64_t>{out_h, out_w});
    switch (mode) {
      case 0: options.mode(torch::kNearest); break;
      case 1: options.mode(torch::kBilinear).align_corners(align_corners != 0); break;
      case 2: options.mode(torch::kArea); break;
      case 3: options.mode(torch::kBicubic).align_corners(align_corners != 0); break;
      default: TORCH_CHECK(false, "unknown interpolation mode ", mode);
    }
    return cpx::wrap(F::interpolate(*x, options));
  })
}

CPX_API cpx_tensor* cpx_pad(cpx_tensor* x, const int64_t* pads, int32_t npads, int32_t mode, double value) {
  CPX_TRY(nullptr, {
    auto options = F::PadFuncOptions(std::vector<int64_t>(pads, pads + npads)).value(value);
    switch (mode) {
      case 0: options.mode(torch::kConstant); break;
      case 1: options.mode(torch::kReflect); break;
      case 2: options.mode(torch::kReplicate); break;
      default: TORCH_CHECK(false, "unknown padding mode ", mode);
    }
    return cpx::wrap(F::pad(*x, options));
  })
}

CPX_API cpx_tensor* cpx_mse_loss(cpx_tensor* x, cpx_tensor* y, int32_t reduction) {
  CPX_TENSOR(at::mse_loss(*x, *y, reduction))
}
CPX_API cpx_tensor* cpx_l1_loss(cpx_tensor* x, cpx_tensor* y, int32_t reduction) {
  CPX_TENSOR(at::l1_loss(*x, *y, reduction))
}
CPX_API cpx_tensor* cpx_bce_with_logits(cpx_tensor* x, cpx_tensor* y, int32_t reduction) {
  CPX_TENSOR(at::binary_cross_entropy_with_logits(*x, *y, {}, {}, reduction))
}
CPX_API cpx_tensor* cpx_avg_pool2d(cpx_tensor* x, const int64_t* kernel, const int64_t* stride, const int64_t* padding) {
  CPX_TENSOR(at::avg_pool2d(*x, cpx::ints(kernel, 2), cpx::ints(stride, 2), cpx::ints(padding, 2)))
}
