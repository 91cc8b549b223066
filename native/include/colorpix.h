// ColorPix native layer: a flat C ABI over libtorch and OpenCV.
// Every export returns null / -1 on failure; cpx_last_error() then holds the message.
// Handles returned by cpx_* functions are owned by the caller and freed with the matching *_free.
#pragma once
#include <stdint.h>

#ifdef __cplusplus
#define CPX_EXTERN extern "C"
#else
#define CPX_EXTERN
#endif
#define CPX_API CPX_EXTERN __attribute__((visibility("default")))

#ifdef __cplusplus
namespace at { class Tensor; }
namespace cv { class Mat; }
typedef at::Tensor cpx_tensor;
typedef cv::Mat cpx_image;
#else
typedef struct cpx_tensor cpx_tensor;
typedef struct cpx_image cpx_image;
#endif

// ---- error.cpp --------------------------------------------------------------
CPX_API const char* cpx_last_error(void);

// ---- runtime.cpp ------------------------------------------------------------
CPX_API const char* cpx_torch_version(void);
CPX_API const char* cpx_opencv_version(void);
CPX_API const char* cpx_blas_library(void);          // path of the BLAS actually loaded
CPX_API int32_t cpx_get_num_threads(void);
CPX_API int32_t cpx_set_num_threads(int32_t n);
CPX_API int32_t cpx_cuda_device_count(void);
CPX_API int32_t cpx_manual_seed(uint64_t seed);
CPX_API int32_t cpx_grad_enabled(void);
CPX_API int32_t cpx_set_grad_enabled(int32_t enabled); // returns the previous value

// ---- tensor.cpp: lifetime, creation, properties, autograd ---------------------
// dtype codes follow c10::ScalarType: 0 uint8, 4 int64, 5 float16, 6 float32, 7 float64, 11 bool
// device: type 0 = cpu, 1 = cuda; index -1 = default
CPX_API void cpx_tensor_free(cpx_tensor* t);
CPX_API int64_t cpx_tensor_live_count(void);
CPX_API cpx_tensor* cpx_tensor_from_data(const void* data, int64_t nbytes, const int64_t* shape, int32_t ndim,
                                         int32_t dtype, int32_t device_type, int32_t device_index);
CPX_API int32_t cpx_tensor_copy_to(cpx_tensor* t, void* dst, int64_t nbytes);
CPX_API cpx_tensor* cpx_tensor_full(const int64_t* shape, int32_t ndim, double value, int32_t dtype,
                                    int32_t device_type, int32_t device_index);
CPX_API cpx_tensor* cpx_tensor_rand(const int64_t* shape, int32_t ndim, int32_t normal, int32_t dtype,
                                    int32_t device_type, int32_t device_index);
CPX_API cpx_tensor* cpx_tensor_arange(double start, double end, double step, int32_t dtype,
                                      int32_t device_type, int32_t device_index);
CPX_API int32_t cpx_tensor_ndim(cpx_tensor* t);
CPX_API int32_t cpx_tensor_shape(cpx_tensor* t, int64_t* out);
CPX_API int32_t cpx_tensor_dtype(cpx_tensor* t);
CPX_API int32_t cpx_tensor_device(cpx_tensor* t, int32_t* index);
CPX_API double cpx_tensor_item(cpx_tensor* t, int32_t* ok);
CPX_API int32_t cpx_tensor_requires_grad(cpx_tensor* t);
CPX_API int32_t cpx_tensor_set_requires_grad(cpx_tensor* t, int32_t value);
CPX_API cpx_tensor* cpx_tensor_grad(cpx_tensor* t);     // null without error when no grad
CPX_API int32_t cpx_tensor_zero_grad(cpx_tensor* t);
CPX_API int32_t cpx_tensor_backward(cpx_tensor* t, cpx_tensor* grad /* nullable */, int32_t retain_graph);
CPX_API cpx_tensor* cpx_tensor_to(cpx_tensor* t, int32_t dtype, int32_t device_type, int32_t device_index);
CPX_API cpx_tensor* cpx_tensor_clone(cpx_tensor* t);
CPX_API cpx_tensor* cpx_tensor_detach(cpx_tensor* t);
CPX_API cpx_tensor* cpx_tensor_contiguous(cpx_tensor* t);
CPX_API const char* cpx_tensor_to_string(cpx_tensor* t);

