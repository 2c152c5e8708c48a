// SPDX-License-Identifier: MIT
// MI responses: owning a core mi_response until it is handed over, and turning whatever a handler
// returns (a plain value, an mi_error, an mi_object / mi_array / mi_result) into one.
#pragma once
#include <concepts>
#include <cstddef>
#include <modsdk/config.hpp>
#include <string_view>
#include <type_traits>
#include <utility>

#include <modsdk/abi/common.hpp>
#include <modsdk/abi/core.hpp>
#include <modsdk/impl/mi/items.hpp>

MODSDK_BEGIN_NAMESPACE

struct mi_error;  // modsdk/mi.hpp

namespace detail::mi {

/// Owns a core MI response until it is handed to the core (the base of mi_object, mi_array, mi_result).
class response_owner {
 public:
  explicit response_owner(abi::mi_response* r) noexcept : resp_(r) {}
  response_owner(response_owner&& o) noexcept : resp_(std::exchange(o.resp_, nullptr)) {}
  response_owner& operator=(response_owner&& o) noexcept {
    if (this != &o) {
      reset();
      resp_ = std::exchange(o.resp_, nullptr);
    }
    return *this;
  }
  ~response_owner() { reset(); }
  /// Hands the response over (the core frees what a handler returns).
  abi::mi_response* release_response() noexcept { return std::exchange(resp_, nullptr); }

 private:
  void reset() noexcept {
    if (resp_) abi::free_mi_response(resp_);
    resp_ = nullptr;
  }
  abi::mi_response* resp_;
};

template <class R>
concept response_like = requires(R& r) {
  { r.release_response() } -> std::same_as<abi::mi_response*>;
};

inline abi::mi_response* error_response(int code, std::string_view msg, std::string_view details = {}) noexcept {
  return abi::init_mi_error_extra(code, msg.data(), static_cast<int>(msg.size()),
                                  details.empty() ? nullptr : details.data(), static_cast<int>(details.size()));
}

template <class R>
concept returnable =
    response_like<std::remove_cvref_t<R>> || std::same_as<std::remove_cvref_t<R>, mi_error> || item_value<R>;

/// A handler's return value as a core response (nullptr = out of memory; the core reports an error).
template <returnable R>
abi::mi_response* to_response(R&& r) {
  using D = std::remove_cvref_t<R>;
  if constexpr (response_like<D>) {
    return r.release_response();
  } else if constexpr (std::same_as<D, mi_error>) {
    return error_response(r.code, r.message, r.details);
  } else if constexpr (optional_inner<D>::is_optional) {
    return r ? to_response(*r) : abi::init_mi_result_null();
  } else if constexpr (std::same_as<D, bool>) {
    return abi::init_mi_result_bool(r ? 1 : 0);
  } else if constexpr (std::same_as<D, std::nullptr_t>) {
    return abi::init_mi_result_null();
  } else if constexpr (std::is_arithmetic_v<D>) {
    return abi::init_mi_result_number(static_cast<double>(r));
  } else {
    const std::string_view s = r;
    return abi::init_mi_result_string(s.data(), static_cast<int>(s.size()));
  }
}

}  // namespace detail::mi
MODSDK_END_NAMESPACE
