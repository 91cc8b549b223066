#include <c10/util/Exception.h>
#include <opencv2/core.hpp>
#include "colorpix.h"
#include "error.h"

namespace {
thread_local std::string last_error;
}

void cpx::set_last_error(const char* message) { last_error = message ? message : ""; }
void cpx::clear_last_error() { last_error.clear(); }

void cpx::set_last_error_from_current_exception() {
  try {
    throw;
  } catch (const c10::Error& e) {
    last_error = e.what_without_backtrace();
  } catch (const cv::Exception& e) {
    last_error = "OpenCV: " + e.err;
  } catch (const std::bad_alloc&) {
    last_error = "out of memory";
  } catch (const std::exception& e) {
    last_error = e.what();
  } catch (...) {
    last_error = "unknown native error";
  }
}

CPX_API const char* cpx_last_error(void) { return last_error.c_str(); }