// In-place (no autograd history expected: initialisation, optimisers, buffers)
CPX_API int32_t cpx_tensor_normal_(cpx_tensor* t, double mean, double std);
CPX_API int32_t cpx_tensor_uniform_(cpx_tensor* t, double from, double to);
CPX_API int32_t cpx_tensor_fill_(cpx_tensor* t, double value);
CPX_API int32_t cpx_tensor_copy_(cpx_tensor* dst, cpx_tensor* src);
// Replaces t's storage (device moves of parameters keep the same handle and autograd leaf).
CPX_API int32_t cpx_tensor_set_data(cpx_tensor* t, cpx_tensor* data);
CPX_API cpx_tensor* cpx_tensor_alias(cpx_tensor* t);                  // a second handle on the same tensor
CPX_API int32_t cpx_tensor_scalar_(int32_t op, cpx_tensor* t, double value);  // 0 add_, 1 mul_

// ---- ops.cpp: tensor math --------------------------------------------------------
// binary op codes: 0 add, 1 sub, 2 mul, 3 div, 4 pow, 5 eq, 6 ne, 7 lt, 8 le, 9 gt, 10 ge,
//                  11 maximum, 12 minimum, 13 matmul, 14 atan2
CPX_API cpx_tensor* cpx_binary(int32_t op, cpx_tensor* a, cpx_tensor* b);
CPX_API cpx_tensor* cpx_binary_scalar(int32_t op, cpx_tensor* a, double b);
CPX_API cpx_tensor* cpx_rsub_scalar(cpx_tensor* a, double b);         // b - a
CPX_API cpx_tensor* cpx_rdiv_scalar(cpx_tensor* a, double b);         // b / a
// unary op codes: 0 neg, 1 abs, 2 sqrt, 3 exp, 4 log, 5 relu, 6 tanh, 7 sigmoid, 8 sign, 9 floor,
//                 10 round, 11 cos, 12 sin, 13 logical_not, 14 square
CPX_API cpx_tensor* cpx_unary(int32_t op, cpx_tensor* a);
CPX_API cpx_tensor* cpx_leaky_relu(cpx_tensor* a, double slope);
CPX_API cpx_tensor* cpx_clamp(cpx_tensor* a, double min, int32_t has_min, double max, int32_t has_max);
CPX_API cpx_tensor* cpx_where(cpx_tensor* cond, cpx_tensor* a, cpx_tensor* b);
// reductions: op 0 sum, 1 mean, 2 max, 3 min, 4 std, 5 var (over all dims when ndims == 0)
CPX_API cpx_tensor* cpx_reduce(int32_t op, cpx_tensor* a, const int64_t* dims, int32_t ndims, int32_t keepdim);
CPX_API cpx_tensor* cpx_argmax(cpx_tensor* a, int64_t dim, int32_t keepdim);
CPX_API cpx_tensor* cpx_cat(cpx_tensor** tensors, int32_t n, int64_t dim);
CPX_API cpx_tensor* cpx_stack(cpx_tensor** tensors, int32_t n, int64_t dim);
CPX_API cpx_tensor* cpx_slice(cpx_tensor* a, int64_t dim, int64_t start, int64_t end, int64_t step);
CPX_API cpx_tensor* cpx_index_select(cpx_tensor* a, int64_t dim, cpx_tensor* index);
CPX_API cpx_tensor* cpx_reshape(cpx_tensor* a, const int64_t* shape, int32_t ndim);
CPX_API cpx_tensor* cpx_view(cpx_tensor* a, const int64_t* shape, int32_t ndim);
CPX_API cpx_tensor* cpx_permute(cpx_tensor* a, const int64_t* dims, int32_t ndim);
CPX_API cpx_tensor* cpx_expand(cpx_tensor* a, const int64_t* shape, int32_t ndim);
CPX_API cpx_tensor* cpx_squeeze(cpx_tensor* a, int64_t dim);
CPX_API cpx_tensor* cpx_unsqueeze(cpx_tensor* a, int64_t dim);
CPX_API cpx_tensor* cpx_flip(cpx_tensor* a, const int64_t* dims, int32_t ndim);

