// Errors stop at the native boundary: every export body runs inside CPX_TRY, which stores the message
// in a thread-local string and returns the export's failure value (null or -1).
#pragma once
#include <exception>
#include <stdexcept>
#include <string>

namespace cpx {
void set_last_error(const char* message);
void clear_last_error();
// Records the message of the exception being handled (libtorch's without its C++ backtrace).
void set_last_error_from_current_exception();
}  // namespace cpx

#define CPX_TRY(fail_value, ...)                   \
  try {                                            \
    __VA_ARGS__                                    \
  } catch (...) {                                  \
    cpx::set_last_error_from_current_exception();  \
    return fail_value;                             \
  }
