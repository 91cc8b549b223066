// Images cross the boundary as 8-bit interleaved RGB (or gray) cv::Mat handles.
// The pixel cap is checked by the caller from the file header before this is reached; OpenCV's own
// limit (CV_IO_MAX_IMAGE_PIXELS) and the check after decoding are a second line of defence.
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <atomic>
#include <cstdlib>
#include <cstring>
#include "colorpix.h"
#include "error.h"

namespace {
std::atomic<int64_t> live_images{0};

cpx_image* wrap(cv::Mat mat) {
  live_images.fetch_add(1, std::memory_order_relaxed);
  return new cv::Mat(std::move(mat));
}

void check(bool condition, const std::string& message) {
  if (!condition) throw std::runtime_error(message);
}

// Any depth to 8 bits.
cv::Mat to_8bit(const cv::Mat& src) {
  if (src.depth() == CV_8U) return src;
  cv::Mat out;
  double scale = src.depth() == CV_16U ? 1.0 / 257.0 : src.depth() == CV_32F || src.depth() == CV_64F ? 255.0 : 1.0;
  src.convertTo(out, CV_8U, scale);
  return out;
}

// BGRA -> RGB composited over white, so transparent regions do not turn black.
cv::Mat flatten_alpha(const cv::Mat& bgra) {
  cv::Mat f, out;
  bgra.convertTo(f, CV_32F, 1.0 / 255.0);
  std::vector<cv::Mat> ch;
  cv::split(f, ch);
  for (int c = 0; c < 3; ++c) ch[c] = ch[c].mul(ch[3]) + (1.0f - ch[3]);
  ch.pop_back();
  cv::merge(ch, f);
  f.convertTo(out, CV_8U, 255.0);
  cv::cvtColor(out, out, cv::COLOR_BGR2RGB);
  return out;
}
}  // namespace

CPX_API void cpx_image_free(cpx_image* img) {
  if (!img) return;
  delete img;
  live_images.fetch_sub(1, std::memory_order_relaxed);
}

CPX_API int64_t cpx_image_live_count(void) { return live_images.load(); }

CPX_API cpx_image* cpx_image_decode(const uint8_t* data, int64_t len, int64_t max_pixels, int32_t flags) {
  CPX_TRY(nullptr, {
    check(len > 0, "empty image data");
    static const bool limit_set = [] { return setenv("CV_IO_MAX_IMAGE_PIXELS", "1073741824", 0) == 0; }();
    (void)limit_set;
    // Every refused upload would otherwise print imdecode warnings to stderr; the reason already
    // reaches the caller as the returned error. Only lowers verbosity, never raises it.
    static const bool quiet = [] {
      using namespace cv::utils::logging;
      if (getLogLevel() > LOG_LEVEL_ERROR) setLogLevel(LOG_LEVEL_ERROR);
      return true;
    }();
    (void)quiet;
    cv::Mat buffer(1, (int)len, CV_8U, const_cast<uint8_t*>(data));
    const bool has_alpha = (flags & 1) != 0;
    // IMREAD_COLOR applies EXIF orientation, converts CMYK, palette and gray to BGR; only files with
    // alpha are read unchanged, to composite them over white.
    cv::Mat mat = cv::imdecode(buffer, has_alpha ? cv::IMREAD_UNCHANGED : cv::IMREAD_COLOR);
    check(!mat.empty(), "the image data could not be decoded (corrupt, truncated or unsupported)");
    check((int64_t)mat.total() <= max_pixels, "image has " + std::to_string(mat.total()) +
                                                   " pixels, over the limit of " + std::to_string(max_pixels));
    mat = to_8bit(mat);
    cv::Mat rgb;
    switch (mat.channels()) {
      case 1: cv::cvtColor(mat, rgb, cv::COLOR_GRAY2RGB); break;
      case 3: cv::cvtColor(mat, rgb, cv::COLOR_BGR2RGB); break;
      case 4: rgb = flatten_alpha(mat); break;
      default: check(false, "unsupported channel count " + std::to_string(mat.channels()));
    }
    return wrap(rgb);
  })
}

CPX_API cpx_image* cpx_image_from_pixels(const uint8_t* pixels, int32_t width, int32_t height, int32_t channels) {
  CPX_TRY(nullptr, {
    check(width > 0 && height > 0, "image size must be positive");
    check(channels == 1 || channels == 3, "channels must be 1 or 3");
    cv::Mat view(height, width, CV_8UC(channels), const_cast<uint8_t*>(pixels));
    return wrap(view.clone());
  })
}

CPX_API int32_t cpx_image_info(cpx_image* img, int32_t* width, int32_t* height, int32_t* channels) {
  CPX_TRY(-1, {
    *width = img->cols;
    *height = img->rows;
    *channels = img->channels();
    return 0;
  })
}

CPX_API int32_t cpx_image_copy_pixels(cpx_image* img, uint8_t* dst, int64_t nbytes) {
  CPX_TRY(-1, {
    const int64_t size = (int64_t)img->total() * img->channels();
    check(size == nbytes, "image has " + std::to_string(size) + " bytes, destination " + std::to_string(nbytes));
    cv::Mat contiguous = img->isContinuous() ? *img : img->clone();
    std::memcpy(dst, contiguous.data, (size_t)nbytes);
    return 0;
  })
}

CPX_API uint8_t* cpx_image_encode(cpx_image* img, int32_t format, int32_t quality, int64_t* out_len) {
  CPX_TRY(nullptr, {
    check(format == 0 || format == 1, "format must be 0 (png) or 1 (jpeg)");
    check(quality >= 1 && quality <= 100, "jpeg quality must be within 1..100");
    cv::Mat bgr;
    if (img->channels() == 3) cv::cvtColor(*img, bgr, cv::COLOR_RGB2BGR);
    else bgr = *img;
    std::vector<uchar> bytes;
    std::vector<int> params = format == 1 ? std::vector<int>{cv::IMWRITE_JPEG_QUALITY, quality}
                                          : std::vector<int>{cv::IMWRITE_PNG_COMPRESSION, 3};
    check(cv::imencode(format == 1 ? ".jpg" : ".png", bgr, bytes, params), "encoding failed");
    auto* out = static_cast<uint8_t*>(std::malloc(bytes.size()));
    check(out != nullptr, "out of memory");
    std::memcpy(out, bytes.data(), bytes.size());
    *out_len = (int64_t)bytes.size();
    return out;
  })
}

CPX_API void cpx_buffer_free(uint8_t* buffer) { std::free(buffer); }

CPX_API cpx_image* cpx_image_resize(cpx_image* img, int32_t width, int32_t height, int32_t interpolation) {
  CPX_TRY(nullptr, {
    check(width > 0 && height > 0, "resize target must be positive");
    static const int modes[] = {cv::INTER_NEAREST, cv::INTER_LINEAR, cv::INTER_CUBIC, cv::INTER_AREA};
    check(interpolation >= 0 && interpolation <= 3, "unknown interpolation");
    cv::Mat out;
    cv::resize(*img, out, cv::Size(width, height), 0, 0, modes[interpolation]);
    return wrap(out);
  })
}