// ---- nn.cpp: neural-network functions -----------------------------------------
CPX_API cpx_tensor* cpx_conv2d(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, const int64_t* stride,
                               const int64_t* padding, const int64_t* dilation, int64_t groups);
CPX_API cpx_tensor* cpx_conv_transpose2d(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, const int64_t* stride,
                                         const int64_t* padding, const int64_t* output_padding,
                                         const int64_t* dilation, int64_t groups);
CPX_API cpx_tensor* cpx_batch_norm(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, cpx_tensor* running_mean,
                                   cpx_tensor* running_var, int32_t training, double momentum, double eps);
CPX_API cpx_tensor* cpx_instance_norm(cpx_tensor* x, cpx_tensor* w, cpx_tensor* b, cpx_tensor* running_mean,
                                      cpx_tensor* running_var, int32_t use_input_stats, double momentum, double eps);
CPX_API cpx_tensor* cpx_dropout(cpx_tensor* x, double p, int32_t training);
// interpolate mode: 0 nearest, 1 bilinear, 2 area, 3 bicubic
CPX_API cpx_tensor* cpx_interpolate(cpx_tensor* x, int64_t out_h, int64_t out_w, int32_t mode, int32_t align_corners);
// pad: pads as in torch.nn.functional.pad (last dim first); mode 0 constant, 1 reflect, 2 replicate
CPX_API cpx_tensor* cpx_pad(cpx_tensor* x, const int64_t* pads, int32_t npads, int32_t mode, double value);
// losses: reduction 0 none, 1 mean, 2 sum
CPX_API cpx_tensor* cpx_mse_loss(cpx_tensor* x, cpx_tensor* y, int32_t reduction);
CPX_API cpx_tensor* cpx_l1_loss(cpx_tensor* x, cpx_tensor* y, int32_t reduction);
CPX_API cpx_tensor* cpx_bce_with_logits(cpx_tensor* x, cpx_tensor* y, int32_t reduction);
CPX_API cpx_tensor* cpx_avg_pool2d(cpx_tensor* x, const int64_t* kernel, const int64_t* stride, const int64_t* padding);

// ---- optim.cpp ----------------------------------------------------------------------
// One fused Adam step over n parameters (torch.optim.Adam semantics, L2 weight decay).
CPX_API int32_t cpx_optim_adam_step(cpx_tensor** params, cpx_tensor** exp_avg, cpx_tensor** exp_avg_sq, int32_t n,
                                    int64_t step, double lr, double beta1, double beta2, double eps,
                                    double weight_decay);

// ---- image.cpp: OpenCV codecs ---------------------------------------------------------
// Images are 8-bit, interleaved, RGB (3 channels) or gray (1 channel), rows contiguous.
CPX_API void cpx_image_free(cpx_image* img);
CPX_API int64_t cpx_image_live_count(void);
// flags: bit 0 = the file carries alpha (composite over white). max_pixels is re-checked natively.
CPX_API cpx_image* cpx_image_decode(const uint8_t* data, int64_t len, int64_t max_pixels, int32_t flags);
CPX_API cpx_image* cpx_image_from_pixels(const uint8_t* pixels, int32_t width, int32_t height, int32_t channels);
CPX_API int32_t cpx_image_info(cpx_image* img, int32_t* width, int32_t* height, int32_t* channels);
CPX_API int32_t cpx_image_copy_pixels(cpx_image* img, uint8_t* dst, int64_t nbytes);
// format: 0 png, 1 jpeg; quality for jpeg (1..100). Returns a buffer freed with cpx_buffer_free.
CPX_API uint8_t* cpx_image_encode(cpx_image* img, int32_t format, int32_t quality, int64_t* out_len);
CPX_API void cpx_buffer_free(uint8_t* buffer);
// interpolation: 0 nearest, 1 bilinear, 2 bicubic, 3 area
CPX_API cpx_image* cpx_image_resize(cpx_image* img, int32_t width, int32_t height, int32_t interpolation);
