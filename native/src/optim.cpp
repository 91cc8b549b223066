#include <cmath>
#include "tensor_util.h"

// torch.optim.Adam (amsgrad off, L2 weight decay added to the gradient), fused over all parameters so a
// training step costs one native call instead of several per parameter.
CPX_API int32_t cpx_optim_adam_step(cpx_tensor** params, cpx_tensor** exp_avg, cpx_tensor** exp_avg_sq, int32_t n,
                                    int64_t step, double lr, double beta1, double beta2, double eps,
                                    double weight_decay) {
  CPX_STATUS({
    TORCH_CHECK(step >= 1, "Adam step must start at 1, got ", step);
    at::NoGradGuard no_grad;
    const double bias1 = 1.0 - std::pow(beta1, (double)step);
    const double bias2 = 1.0 - std::pow(beta2, (double)step);
    const double step_size = lr / bias1;
    const double bias2_sqrt = std::sqrt(bias2);
    for (int32_t i = 0; i < n; ++i) {
      at::Tensor& p = *params[i];
      const at::Tensor& g0 = p.grad();
      if (!g0.defined()) continue;
      at::Tensor grad = weight_decay != 0.0 ? g0.add(p, weight_decay) : g0;
      exp_avg[i]->mul_(beta1).add_(grad, 1.0 - beta1);
      exp_avg_sq[i]->mul_(beta2).addcmul_(grad, grad, 1.0 - beta2);
      auto denom = (exp_avg_sq[i]->sqrt() / bias2_sqrt).add_(eps);
      p.addcdiv_(*exp_avg[i], denom, -step_size);
    }
  })
}
